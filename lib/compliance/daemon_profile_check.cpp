#include "compliance/checks.hpp"

namespace dse::compliance {

std::optional<Verdict> check_daemon_support(const docker::DaemonSeccomp& daemon) {
  if (!daemon.supported) return non_compliant_because(Reason::daemon_no_seccomp);
  return std::nullopt;
}

Verdict check_daemon_profile(const docker::DaemonSeccomp& daemon) {
  if (daemon.profile == "unconfined") return non_compliant_because(Reason::daemon_unconfined);
  if (daemon.profile == "default" || daemon.profile == "builtin" || daemon.profile.empty()) {
    return compliant_because(Reason::default_profile);
  }
  return compliant_because(Reason::custom_profile);
}

}  // namespace dse::compliance
