#pragma once
// A seccomp profile as dockerd holds it after json.Unmarshal into moby's types.Seccomp (moby
// profiles/seccomp/seccomp.go, 20.10: Seccomp, Architecture, Filter, Syscall, KernelVersion; moby 28.5
// vendor/github.com/moby/profiles/seccomp/seccomp.go, whose Seccomp embeds runtime-spec's LinuxSeccomp),
// decoded with encoding/json's rules: keys match ignoring case, a later duplicate wins (a nested object merges
// into the earlier one), unknown fields are ignored, null leaves a field as it was (a list or pointer: empty),
// and a value of the wrong type fails the whole profile, as LoadProfile then fails the container's start.
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
  bool null_arg = false;  // an args entry that is null: moby 20.10 dereferences it
  // What runc refuses in an argument of a rule it is given (specconv SetupSeccomp ConvertStringToOperator;
  // libseccomp-golang MakeCondition: index at most 5). Empty: nothing. moby/profiles decodes a null entry
  // as an argument with no op.
  std::string arg_problem;
  bool errno_ret = false;  // errnoRet given: crun refuses it on an action that returns none
  std::string errno_name;  // containers/common's errno ("EPERM" or a number), checked where the rule applies
  RuleFilter includes;
  RuleFilter excludes;
};

// Which of moby's loaders reads the profile, by the engine's /info version. moby 20.10's Seccomp has fields of
// its own only; moby/profiles (Docker >= 23) embeds specs.LinuxSeccomp, so defaultErrnoRet (*uint), flags
// ([]LinuxSeccompFlag), listenerPath and listenerMetadata (string) are decoded, and a wrong type there
// refuses the profile; and it refuses 'name' with 'names' in any rule, before includes/excludes apply.
// Podman reads profiles with containers/common's loader (go.podman.io/common 0.67 pkg/seccomp types.go,
// seccomp_linux.go): its own Seccomp, with flags, listenerPath, defaultErrno and errno (names or numbers) but
// no minKernel, and 'name' with 'names' refused only in a rule that applies, as 20.10.
enum class MobyLoader { v20_10, profiles, containers_common };

struct ArchMapEntry {  // moby Architecture
  std::string arch;
  std::vector<std::string> sub_arches;
};

struct SeccompProfile {  // moby Seccomp
  std::string default_action;
  std::vector<std::string> architectures;
  std::vector<ArchMapEntry> arch_map;
  std::vector<std::optional<ProfileRule>> syscalls;  // nullopt: a null entry
  // What the runtime gets as they are (runtime-spec LinuxSeccomp), from the loaders that decode them.
  std::vector<std::string> flags;
  bool default_errno_ret = false;
  std::string default_errno_name;  // containers/common's defaultErrno
  std::string listener_path;
};

// Fails where dockerd's json.Unmarshal fails, with a message in the same spirit.
Expected<SeccompProfile> decode_profile(std::string_view json, MobyLoader loader);

}  // namespace dse::compliance
