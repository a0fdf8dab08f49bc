#include "compliance/checks.hpp"

namespace dse::compliance {

std::optional<Verdict> check_daemon_support(const docker::DaemonSeccomp& daemon) {
  if (!daemon.supported) return non_compliant_because(Reason::daemon_no_seccomp);
  return std::nullopt;
}

std::optional<Verdict> check_daemon_unconfined(const Evidence& evidence) {
  if (evidence.kernel == kernel::SeccompMode::filter) return std::nullopt;  // the kernel's answer wins
  const bool own_profile = evidence.option.kind != SeccompOption::Kind::none;
  if (!own_profile && evidence.daemon.profile == docker::DaemonProfile::unconfined)
    return non_compliant_because(Reason::daemon_unconfined);
  return std::nullopt;
}

}  // namespace dse::compliance
