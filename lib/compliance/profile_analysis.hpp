#pragma once
// What a seccomp profile does in one container, as the engine would install it there: no filter, a filter,
// or nothing at all because the engine refuses the profile; and for a filter, how strong it is: an
// allow-list (default deny) or a deny-list (default allow), and which syscalls it allows that Docker's
// default profile, set up for the same container, does not ("risky").
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/seccomp_setup.hpp"

namespace dse::compliance {

struct ProfileAnalysis {
  enum class Effect { filter, no_filter, invalid };
  Effect effect = Effect::filter;
  std::string problem;                     // why the engine refuses it (invalid)
  std::string default_action;              // e.g. SCMP_ACT_ERRNO
  bool deny_list = false;                  // default action allows (SCMP_ACT_ALLOW or SCMP_ACT_LOG)
  std::vector<std::string> risky_allowed;  // sorted
  // Names in the rules the engine installs that this host's libseccomp does not know: runc skips them
  // (they allow and refuse nothing), so a profile written for a newer kernel is not misread. Sorted.
  std::vector<std::string> unknown_names;
  bool builtin = false;  // Docker's own default profile
  // Weak: a filter that is a deny-list, or allows any syscall Docker's default refuses.
  bool weak() const { return effect == Effect::filter && (deny_list || !risky_allowed.empty()); }
  bool operator==(const ProfileAnalysis&) const = default;
};

// json decoded as dockerd decodes it (decode_profile), installed as dockerd and runc would (setup_seccomp).
ProfileAnalysis analyse_profile(std::string_view json, const EngineContext& context);

// How many known syscalls a profile lets through (wholly or for some arguments) as set up for a container,
// and how many the engine's default does for the same container; nullopt when json is no filter.
struct SyscallCount {
  std::size_t allowed = 0;
  std::size_t default_allowed = 0;
};
std::optional<SyscallCount> count_allowed(std::string_view json, const EngineContext& context);

// Docker's builtin profile: by definition nothing risky.
ProfileAnalysis builtin_profile_analysis();

}  // namespace dse::compliance
