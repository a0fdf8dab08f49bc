#pragma once
// --collector.seccomp-audit: the kernel's seccomp audit records (type 1326) from the NETLINK_AUDIT
// read-only multicast group (needs CAP_AUDIT_READ and the initial pid namespace), each given to the
// container whose process made the syscall, on the same event loop as everything else.
#include <boost/asio/awaitable.hpp>

#include <optional>
#include <string>

#include "kernel/audit_record.hpp"
#include "kernel/audit_serials.hpp"
#include "kernel/process_tree.hpp"
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
  // One datagram of the kernel's process events (fork, exec, exit).
  void on_process_datagram(std::string_view datagram);

 private:
  void on_record(const kernel::SeccompRecord& record);
  boost::asio::awaitable<void> tick();
  // Follows the kernel's process events while the socket can be opened (CAP_NET_ADMIN); without them,
  // a process is placed only by reading its /proc/<pid>/cgroup when its record arrives.
  boost::asio::awaitable<void> track_processes();
  // Everything the process events' socket holds now: before a record of a process not yet placed is
  // given to a container, the fork that made it (sent before the record) has been read.
  void drain_process_events();
  // The container a process's cgroup names; nullopt for a host process or one that cannot be placed.
  std::optional<std::string> container_of(long long pid);
  std::optional<std::string> read_cgroup(long long pid) const;

  std::string m_proc_path;
  state::ExporterState& m_state;
  kernel::SyscallNames m_names;
  kernel::AuditSerials m_serials;
  kernel::ProcessTree m_processes;
  int m_process_events_fd = -1;  // owned by track_processes' stream descriptor
};

}  // namespace dse::monitor
