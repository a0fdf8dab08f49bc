#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"

namespace dse::compliance {

std::optional<Verdict> check_privileged(const docker::Container& container, const docker::DaemonSeccomp& daemon) {
  if (!container.privileged) return std::nullopt;
  if (daemon.custom_profile_for_privileged && seccomp_option(container.security_opt, daemon.knows_builtin).kind == SeccompOption::Kind::custom) {
    return std::nullopt;  // the profile decides, as for any container
  }
  return non_compliant_because(Reason::privileged);
}

}  // namespace dse::compliance
