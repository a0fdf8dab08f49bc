#include "compliance/checks.hpp"

namespace dse::compliance {

std::optional<Verdict> check_kernel(const std::optional<kernel::SeccompMode>& kernel) {
  if (kernel == kernel::SeccompMode::disabled) return non_compliant_because(Reason::kernel_unconfined);
  return std::nullopt;
}

}  // namespace dse::compliance
