#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"

namespace dse::compliance {

std::optional<Verdict> check_container_unconfined(const docker::Container& container) {
  if (seccomp_option(container.security_opt).kind == SeccompOption::Kind::unconfined) {
    return non_compliant_because(Reason::unconfined);
  }
  return std::nullopt;
}

}  // namespace dse::compliance
