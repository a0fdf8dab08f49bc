#pragma once
// What the kernel's audit records say each container's seccomp filter did (--collector.seccomp-audit):
// counts by container, action and syscall, bounded per container, and every record that could not be
// given to a container counted by why.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "kernel/audit_record.hpp"

namespace dse::state {

class SyscallObservations {
 public:
  // Distinct (action, syscall) pairs kept per container; more are counted as over_limit.
  static constexpr std::size_t max_pairs_per_container = 256;
  using Action = kernel::SeccompAction;
  using Counts = std::map<std::pair<Action, std::string>, std::uint64_t>;  // (action, syscall) -> records

  // What may be missing from a container's counts, and so from its suggested profile.
  struct Gaps {
    std::uint64_t over_limit = 0;  // its records past max_pairs_per_container
    std::uint64_t lost = 0;        // records lost (of any process) since the exporter first knew it
    bool complete() const { return over_limit == 0 && lost == 0; }
  };

  using Clock = std::chrono::steady_clock;
  // Records of a container not stored yet are held this long, at most this many, then unattributed.
  static constexpr auto pending_memory = std::chrono::seconds(10);
  static constexpr std::size_t max_pending = 4096;

  void record(const std::string& container_id, Action action, const std::string& syscall);
  // A record of a container the monitor has not stored yet: runc's last calls before the entrypoint's
  // execve, and the entrypoint's first, come while the container's create is still being inspected.
  // Held until know(container_id), or unattributed by expire_pending.
  void hold(const std::string& container_id, Action action, const std::string& syscall, Clock::time_point now);
  void expire_pending(Clock::time_point now);
  // The monitor stores a container: records lost from now on may be its, and those held for it count.
  void know(const std::string& container_id);
  void forget(const std::string& container_id);
  // Records the kernel sent that never arrived (kernel/audit_serials.hpp): whose, nobody can tell.
  void add_lost(std::uint64_t records) { lost += records; }
  const std::unordered_map<std::string, Counts>& by_container() const { return m_by_container; }
  // The syscalls a container's filter logged (SeccompAction::log), sorted: what a suggested profile allows.
  std::vector<std::string> logged(const std::string& container_id) const;
  Gaps gaps(const std::string& container_id) const;

  bool enabled = false;                       // --collector.seccomp-audit
  bool subscribed = false;                    // the audit multicast socket is open
  bool process_tracking = false;              // the kernel's process events arrive (kernel/proc_connector.hpp)
  std::uint64_t process_event_overflows = 0;  // ENOBUFS on the process events' socket
  std::uint64_t unattributed = 0;             // the process was in no known container, or gone before it was looked up
  std::uint64_t lost = 0;        // records: serials the socket never delivered (ENOBUFS, the kernel's rate limit)
  std::uint64_t overflows = 0;   // ENOBUFS: times the socket overflowed (each time, one record or more)
  std::uint64_t malformed = 0;   // not a record this decoder understands
  std::uint64_t over_limit = 0;  // a container past max_pairs_per_container

 private:
  struct Pending {
    std::string container_id;
    Action action;
    std::string syscall;
    Clock::time_point at;
  };
  std::deque<Pending> m_pending;
  std::unordered_map<std::string, Counts> m_by_container;
  std::unordered_map<std::string, std::uint64_t> m_over_limit;     // by container
  std::unordered_map<std::string, std::uint64_t> m_lost_at_start;  // `lost` when the container became known
};

}  // namespace dse::state
