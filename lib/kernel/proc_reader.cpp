#include "kernel/proc_reader.hpp"

#include <fcntl.h>
#include <unistd.h>

namespace dse::kernel {

namespace {

// procfs files are small and generated on read: plain read(2) into one buffer, no stream machinery.
bool read_small_file(const std::string& path, std::string& out) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  out.clear();
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof(buffer))) > 0) out.append(buffer, static_cast<std::size_t>(got));
  ::close(fd);
  return got == 0;
}

}  // namespace

Observation observe_container(const std::string& proc_root, long long pid, const std::string& container_id) {
  Observation result;
  if (pid <= 0) {
    result.error = "no process";
    return result;
  }
  const auto dir = proc_root + "/" + std::to_string(pid);
  std::string cgroup;
  std::string status;
  // cgroup first: if the pid is not the container's, its status says nothing about the container.
  if (!read_small_file(dir + "/cgroup", cgroup) || !read_small_file(dir + "/status", status)) {
    result.error = "cannot read " + dir + " (process gone, other pid namespace, or no permission)";
    return result;
  }
  if (!cgroup_belongs_to(cgroup, container_id)) {
    result.error = dir + " is not the container's process (other pid namespace, or pid reused)";
    return result;
  }
  auto parsed = parse_proc_status(status);
  if (!parsed) {
    result.error = dir + "/status: " + parsed.error();
    return result;
  }
  result.seccomp = *parsed;
  return result;
}

}  // namespace dse::kernel
