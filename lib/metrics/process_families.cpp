#include "metrics/process_families.hpp"

#include <string>

namespace dse::metrics {

using prometheus::MetricFamily;
using prometheus::MetricType;

std::vector<MetricFamily> build_process_families(const kernel::ProcessStats& stats) {
  const auto one = [](std::string name, std::string help, MetricType type, double value) {
    MetricFamily family{std::move(name), std::move(help), type, {}};
    family.metric.emplace_back();
    if (type == MetricType::Counter)
      family.metric.back().counter.value = value;
    else
      family.metric.back().gauge.value = value;
    return family;
  };
  return {
      one("process_cpu_seconds_total", "Total user and system CPU time spent in seconds.", MetricType::Counter,
          stats.cpu_seconds),
      one("process_max_fds", "Maximum number of open file descriptors.", MetricType::Gauge, stats.max_fds),
      one("process_open_fds", "Number of open file descriptors.", MetricType::Gauge, stats.open_fds),
      one("process_resident_memory_bytes", "Resident memory size in bytes.", MetricType::Gauge, stats.resident_bytes),
      one("process_start_time_seconds", "Start time of the process since unix epoch in seconds.", MetricType::Gauge,
          stats.start_time_seconds),
      one("process_virtual_memory_bytes", "Virtual memory size in bytes.", MetricType::Gauge, stats.virtual_bytes)};
}

}  // namespace dse::metrics
