#include "kernel/proc_reader.hpp"

#include <fstream>
#include <sstream>

namespace dse::kernel {

namespace {

bool read_small_file(const std::string& path, std::string& out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream text;
  text << in.rdbuf();
  out = text.str();
  return true;
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
