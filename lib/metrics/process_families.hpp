#pragma once
// process_* families, named and typed as the Prometheus client libraries export them (no exporter prefix):
// what dashboards and alerts on any exporter already use.
#include <prometheus/metric_family.h>

#include <vector>

#include "kernel/self_process.hpp"

namespace dse::metrics {

std::vector<prometheus::MetricFamily> build_process_families(const kernel::ProcessStats& stats);

}  // namespace dse::metrics
