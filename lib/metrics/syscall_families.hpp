#pragma once
// --collector.seccomp-audit's families: what each container's filter did, by action and syscall, and the
// records no container could be given. None without the collector.
#include <prometheus/metric_family.h>

#include <vector>

#include "metrics/label_options.hpp"
#include "state/exporter_state.hpp"

namespace dse::metrics {

std::vector<prometheus::MetricFamily> build_syscall_families(const state::ExporterState& state,
                                                             const LabelOptions& options);

}  // namespace dse::metrics
