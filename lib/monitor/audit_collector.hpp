#pragma once
// --collector.seccomp-audit: the kernel's seccomp audit records (type 1326) from the NETLINK_AUDIT
// read-only multicast group (needs CAP_AUDIT_READ and the initial pid namespace), each given to the
// container whose process made the syscall, on the same event loop as everything else.
#include <boost/asio/awaitable.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <unordered_map>

#include "kernel/audit_record.hpp"
#include "kernel/audit_serials.hpp"
#include "kernel/syscall_names.hpp"
#include "state/exporter_state.hpp"

namespace dse::monitor {

class AuditCollector {
 public:
  AuditCollector(std::string proc_path, state::ExporterState& state)
      : m_proc_path(std::move(proc_path)), m_state(state) {}

  // Subscribes and reads until cancelled; a socket that cannot be opened is logged and retried.
  boost::asio::awaitable<void> run();
  // One datagram as the socket delivered it (the same path the tests and the benchmark drive).
  void on_datagram(std::string_view datagram);

 private:
  void on_record(const kernel::SeccompRecord& record);
  boost::asio::awaitable<void> tick_serials();
  // The container of a process, from /proc/<pid>/cgroup, remembered for a moment (a burst of records
  // comes from few processes); nullopt for a process of no known container.
  std::optional<std::string> container_of(long long pid);

  struct Known {
    std::optional<std::string> container_id;
    std::chrono::steady_clock::time_point read_at;
  };
  std::string m_proc_path;
  state::ExporterState& m_state;
  kernel::SyscallNames m_names;
  kernel::AuditSerials m_serials;
  std::unordered_map<long long, Known> m_pids;
};

}  // namespace dse::monitor
