#include "kernel/proc_reader.hpp"

#include "util/read_file.hpp"

namespace dse::kernel {

Observation observe_container(const std::string& proc_root, long long pid, const std::string& container_id) {
  Observation result;
  if (pid <= 0) {
    result.error = "no process";
    return result;
  }
  const auto dir = proc_root + "/" + std::to_string(pid);
  // cgroup first: if the pid is not the container's, its status says nothing about the container.
  const auto cgroup = read_file(dir + "/cgroup");
  const auto status = cgroup ? read_file(dir + "/status") : Expected<std::string>(Error{cgroup.error()});
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
  return result;
}

}  // namespace dse::kernel
