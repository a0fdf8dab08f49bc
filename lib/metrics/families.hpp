#pragma once
// The exporter's metric families, built at scrape time from the monitor's state.
#include <prometheus/metric_family.h>

#include <string_view>
#include <vector>

#include "monitor/exporter_state.hpp"

namespace dse::metrics {

inline constexpr std::string_view prefix = "docker_seccomp_";

// Every family, in exposition order: the per-container families, then the summary.
std::vector<prometheus::MetricFamily> build_families(const monitor::ExporterState& state,
                                                     std::string_view version);
// One series per container and family (none with --metrics.aggregate-only); they depend only on the
// container store and the label options.
std::vector<prometheus::MetricFamily> build_container_families(const monitor::ExporterState& state);
// Counts, counters, health and build information.
std::vector<prometheus::MetricFamily> build_summary_families(const monitor::ExporterState& state,
                                                             std::string_view version);

// Docker's event actions are a closed set; anything else is counted as "other" to bound cardinality.
std::string_view event_action_label(std::string_view action);

}  // namespace dse::metrics
