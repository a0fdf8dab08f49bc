#include "compliance/checks.hpp"

namespace dse::compliance {

std::optional<Verdict> check_container_unconfined(const Evidence& evidence) {
  if (evidence.option.kind == SeccompOption::Kind::unconfined) {
    return non_compliant_because(Reason::unconfined);
  }
  return std::nullopt;
}

}  // namespace dse::compliance
