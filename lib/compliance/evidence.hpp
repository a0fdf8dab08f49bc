#pragma once
// What the verdict rests on beyond the inspect JSON: the daemon, the kernel's word, the profile's strength.
#include <optional>

#include "compliance/profile_analysis.hpp"
#include "docker/daemon_info.hpp"
#include "kernel/proc_status.hpp"

namespace dse::compliance {

struct Policy {
  bool weak_profile_noncompliant = false;  // CIS itself calls any profile compliant
};

struct Evidence {
  docker::DaemonSeccomp daemon;
  std::optional<ProfileAnalysis> profile;     // the applicable profile (see applicable_profile), if known
  std::optional<kernel::SeccompMode> kernel;  // running containers whose /proc status was read
  Policy policy;
};

}  // namespace dse::compliance
