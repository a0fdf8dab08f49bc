#pragma once
// Reads a running container's seccomp state from procfs (--proc.path; /host/proc inside a container).
#include <string>

#include "kernel/proc_status.hpp"

namespace dse::kernel {

struct Observation {
  ProcSeccomp seccomp;  // mode unknown when it could not be read
  std::string error;    // why it is unknown
  // The process's only filters are its parent's (the engine runs filtered): mode is then disabled.
  bool inherited_only = false;
};

// /proc/<pid>/cgroup and status read through one /proc/<pid> directory handle; the pid must be in the
// container's cgroup. A running or paused container's process.
Observation observe_container(const std::string& proc_root, long long pid, const std::string& container_id);

}  // namespace dse::kernel
