#include "compliance/seccomp_setup.hpp"

#include <algorithm>
#include <array>
#include <charconv>
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

// runc libcontainer/seccomp/config.go: the actions it knows; any other fails the container's start.
bool runc_knows(std::string_view action) {
  constexpr std::array<std::string_view, 9> actions = {
      "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_ERRNO", "SCMP_ACT_TRAP",
      "SCMP_ACT_ALLOW", "SCMP_ACT_TRACE",       "SCMP_ACT_LOG",         "SCMP_ACT_NOTIFY"};
  return std::find(actions.begin(), actions.end(), action) != actions.end();
}

Error both_names_error() {
  return Error{"'name' and 'names' were specified in the seccomp profile, use either 'name' or 'names'"};
}

}  // namespace

Expected<std::optional<InstalledFilter>> setup_seccomp(const SeccompProfile& profile, const EngineContext& context) {
  if (profile.default_action.empty() && profile.syscalls.empty()) return std::optional<InstalledFilter>{};
  if (!profile.architectures.empty() && profile.arch_map > 0) {
    return Error{"'architectures' and 'archMap' were specified in the seccomp profile, use either 'architectures' or 'archMap'"};
  }
  InstalledFilter filter{profile.default_action, {}};
  for (const auto& rule : profile.syscalls) {
    // dockerd dereferences every entry: a null rule (or, in 20.10, argument) would crash it: no container starts.
    if (!rule) return Error{"a syscall rule is null"};
    const bool both_names = !rule->name.empty() && !rule->names.empty();
    if (both_names && context.loader == MobyLoader::profiles) return both_names_error();
    if (!applies(*rule, context)) continue;
    if (both_names) return both_names_error();
    if (rule->null_arg) return Error{"a syscall rule has a null argument"};
    if (!rule->arg_problem.empty()) return Error{rule->arg_problem};
    InstalledRule installed;
    installed.names = rule->name.empty() ? rule->names : std::vector<std::string>{rule->name};
    installed.action = rule->action;
    installed.has_args = rule->args > 0;
    filter.rules.push_back(std::move(installed));
  }
  // runc SetupSeccomp: the same "no default action, no syscalls: seccomp disabled", after moby's filtering.
  if (filter.default_action.empty() && filter.rules.empty()) return std::optional<InstalledFilter>{};
  if (!runc_knows(filter.default_action)) return Error{"invalid default action \"" + filter.default_action + "\""};
  for (const auto& rule : filter.rules) {
    if (!runc_knows(rule.action)) return Error{"invalid action \"" + rule.action + "\""};
  }
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
