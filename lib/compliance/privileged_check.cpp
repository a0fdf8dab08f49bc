#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"

namespace dse::compliance {

namespace {

// Podman keeps a privileged container's filter only for a profile other than its default ones: the empty
// path, the admin's override file and the package's file clear it (podman pkg/specgen/generate/security_linux.go
// securityConfigureGenerator; seen live on Podman 5.8: privileged with seccomp=/usr/share/containers/seccomp.json
// runs with Seccomp: 0, with another file or containers.conf's custom seccomp_profile with Seccomp: 2).
bool podman_keeps_filter(std::string_view profile) {
  return !profile.empty() && profile != docker::podman_default_profile_path &&
         profile != docker::podman_override_profile_path && profile != "default" && profile != "unconfined";
}

}  // namespace

bool builtin_names_default(const docker::Container& container, const docker::DaemonSeccomp& daemon) {
  if (!daemon.knows_builtin) return false;
  return !(container.privileged && daemon.custom_profile_for_privileged && !daemon.podman);
}

SeccompOption container_seccomp_option(const docker::Container& container, const docker::DaemonSeccomp& daemon) {
  return seccomp_option(container.security_opt, builtin_names_default(container, daemon));
}

bool own_profile_applies_when_privileged(const docker::DaemonSeccomp& daemon, const SeccompOption& option) {
  if (daemon.podman && option.kind == SeccompOption::Kind::none) {
    return daemon.profile == docker::DaemonProfile::file && podman_keeps_filter(daemon.profile_path);
  }
  if (!daemon.custom_profile_for_privileged || option.kind != SeccompOption::Kind::custom) return false;
  return !daemon.podman || podman_keeps_filter(option.profile);
}

std::optional<Verdict> check_privileged(const docker::Container& container, const Evidence& evidence) {
  if (!container.privileged) return std::nullopt;
  if (own_profile_applies_when_privileged(evidence.daemon, evidence.option))
    return std::nullopt;  // the profile decides
  return non_compliant_because(Reason::privileged);
}

}  // namespace dse::compliance
