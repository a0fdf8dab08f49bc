#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"

namespace dse::compliance {

namespace {

bool daemon_builtin(const docker::DaemonSeccomp& daemon) {
  return daemon.profile == "default" || daemon.profile == "builtin" || daemon.profile.empty();
}

}  // namespace

std::optional<ProfileAnalysis> applicable_profile(const docker::Container& container,
                                                  const docker::DaemonSeccomp& daemon,
                                                  const std::optional<ProfileAnalysis>& daemon_profile) {
  if (!daemon.supported || container.privileged) return std::nullopt;
  const auto option = seccomp_option(container.security_opt);
  switch (option.kind) {
    case SeccompOption::Kind::unconfined: return std::nullopt;
    case SeccompOption::Kind::builtin: return builtin_profile_analysis();
    case SeccompOption::Kind::custom: {
      auto analysis = analyse_profile(option.profile);
      return analysis ? std::optional<ProfileAnalysis>(*analysis) : std::nullopt;
    }
    case SeccompOption::Kind::none: break;
  }
  if (daemon.profile == "unconfined") return std::nullopt;
  return daemon_builtin(daemon) ? std::optional<ProfileAnalysis>(builtin_profile_analysis()) : daemon_profile;
}

Verdict check_profile(const docker::Container& container, const Evidence& evidence) {
  const auto option = seccomp_option(container.security_opt);
  const bool custom = option.kind == SeccompOption::Kind::custom ||
                      (option.kind == SeccompOption::Kind::none && !daemon_builtin(evidence.daemon));
  if (evidence.policy.weak_profile_noncompliant && custom && evidence.profile && evidence.profile->weak()) {
    return non_compliant_because(Reason::weak_profile);
  }
  return compliant_because(custom ? Reason::custom_profile : Reason::default_profile);
}

}  // namespace dse::compliance
