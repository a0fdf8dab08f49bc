#include "kernel/proc_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <charconv>

namespace dse::kernel {

namespace {

// /proc/<pid> held open: every file read through it is that one process's, even if the pid is reused
// meanwhile (then reads fail with ESRCH instead of describing another process).
class ProcessDir {
 public:
  ProcessDir(const std::string& proc_root, long long pid)
      : m_fd(::open((proc_root + "/" + std::to_string(pid)).c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {}
  ~ProcessDir() {
    if (m_fd >= 0) ::close(m_fd);
  }
  ProcessDir(const ProcessDir&) = delete;
  ProcessDir& operator=(const ProcessDir&) = delete;

  bool open() const { return m_fd >= 0; }

  // A small procfs file (status, cgroup): read to its end, at most 64 KiB.
  std::optional<std::string> read(const char* name) const {
    const int fd = ::openat(m_fd, name, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return std::nullopt;
    std::string text;
    char buffer[4096];
    ssize_t got = 0;
    while (text.size() < 64 * 1024 && (got = ::read(fd, buffer, sizeof buffer)) > 0)
      text.append(buffer, static_cast<std::size_t>(got));
    ::close(fd);
    if (got < 0) return std::nullopt;
    return text;
  }

 private:
  int m_fd;
};

std::optional<long long> parent_pid(std::string_view status) {
  const auto at = status.find("\nPPid:");
  if (at == std::string_view::npos) return std::nullopt;
  auto rest = status.substr(at + 6);
  while (!rest.empty() && (rest.front() == '\t' || rest.front() == ' ')) rest.remove_prefix(1);
  long long pid = 0;
  const auto [end, ec] = std::from_chars(rest.data(), rest.data() + rest.size(), pid);
  if (ec != std::errc{} || pid <= 0) return std::nullopt;
  return pid;
}

// A process inherits its parent's filters: the container's own filter is one more than its parent (the
// runtime's shim) has. When the engine itself runs filtered, Seccomp: 2 alone would credit the container
// with a filter that is the engine's.
bool only_inherited(const ProcSeccomp& own, const std::string& proc_root, std::string_view status) {
  if (own.mode != SeccompMode::filter || !own.filters) return false;
  const auto ppid = parent_pid(status);
  if (!ppid) return false;
  const ProcessDir parent(proc_root, *ppid);
  const auto parent_status = parent.open() ? parent.read("status") : std::nullopt;
  const auto parsed = parent_status ? parse_proc_status(*parent_status) : Expected<ProcSeccomp>(Error{"unread"});
  return parsed && parsed->filters && *own.filters <= *parsed->filters;
}

}  // namespace

Observation observe_container(const std::string& proc_root, long long pid, const std::string& container_id) {
  Observation result;
  if (pid <= 0) {
    result.error = "no process";
    return result;
  }
  const auto dir = proc_root + "/" + std::to_string(pid);
  const ProcessDir process(proc_root, pid);
  // cgroup first: if the pid is not the container's, its status says nothing about the container.
  const auto cgroup = process.open() ? process.read("cgroup") : std::nullopt;
  const auto status = cgroup ? process.read("status") : std::nullopt;
  if (!status) {
    result.error = "cannot read " + dir + " (process gone, other pid namespace, or no permission)";
    return result;
  }
  if (!cgroup_belongs_to(*cgroup, container_id)) {
    result.error = dir + " is not the container's process (other pid namespace, or pid reused)";
    return result;
  }
  auto parsed = parse_proc_status(*status);
  if (!parsed) {
    result.error = dir + "/status: " + parsed.error();
    return result;
  }
  result.seccomp = *parsed;
  if (only_inherited(result.seccomp, proc_root, *status)) {
    result.seccomp.mode = SeccompMode::disabled;  // no filter of its own
    result.inherited_only = true;
  }
  return result;
}

}  // namespace dse::kernel
