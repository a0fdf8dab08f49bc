#pragma once
// A seccomp profile as dockerd holds it after json.Unmarshal into moby's types.Seccomp (moby
// profiles/seccomp/seccomp.go, 20.10: Seccomp, Architecture, Filter, Syscall, KernelVersion), decoded with
// encoding/json's rules: keys match ignoring case, a later duplicate wins (a nested object merges into the
// earlier one), unknown fields are ignored, null leaves a field as it was (a list or pointer: empty), and
// a value of the wrong type fails the whole profile, as LoadProfile then fails the container's start.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace dse::compliance {

// "<kernel>.<major>", as moby's KernelVersion (each part at most 255).
struct KernelVersion {
  std::uint64_t kernel = 0;
  std::uint64_t major = 0;
  auto operator<=>(const KernelVersion&) const = default;
};

struct RuleFilter {  // moby Filter: includes/excludes of a rule
  std::vector<std::string> caps;
  std::vector<std::string> arches;
  std::optional<KernelVersion> min_kernel;
};

struct ProfileRule {  // moby Syscall
  std::string name;
  std::vector<std::string> names;
  std::string action;
  std::size_t args = 0;
  bool null_arg = false;  // an args entry that is null: dockerd dereferences it
  RuleFilter includes;
  RuleFilter excludes;
};

struct SeccompProfile {  // moby Seccomp
  std::string default_action;
  std::vector<std::string> architectures;
  std::size_t arch_map = 0;
  std::vector<std::optional<ProfileRule>> syscalls;  // nullopt: a null entry
};

// Fails where dockerd's json.Unmarshal fails, with a message in the same spirit.
Expected<SeccompProfile> decode_profile(std::string_view json);

}  // namespace dse::compliance
