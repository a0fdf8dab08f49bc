#include "metrics/syscall_families.hpp"

#include <algorithm>

#include "metrics/builders.hpp"

namespace dse::metrics {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

std::vector<MetricFamily> build_syscall_families(const state::ExporterState& state, const LabelOptions& options) {
  std::vector<MetricFamily> families;
  const auto& syscalls = state.syscalls;
  if (!syscalls.enabled) return families;
  if (!options.aggregate_only) {
    auto actions = family("container_syscall_actions_total",
                          "Syscalls a container's seccomp filter acted on, as the kernel's audit records tell "
                          "(logged, killed, trapped, ...; --collector.seccomp-audit).",
                          MetricType::Counter);
    std::vector<std::pair<const state::ContainerRecord*, const state::SyscallObservations::Counts*>> observed;
    for (const auto& [id, counts] : syscalls.by_container()) {
      const auto record = state.containers.records().find(id);
      // Excluded containers are not judged and export no per-container series (families.cpp), these included.
      if (record != state.containers.records().end() && !record->second.excluded) {
        observed.emplace_back(&record->second, &counts);
      }
    }
    std::sort(observed.begin(), observed.end(), [](const auto& a, const auto& b) {
      return std::tie(a.first->container.name, a.first->container.id) <
             std::tie(b.first->container.name, b.first->container.id);
    });
    for (const auto& [record, counts] : observed) {
      for (const auto& [key, count] : *counts) {
        auto labels = container_labels(*record, options, {"action", std::string(kernel::to_string(key.first))});
        labels.push_back({"syscall", key.second});  // last in name order
        actions.metric.push_back(counter(static_cast<double>(count), std::move(labels)));
      }
    }
    families.push_back(std::move(actions));
  }
  auto dropped = family("audit_records_dropped_total",
                        "Seccomp audit records not counted for a container, by reason: unattributed (a process "
                        "of no known container), lost (audit records of any type whose serial never arrived: the "
                        "socket overflowed or the kernel's rate limit dropped them), malformed, over_limit (a "
                        "container past 256 distinct syscalls and actions).",
                        MetricType::Counter);
  for (const auto& [reason, value] : {std::pair{"lost", syscalls.lost},
                                      {"malformed", syscalls.malformed},
                                      {"over_limit", syscalls.over_limit},
                                      {"unattributed", syscalls.unattributed}}) {
    dropped.metric.push_back(counter(static_cast<double>(value), {{"reason", reason}}));
  }
  families.push_back(std::move(dropped));
  // The single-sample families: one counter or gauge each.
  const auto single = [&families](const char* name, const char* help, MetricType type, ClientMetric sample) {
    auto one = family(name, help, type);
    one.metric.push_back(std::move(sample));
    families.push_back(std::move(one));
  };
  single("audit_socket_overflows_total",
         "Times the audit socket overflowed (ENOBUFS), each losing one record or more: the records are counted in "
         "audit_records_dropped_total{reason=\"lost\"}.",
         MetricType::Counter, counter(static_cast<double>(syscalls.overflows), {}));
  single("audit_process_tracking_up",
         "1 while the kernel's process events (the proc connector, CAP_NET_ADMIN) arrive: records of processes "
         "that exit at once are then given to their container by their parent.",
         MetricType::Gauge, gauge(syscalls.process_tracking ? 1 : 0));
  single("audit_process_events_overflows_total",
         "Times the process events' socket overflowed (ENOBUFS): processes forked then may be unattributed.",
         MetricType::Counter, counter(static_cast<double>(syscalls.process_event_overflows), {}));
  single("audit_collector_up", "1 while the seccomp audit collector is subscribed to the kernel's records.",
         MetricType::Gauge, gauge(syscalls.subscribed ? 1 : 0));
  return families;
}

}  // namespace dse::metrics
