#pragma once
// The exporter's metric families, built at scrape time from the monitor's state.
#include <prometheus/metric_family.h>

#include <array>
#include <string_view>
#include <vector>

#include "metrics/label_options.hpp"
#include "state/exporter_state.hpp"
#include "util/build_info.hpp"

namespace dse::metrics {

inline constexpr std::string_view prefix = "docker_seccomp_";

// Every family, in exposition order: the per-container families (none with --metrics.aggregate-only),
// then the summary. The reference rendering; /metrics assembles the same text through Exposition.
std::vector<prometheus::MetricFamily> build_families(const state::ExporterState& state, const LabelOptions& options,
                                                     const BuildInfo& build);
// The per-container families, in exposition order, without series; and one container's series in them.
inline constexpr std::size_t container_family_count = 5;
using ContainerFamilies = std::array<prometheus::MetricFamily, container_family_count>;
ContainerFamilies container_families();
void add_container_series(const state::ContainerRecord& record, const LabelOptions& options,
                          ContainerFamilies& families);
// Judged (not excluded) records sorted by name, then id, so that a scrape reads the same each time.
std::vector<const state::ContainerRecord*> judged_records(const state::ExporterState& state);

// Counts, counters, health and build information.
std::vector<prometheus::MetricFamily> build_summary_families(const state::ExporterState& state, const BuildInfo& build);

}  // namespace dse::metrics
