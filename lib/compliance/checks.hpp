#pragma once
// The individual checks behind a verdict. Each either decides (returns a verdict) or passes.
#include <optional>

#include "compliance/evidence.hpp"
#include "compliance/seccomp_profile.hpp"
#include "compliance/verdict.hpp"
#include "docker/container.hpp"

namespace dse::compliance {

// A daemon without seccomp support filters nothing; a custom profile would not even start.
std::optional<Verdict> check_daemon_support(const docker::DaemonSeccomp& daemon);

// The loader that reads this engine's profiles (by /info's version: moby/profiles from Docker 23).
MobyLoader engine_loader(const docker::DaemonSeccomp& daemon);
// --privileged disables seccomp (dockerd skips the profile), unless the engine applies a container's own
// custom profile to privileged containers too (Docker >= 27) and the container has one.
std::optional<Verdict> check_privileged(const docker::Container& container, const Evidence& evidence);
// The container's own seccomp option, if any: only unconfined decides here.
std::optional<Verdict> check_container_unconfined(const Evidence& evidence);
// The daemon-wide default profile, for containers that set none of their own.
// A running container whose process the kernel shows filtered is not judged by it: with live-restore it
// keeps the filter it started with before the daemon was restarted unconfined.
std::optional<Verdict> check_daemon_unconfined(const Evidence& evidence);
// The configuration claims a filter: the kernel must agree for a running container.
std::optional<Verdict> check_kernel(const std::optional<kernel::SeccompMode>& kernel);
// Whether the container's "seccomp=builtin" names the default profile: only on engines that know the name
// (moby v23.0.0), and never for a privileged container on Docker >= 27, whose option goes straight to
// LoadProfile (moby 28 daemon/seccomp_linux.go WithSeccomp), which decodes "builtin" as profile JSON.
bool builtin_names_default(const docker::Container& container, const docker::DaemonSeccomp& daemon);
// The container's own seccomp option as this engine reads it: parsed once per judgement, into the evidence.
SeccompOption container_seccomp_option(const docker::Container& container, const docker::DaemonSeccomp& daemon);
// Whether the engine applies this privileged container's own profile: Docker >= 27 its custom one, Podman
// any but its default files (its own option's, or containers.conf's seccomp_profile).
bool own_profile_applies_when_privileged(const docker::DaemonSeccomp& daemon, const SeccompOption& option);

// A custom profile the runtime refused when the container last started (State.Error): invalid_profile.
std::optional<Verdict> check_start_refused(const docker::Container& container, const Evidence& evidence);
// A custom profile the engine cannot load (the container cannot start) or installs no filter for.
std::optional<Verdict> check_profile_effect(const Evidence& evidence);
// Which profile applies (builtin or custom), and whether it is strong enough under the policy.
Verdict check_profile(const Evidence& evidence);

// One container's profile as the engine finds it: the container, its option (container_seccomp_option),
// the text of the file that option names (Podman; nullopt when unread), and the engine with its host files.
struct ProfileSource {
  const docker::Container& container;
  const SeccompOption& option;
  const std::optional<std::string>& own_file;
  const docker::DaemonSeccomp& daemon;
  const HostProfiles& host;
};

// The profile that applies to a container, analysed as the engine would set it up for that container:
// its inline one or file, the builtin, or the daemon's custom file. nullopt when unknown or when no profile
// applies.
std::optional<ProfileAnalysis> applicable_profile(const ProfileSource& source);
// The text of that profile when it is one (the container's own custom one, or the daemon's file): the
// learning profile a container ran under, which its suggested profile is made from. nullopt for the
// engine's builtin, no profile, or one unknown.
std::optional<std::string> applicable_profile_text(const ProfileSource& source);
// How many syscalls a suggested profile lets this container make, against the engine's default for it.
std::optional<SyscallCount> suggestion_allows(std::string_view suggestion, const docker::Container& container,
                                              const docker::DaemonSeccomp& daemon, const HostProfiles& host);

}  // namespace dse::compliance
