#pragma once
// The exporter's metric families, built at scrape time from the monitor's state.
#include <prometheus/metric_family.h>

#include <array>
#include <string_view>
#include <vector>

#include "kernel/proc_status.hpp"
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
// The same series as samples: family index, value and the family's own label (empty name for none), in
// family order. What add_container_series builds, and what Exposition writes as text directly.
struct ContainerSample {
  std::size_t family;
  double value;
  prometheus::ClientMetric::Label label;
};
template <class Sink>
void for_each_container_sample(const state::ContainerRecord& record, Sink&& sink);
// Judged (not excluded) records sorted by name, then id, so that a scrape reads the same each time.
std::vector<const state::ContainerRecord*> judged_records(const state::ExporterState& state);

// Docker's builtin profile is known and strong: series only for custom profiles, keeping cardinality
// (and scrape size) where it tells something.
inline bool has_custom_profile(const state::ContainerRecord& record) {
  return record.profile && !record.profile->builtin &&
         record.profile->effect == compliance::ProfileAnalysis::Effect::filter;
}

template <class Sink>
void for_each_container_sample(const state::ContainerRecord& record, Sink&& sink) {
  sink(ContainerSample{
      0, record.verdict.compliant ? 1.0 : 0.0, {"reason", std::string(compliance::to_string(record.verdict.reason))}});
  if (record.kernel) sink(ContainerSample{1, 1, {"mode", std::string(kernel::to_string(record.kernel->seccomp.mode))}});
  if (!has_custom_profile(record)) return;
  sink(ContainerSample{2, static_cast<double>(record.profile->risky_allowed.size()), {}});
  sink(ContainerSample{3, static_cast<double>(record.profile->unknown_names.size()), {}});
  sink(ContainerSample{4, 1, {"action", record.profile->default_action}});
}

// Counts, counters, health and build information.
std::vector<prometheus::MetricFamily> build_summary_families(const state::ExporterState& state, const BuildInfo& build);

}  // namespace dse::metrics
