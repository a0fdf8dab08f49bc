#pragma once
// Which container each process on the host belongs to, kept from the kernel's process events
// (proc_connector.hpp) so that a record can be given to its container after the process is gone:
//   - a child forked by a process of a container is of that container, from its fork;
//   - a process that execs is looked up then (runc's `exec` joins a container's cgroup before it execs);
//   - an exited process is remembered for a while: its records may still be queued on the audit socket.
// Pure: reading /proc/<pid>/cgroup is the caller's, passed in as a function.
#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>

namespace dse::kernel {

class ProcessTree {
 public:
  using Clock = std::chrono::steady_clock;
  // A process's container as /proc says it: nullopt when it could not be read (the process is gone),
  // an empty string for a process of no container, else the container's id.
  using CgroupReader = std::function<std::optional<std::string>(long long tgid)>;

  // Exited processes are kept this long after their exit event was handled.
  static constexpr auto exited_memory = std::chrono::seconds(10);
  static constexpr std::size_t max_processes = 65536;
  // How far up a gone process's ancestors a lookup goes before it gives up.
  static constexpr int max_ancestors = 64;

  void forked(long long parent_tgid, long long child_tgid);
  void execed(long long tgid, const CgroupReader& read);
  void exited(long long tgid, Clock::time_point now);
  // Forgets processes that exited more than exited_memory before now.
  void sweep(Clock::time_point now);
  // The container of a process: its own (read if not yet known), else its nearest ancestor's when it is
  // gone; nullopt for a host process or one nobody can place.
  std::optional<std::string> container_of(long long tgid, const CgroupReader& read);

  // True when the process's place (a container or the host) is known and it has not exited: a record of
  // it needs no fresher events.
  bool placed(long long tgid) const;

  std::size_t size() const { return m_processes.size(); }
  // Processes not kept because the table was full (their records fall back to a read of /proc).
  std::uint64_t refused = 0;

 private:
  enum class Known { unread, host, container };
  struct Process {
    long long parent = 0;
    Known known = Known::unread;
    std::shared_ptr<const std::string> container;  // shared by a container's processes
    std::optional<Clock::time_point> exited_at;
  };
  struct Placement {
    Known known = Known::unread;
    std::shared_ptr<const std::string> container;
  };
  // What /proc says of one process, kept in its entry when there is room; nullopt when it is gone.
  std::optional<Placement> read_into(long long tgid, const CgroupReader& read);
  // The entry of a process, made if there is none; nullptr when the table is full.
  Process* entry(long long tgid);

  std::unordered_map<long long, Process> m_processes;
};

}  // namespace dse::kernel
