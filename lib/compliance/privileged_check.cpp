#include "compliance/checks.hpp"

namespace dse::compliance {

std::optional<Verdict> check_privileged(const docker::Container& container) {
  if (container.privileged) return non_compliant_because(Reason::privileged);
  return std::nullopt;
}

}  // namespace dse::compliance
