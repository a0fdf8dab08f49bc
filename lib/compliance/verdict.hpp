#pragma once
// The answer to CIS Docker 5.21 for one container, with the reason behind it.
#include <array>
#include <optional>
#include <string_view>

namespace dse::compliance {

enum class Reason {
  default_profile,    // the daemon's builtin/default profile applies
  custom_profile,     // a custom profile (container option or daemon-wide file) applies
  unconfined,         // --security-opt seccomp=unconfined (or seccomp:unconfined)
  privileged,         // --privileged: Docker applies no seccomp filter at all
  daemon_unconfined,  // the daemon's default is unconfined and the container sets no profile
  daemon_no_seccomp,  // the daemon reports no seccomp support
  kernel_unconfined,  // the configuration claims a filter, but /proc/<pid>/status says Seccomp: 0
  weak_profile,       // a deny-list or risky profile, with --compliance.weak-profile-noncompliant
  invalid_profile,    // the engine cannot load the applicable custom profile: the container cannot start
  empty_profile,      // the custom profile has no defaultAction and no rule that applies: no filter at all
};

inline constexpr std::array all_reasons = {
    Reason::default_profile,   Reason::custom_profile,    Reason::unconfined,        Reason::privileged,
    Reason::daemon_unconfined, Reason::daemon_no_seccomp, Reason::kernel_unconfined, Reason::weak_profile,
    Reason::invalid_profile,   Reason::empty_profile,
};

std::string_view to_string(Reason reason);
std::optional<Reason> reason_from_string(std::string_view text);

struct Verdict {
  bool compliant = false;
  Reason reason = Reason::default_profile;
  bool operator==(const Verdict&) const = default;
};

// Whether a verdict with this reason is compliant: every reason belongs to one side only.
constexpr bool is_compliant(Reason reason) {
  return reason == Reason::default_profile || reason == Reason::custom_profile;
}

constexpr Verdict compliant_because(Reason reason) { return {true, reason}; }
constexpr Verdict non_compliant_because(Reason reason) { return {false, reason}; }

}  // namespace dse::compliance
