#include "compliance/seccomp_setup.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <string_view>

namespace dse::compliance {

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool kernel_at_least(const EngineContext& context, const KernelVersion& minimum) {
  return !context.kernel || *context.kernel >= minimum;
}

// moby setupSeccomp's loop: a rule is skipped when an exclude matches or an include does not.
bool applies(const ProfileRule& rule, const EngineContext& context) {
  const auto has_cap = [&](const std::string& cap) { return context.capabilities.contains(cap); };
  const auto& ex = rule.excludes;
  if (contains(ex.arches, context.arch)) return false;
  if (std::any_of(ex.caps.begin(), ex.caps.end(), has_cap)) return false;
  if (ex.min_kernel && kernel_at_least(context, *ex.min_kernel)) return false;
  const auto& in = rule.includes;
  if (!in.arches.empty() && !contains(in.arches, context.arch)) return false;
  if (!std::all_of(in.caps.begin(), in.caps.end(), has_cap)) return false;
  if (in.min_kernel && !kernel_at_least(context, *in.min_kernel)) return false;
  return true;
}

// moby seccomp_linux.go nativeToSeccomp (containers/common's is the same): the archMap entry that applies.
std::string_view seccomp_arch(std::string_view native) {
  constexpr std::array<std::pair<std::string_view, std::string_view>, 9> table = {{{"x86", "SCMP_ARCH_X86"},
                                                                                   {"amd64", "SCMP_ARCH_X86_64"},
                                                                                   {"arm", "SCMP_ARCH_ARM"},
                                                                                   {"arm64", "SCMP_ARCH_AARCH64"},
                                                                                   {"mips64", "SCMP_ARCH_MIPS64"},
                                                                                   {"ppc64le", "SCMP_ARCH_PPC64LE"},
                                                                                   {"riscv64", "SCMP_ARCH_RISCV64"},
                                                                                   {"s390x", "SCMP_ARCH_S390X"},
                                                                                   {"mipsel64", "SCMP_ARCH_MIPSEL64"}}};
  for (const auto& [go, seccomp] : table) {
    if (go == native) return seccomp;
  }
  return {};
}

// containers/common seccomp_linux.go getErrno: a number, or a name its errnoArch table knows (glibc's names
// here, with the aliases glibc gives no number of their own).
bool known_errno(const std::string& errno_name) {
  std::uint32_t number = 0;
  const char* end = errno_name.data() + errno_name.size();
  if (auto [ptr, ec] = std::from_chars(errno_name.data(), end, number); ec == std::errc{} && ptr == end) return true;
  static const std::set<std::string> names = [] {
    std::set<std::string> out{"EWOULDBLOCK", "EDEADLOCK", "ENOTSUP"};
    for (int value = 1; value < 4096; ++value) {
      if (const char* name = strerrorname_np(value)) out.insert(name);
    }
    return out;
  }();
  return names.contains(errno_name);
}

std::string loader_label(MobyLoader loader) {
  switch (loader) {
    case MobyLoader::v20_10: return "the engine's loader (moby 20.10)";
    case MobyLoader::profiles: return "the engine's loader (moby/profiles)";
    case MobyLoader::containers_common: return "the engine's loader (containers/common)";
  }
  return "the engine's loader";
}

std::string both_names_error() {
  return "'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'";
}

}  // namespace

// Each error names the layer that refuses: the engine's loader, or the runtime (oci_runtime.hpp).
Expected<std::optional<InstalledFilter>> setup_seccomp(const SeccompProfile& profile, const EngineContext& context) {
  const auto loader_error = [&](const std::string& message) {
    return Error{loader_label(context.loader) + ": " + message};
  };
  if (profile.default_action.empty() && profile.syscalls.empty()) return std::optional<InstalledFilter>{};
  if (!profile.architectures.empty() && !profile.arch_map.empty()) {
    return loader_error(
        "'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'");
  }
  const bool podman = context.loader == MobyLoader::containers_common;
  if (podman && !profile.default_errno_name.empty() && !known_errno(profile.default_errno_name)) {
    return loader_error("unknown errno " + profile.default_errno_name);
  }
  InstalledFilter filter{profile.default_action,
                         {},
                         profile.default_errno_ret || !profile.default_errno_name.empty(),
                         profile.architectures,
                         profile.flags,
                         profile.listener_path};
  const auto native = seccomp_arch(context.arch);
  for (const auto& entry : profile.arch_map) {
    if (native.empty() || entry.arch != native) continue;
    filter.architectures.push_back(entry.arch);
    filter.architectures.insert(filter.architectures.end(), entry.sub_arches.begin(), entry.sub_arches.end());
    break;
  }
  for (const auto& rule : profile.syscalls) {
    // dockerd dereferences every entry: a null rule (or, in 20.10, argument) would crash it: no container starts.
    if (!rule) return loader_error("a syscall rule is null");
    const bool both_names = !rule->name.empty() && !rule->names.empty();
    if (both_names && context.loader == MobyLoader::profiles) return loader_error(both_names_error());
    if (!applies(*rule, context)) continue;
    if (both_names) return loader_error(both_names_error());
    if (podman && !rule->errno_name.empty() && !known_errno(rule->errno_name))
      return loader_error("unknown errno " + rule->errno_name);
    // containers/common installs a rule only for a name or names (setupSeccomp); moby installs every rule, and
    // a nameless one's empty action then fails in runc (seen in the differential test against both).
    if (podman && rule->name.empty() && rule->names.empty()) continue;
    if (rule->null_arg) return loader_error("a syscall rule has a null argument");
    if (!rule->arg_problem.empty()) return Error{runtime_label(context.runtime) + ": " + rule->arg_problem};
    InstalledRule installed;
    installed.names = rule->name.empty() ? rule->names : std::vector<std::string>{rule->name};
    installed.action = rule->action;
    installed.has_args = rule->args > 0;
    installed.errno_ret = rule->errno_ret || !rule->errno_name.empty();
    filter.rules.push_back(std::move(installed));
  }
  // runc SetupSeccomp: the same "no default action, no syscalls: seccomp disabled", after moby's filtering.
  if (filter.default_action.empty() && filter.rules.empty()) return std::optional<InstalledFilter>{};
  if (auto refusal = runtime_refusal(filter, context.runtime))
    return Error{runtime_label(context.runtime) + ": " + *refusal};
  return std::optional<InstalledFilter>(std::move(filter));
}

std::string engine_arch(const std::string& uname_machine) {
  // uname -m to GOARCH to libseccomp's native name (moby goToNative).
  if (uname_machine == "x86_64") return "amd64";
  if (uname_machine == "aarch64") return "arm64";
  if (uname_machine == "i686" || uname_machine == "i386") return "x86";
  if (uname_machine.starts_with("armv")) return "arm";
  return uname_machine;  // ppc64le, s390x, mips64: the same words
}

std::optional<KernelVersion> engine_kernel(const std::string& release) {
  KernelVersion version;
  const char* end = release.data() + release.size();
  auto [dot, ec] = std::from_chars(release.data(), end, version.kernel);
  if (ec != std::errc{} || dot == end || *dot != '.') return std::nullopt;
  auto [rest, ec2] = std::from_chars(dot + 1, end, version.major);
  if (ec2 != std::errc{}) return std::nullopt;
  return version;
}

}  // namespace dse::compliance
