#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"

namespace dse::compliance {

std::optional<Verdict> check_security_opt(const docker::Container& container) {
  switch (seccomp_option(container.security_opt).kind) {
    case SeccompOption::Kind::none: return std::nullopt;
    case SeccompOption::Kind::unconfined: return non_compliant_because(Reason::unconfined);
    case SeccompOption::Kind::builtin: return compliant_because(Reason::default_profile);
    case SeccompOption::Kind::custom: return compliant_because(Reason::custom_profile);
  }
  return std::nullopt;
}

}  // namespace dse::compliance
