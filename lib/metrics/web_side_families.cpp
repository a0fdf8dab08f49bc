#include "metrics/web_side_families.hpp"

#include "metrics/builders.hpp"

namespace dse::metrics {

using prometheus::MetricFamily;
using prometheus::MetricType;

std::vector<MetricFamily> build_web_side_families(const state::WebSideStats& stats) {
  std::vector<MetricFamily> families;
  if (!stats.separated) return families;
  families.push_back(single_gauge("web_side_up",
                                  "1 while the endpoint's own process (the web side) runs and answers its heartbeat; "
                                  "it is restarted within a second when it ends.",
                                  stats.up ? 1 : 0));
  families.push_back(single_counter("web_side_starts_total",
                                    "Times the web side was started (the first start included).", stats.starts));
  families.push_back(labelled_counter("web_side_exits_total",
                                      "Times the web side ended, by cause: its exit code, the signal that ended it, "
                                      "a protocol_error (a malformed request; the engine side ends it) or "
                                      "heartbeat_missed.",
                                      "cause", stats.exits_by_cause));
  families.push_back(labelled_counter("web_side_refused_syscalls_total",
                                      "System calls the web side's own seccomp filter refused, by name: a process "
                                      "that serves HTTP never needs them, an attacker inside it would.",
                                      "syscall", stats.refused_by_syscall));
  auto confined = family("web_side_confinement",
                         "The web side's confinement, 1 where in force: seccomp (the kernel's count of filters in its "
                         "/proc/<pid>/status exceeds the engine side's), landlock (as it reports), "
                         "unprivileged_user (its uid is not 0, by /proc).",
                         MetricType::Gauge);
  confined.metric.push_back(gauge(stats.seccomp_filters.value_or(0) > stats.engine_seccomp_filters.value_or(0) ? 1 : 0,
                                  {{"mechanism", "seccomp"}}));
  confined.metric.push_back(gauge(stats.landlock ? 1 : 0, {{"mechanism", "landlock"}}));
  confined.metric.push_back(gauge(stats.uid && *stats.uid != 0 ? 1 : 0, {{"mechanism", "unprivileged_user"}}));
  families.push_back(std::move(confined));
  return families;
}

}  // namespace dse::metrics
