#pragma once
// The individual checks behind a verdict. Each either decides (returns a verdict) or passes.
#include <optional>

#include "compliance/evidence.hpp"
#include "compliance/verdict.hpp"
#include "docker/container.hpp"

namespace dse::compliance {

// A daemon without seccomp support filters nothing; a custom profile would not even start.
std::optional<Verdict> check_daemon_support(const docker::DaemonSeccomp& daemon);
// --privileged disables seccomp whatever SecurityOpt says (dockerd skips the profile).
std::optional<Verdict> check_privileged(const docker::Container& container);
// The container's own seccomp option, if any: only unconfined decides here.
std::optional<Verdict> check_container_unconfined(const docker::Container& container);
// The daemon-wide default profile, for containers that set none of their own.
std::optional<Verdict> check_daemon_unconfined(const docker::Container& container, const docker::DaemonSeccomp& daemon);
// The configuration claims a filter: the kernel must agree for a running container.
std::optional<Verdict> check_kernel(const std::optional<kernel::SeccompMode>& kernel);
// Which profile applies (builtin or custom), and whether it is strong enough under the policy.
Verdict check_profile(const docker::Container& container, const Evidence& evidence);

// The profile that applies to a container: its inline one, the builtin, or the daemon's custom file
// (daemon_profile: nullopt when unreadable). nullopt when unknown or when no profile applies.
std::optional<ProfileAnalysis> applicable_profile(const docker::Container& container,
                                                  const docker::DaemonSeccomp& daemon,
                                                  const std::optional<ProfileAnalysis>& daemon_profile);

}  // namespace dse::compliance
