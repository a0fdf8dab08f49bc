#pragma once
// The individual checks behind a verdict. Each either decides (returns a verdict) or passes.
#include <optional>

#include "compliance/verdict.hpp"
#include "docker/container.hpp"
#include "docker/daemon_info.hpp"

namespace dse::compliance {

// A daemon without seccomp support filters nothing; a custom profile would not even start.
std::optional<Verdict> check_daemon_support(const docker::DaemonSeccomp& daemon);
// --privileged disables seccomp whatever SecurityOpt says (dockerd skips the profile).
std::optional<Verdict> check_privileged(const docker::Container& container);
// The container's own seccomp option, if any.
std::optional<Verdict> check_security_opt(const docker::Container& container);
// The daemon-wide default profile, for containers that set none.
Verdict check_daemon_profile(const docker::DaemonSeccomp& daemon);

}  // namespace dse::compliance
