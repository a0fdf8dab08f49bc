#pragma once
// The daemon's seccomp set-up, from `GET /info` -> SecurityOptions.
#include <string>
#include <string_view>
#include <tuple>
#include <utility>

#include "util/expected.hpp"

namespace dse::docker {

// The daemon's default seccomp profile, as /info names it (dockerd --seccomp-profile).
enum class DaemonProfile {
  unknown,          // not reported (no /info yet, or no seccomp support)
  default_profile,  // "default": the built-in profile (Docker < 23, Podman)
  builtin,          // "builtin": the same, as Docker >= 23 names it (moby daemon/config SeccompProfileDefault)
  unconfined,       // "unconfined": containers without a profile of their own run unfiltered
  file,             // a file path: the daemon's custom default
};

// /info's word ("default", "builtin", "unconfined", a path, "" for none) as a DaemonProfile and its path.
std::pair<DaemonProfile, std::string> parse_daemon_profile(std::string_view reported);

struct DaemonSeccomp {
  DaemonSeccomp() = default;
  DaemonSeccomp(bool supported, std::string_view reported) : supported(supported) {
    std::tie(profile, profile_path) = parse_daemon_profile(reported);
  }

  bool supported = false;  // a name=seccomp entry is present
  DaemonProfile profile = DaemonProfile::unknown;
  std::string profile_path;  // DaemonProfile::file's path, else empty
  // The built-in default profile, by either name, or none reported (engines before seccomp's report).
  bool builtin_default() const {
    return profile == DaemonProfile::default_profile || profile == DaemonProfile::builtin ||
           profile == DaemonProfile::unknown;
  }
  // As /info says it, for the daemon_info metric, the status page and the audit report.
  std::string profile_name() const;
  // What a profile's conditional rules are evaluated against (moby setupSeccomp): /info Architecture
  // (uname -m) and KernelVersion of the engine's host.
  std::string architecture;
  std::string kernel_version;
  // Docker >= 27 applies a container's own custom profile to a privileged container too (moby
  // daemon/seccomp_linux.go WithSeccomp since v27.0.0); earlier engines apply none to privileged ones.
  bool custom_profile_for_privileged = false;
  // "builtin" names the default profile (moby v23.0.0 daemon/config SeccompProfileDefault); 20.10 takes it
  // for profile JSON and refuses to start the container.
  bool knows_builtin = false;
  // Docker >= 23 loads profiles with moby/profiles, which refuses 'name' with 'names' in any rule, applying or
  // not (moby 28.5.2 vendor/github.com/moby/profiles/seccomp/seccomp_linux.go setupSeccomp; seen live on 26.1
  // and 28.5, while 20.10 starts such a container when the rule does not apply to it).
  bool moby_profiles_loader = false;
  // Podman's Docker-compatible API (its /info has BuildahVersion): SecurityOpt names a profile file, and a
  // custom profile applies to privileged containers too unless it is the default file.
  bool podman = false;
  // The OCI runtime that starts containers (/info DefaultRuntime, its Runtimes path's file name: "runc",
  // "crun") and its version (RuncCommit.ID for runc: "1.1.5+ds1-1+deb12u1", "v1.1.12-0-g51d5e94"); empty
  // when /info does not say.
  std::string runtime;
  std::string runtime_version;
};

// containers-common's default profile, and the admin's file that replaces it when it exists (containers/common
// pkg/config SeccompDefaultPath, SeccompOverridePath).
inline constexpr std::string_view podman_default_profile_path = "/usr/share/containers/seccomp.json";
inline constexpr std::string_view podman_override_profile_path = "/etc/containers/seccomp.json";

struct DaemonInfo {
  DaemonSeccomp seccomp;
  std::string server_version;
};

// Parses a SecurityOptions entry list such as ["name=seccomp,profile=default", "name=apparmor"].
// Engines before 1.13 sent bare names ("seccomp").
Expected<DaemonInfo> parse_daemon_info(std::string_view body);

}  // namespace dse::docker
