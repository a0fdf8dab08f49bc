#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"

namespace dse::compliance {

std::optional<Verdict> check_container_unconfined(const docker::Container& container) {
  // Whether the engine knows "builtin" does not change what unconfined means.
  if (seccomp_option(container.security_opt, false).kind == SeccompOption::Kind::unconfined) {
    return non_compliant_because(Reason::unconfined);
  }
  return std::nullopt;
}

}  // namespace dse::compliance
