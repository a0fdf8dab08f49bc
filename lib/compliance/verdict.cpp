#include "compliance/verdict.hpp"

namespace dse::compliance {

std::string_view to_string(Reason reason) {
  switch (reason) {
    case Reason::default_profile: return "default_profile";
    case Reason::custom_profile: return "custom_profile";
    case Reason::unconfined: return "unconfined";
    case Reason::privileged: return "privileged";
    case Reason::daemon_unconfined: return "daemon_unconfined";
    case Reason::daemon_no_seccomp: return "daemon_no_seccomp";
    case Reason::kernel_unconfined: return "kernel_unconfined";
    case Reason::weak_profile: return "weak_profile";
    case Reason::invalid_profile: return "invalid_profile";
    case Reason::empty_profile: return "empty_profile";
  }
  return "unknown";
}

std::optional<Reason> reason_from_string(std::string_view text) {
  for (const auto reason : all_reasons) {
    if (to_string(reason) == text) return reason;
  }
  return std::nullopt;
}

}  // namespace dse::compliance
