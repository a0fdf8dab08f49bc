#pragma once
// Reads a running container's seccomp state from procfs (--proc.path; /host/proc inside a container).
#include <string>

#include "kernel/proc_status.hpp"

namespace dse::kernel {

struct Observation {
  ProcSeccomp seccomp;  // mode unknown when it could not be read
  std::string error;    // why it is unknown
};

Observation observe_container(const std::string& proc_root, long long pid, const std::string& container_id);

}  // namespace dse::kernel
