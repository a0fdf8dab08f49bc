#pragma once
// How strong a seccomp profile is: an allow-list (default deny) or a deny-list (default allow), and which
// of the syscalls Docker's default profile blocks (risky_syscalls.txt) it lets through.
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace dse::compliance {

struct ProfileAnalysis {
  std::string default_action;               // e.g. SCMP_ACT_ERRNO
  bool deny_list = false;                   // default action allows (SCMP_ACT_ALLOW or SCMP_ACT_LOG)
  std::vector<std::string> risky_allowed;   // sorted
  bool builtin = false;                     // Docker's own default profile
  // Weak: a deny-list profile, or one that allows any risky syscall.
  bool weak() const { return deny_list || !risky_allowed.empty(); }
  bool operator==(const ProfileAnalysis&) const = default;
};

// Rules gated on capabilities ("includes": {"caps": [...]}) or on a kernel version are taken not to
// allow: Docker's own default profile uses them for syscalls that need a capability anyway. Rules with
// argument filters count as allowing (part of the syscall is let through).
Expected<ProfileAnalysis> analyse_profile(std::string_view json);

// Docker's builtin profile: default deny, none of the risky syscalls allowed without a capability.
ProfileAnalysis builtin_profile_analysis();

const std::vector<std::string_view>& risky_syscalls();

}  // namespace dse::compliance
