#pragma once
// What the verdict rests on beyond the inspect JSON: the daemon, the kernel's word, the profile's strength.
#include <optional>

#include "compliance/profile_analysis.hpp"
#include "compliance/seccomp_option.hpp"
#include "docker/daemon_info.hpp"
#include "kernel/proc_status.hpp"

namespace dse::compliance {

struct Policy {
  bool weak_profile_noncompliant = false;  // CIS itself calls any profile compliant
};

// Texts of the profile files the engine reads on the host, as the monitor read them: judging opens no file.
struct HostProfiles {
  std::optional<std::string> daemon_file;  // the daemon-wide custom profile, when readable
  std::string podman_default;              // Podman's package file, the baseline of "risky" there; empty: Docker's
  bool operator==(const HostProfiles&) const = default;
};

struct Evidence {
  docker::DaemonSeccomp daemon;
  SeccompOption option;                    // the container's own, parsed once per judgement (container_seccomp_option)
  std::optional<ProfileAnalysis> profile;  // the applicable profile (see applicable_profile), if known
  std::optional<kernel::SeccompMode> kernel;  // running containers whose /proc status was read
  Policy policy;
};

}  // namespace dse::compliance
