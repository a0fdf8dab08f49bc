#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"

namespace dse::compliance {

// containers-common's default profile, which Podman does not apply to privileged containers (podman
// pkg/specgen/generate/security.go: a privileged container keeps seccomp only for a profile other than it).
constexpr std::string_view podman_default_profile = "/usr/share/containers/seccomp.json";

bool builtin_names_default(const docker::Container& container, const docker::DaemonSeccomp& daemon) {
  if (!daemon.knows_builtin) return false;
  return !(container.privileged && daemon.custom_profile_for_privileged && !daemon.podman);
}

bool own_profile_applies_when_privileged(const docker::Container& container, const docker::DaemonSeccomp& daemon) {
  const auto option = seccomp_option(container.security_opt, builtin_names_default(container, daemon));
  if (!daemon.custom_profile_for_privileged || option.kind != SeccompOption::Kind::custom) return false;
  return !daemon.podman || option.profile != podman_default_profile;
}

std::optional<Verdict> check_privileged(const docker::Container& container, const docker::DaemonSeccomp& daemon) {
  if (!container.privileged) return std::nullopt;
  if (own_profile_applies_when_privileged(container, daemon)) return std::nullopt;  // the profile decides
  return non_compliant_because(Reason::privileged);
}

}  // namespace dse::compliance
