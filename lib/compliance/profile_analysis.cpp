#include "compliance/profile_analysis.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

#include "compliance/learning_profile.hpp"
#include "kernel/syscall_names.hpp"

namespace dse::compliance {

namespace {

bool allows(std::string_view action) { return action == "SCMP_ACT_ALLOW" || action == "SCMP_ACT_LOG"; }

// The syscalls a filter lets through, wholly or for some arguments. A rule with argument conditions
// counts as allowing; a deny only counts when unconditional (it then overrides a default allow).
std::set<std::string> allowed_syscalls(const InstalledFilter& filter) {
  std::set<std::string> allowed;
  std::set<std::string> denied;
  for (const auto& rule : filter.rules) {
    for (const auto& name : rule.names) {
      if (allows(rule.action))
        allowed.insert(name);
      else if (!rule.has_args)
        denied.insert(name);
    }
  }
  if (allows(filter.default_action)) {
    for (const auto& name : kernel::native_syscall_names()) {
      if (!denied.contains(name)) allowed.insert(name);
    }
  }
  return allowed;
}

// Docker's default profile set up for a container: it depends on the container's capabilities, hence
// kept per context (a host has few distinct ones; the event loop is one thread).
const std::set<std::string>& default_allowed(const EngineContext& context) {
  // Docker's decoded once, set up per context; the file is moby/profiles' own
  // (lib/compliance/default_profile_release.txt). Podman's, read from the host, decoded per context too.
  static const auto docker_profile = decode_profile(docker_default_profile(), MobyLoader::profiles);
  static std::map<EngineContext, std::set<std::string>> cache;
  if (auto found = cache.find(context); found != cache.end()) return found->second;
  if (cache.size() >= 256) cache.clear();
  std::set<std::string> allowed;
  const auto profile =
      context.baseline.empty() ? docker_profile : decode_profile(context.baseline, MobyLoader::containers_common);
  if (profile) {
    if (const auto filter = setup_seccomp(*profile, context); filter && *filter) allowed = allowed_syscalls(**filter);
  }
  return cache.emplace(context, std::move(allowed)).first->second;
}

ProfileAnalysis analyse(std::string_view json, const EngineContext& context) {
  ProfileAnalysis analysis;
  const auto profile = decode_profile(json, context.loader);
  const auto filter =
      profile ? setup_seccomp(*profile, context) : Expected<std::optional<InstalledFilter>>(Error{profile.error()});
  if (!filter) {
    analysis.effect = ProfileAnalysis::Effect::invalid;
    analysis.problem = filter.error();
    return analysis;
  }
  if (!*filter) {
    analysis.effect = ProfileAnalysis::Effect::no_filter;
    return analysis;
  }
  analysis.default_action = (*filter)->default_action;
  analysis.deny_list = allows(analysis.default_action);
  const auto& known = kernel::native_syscall_names();
  const auto& baseline = default_allowed(context);
  std::set<std::string> unknown;
  for (const auto& rule : (*filter)->rules) {
    for (const auto& name : rule.names) {
      if (!std::binary_search(known.begin(), known.end(), name)) unknown.insert(name);
    }
  }
  analysis.unknown_names.assign(unknown.begin(), unknown.end());
  for (const auto& name : allowed_syscalls(**filter)) {
    // Names libseccomp does not know are skipped by runc: they open nothing.
    if (!baseline.contains(name) && std::binary_search(known.begin(), known.end(), name)) {
      analysis.risky_allowed.push_back(name);
    }
  }
  return analysis;  // a std::set iterates sorted
}

}  // namespace

std::optional<SyscallCount> count_allowed(std::string_view json, const EngineContext& context) {
  const auto profile = decode_profile(json, context.loader);
  if (!profile) return std::nullopt;
  const auto filter = setup_seccomp(*profile, context);
  if (!filter || !*filter) return std::nullopt;
  const auto& known = kernel::native_syscall_names();
  SyscallCount count;
  for (const auto& name : allowed_syscalls(**filter)) {
    if (std::binary_search(known.begin(), known.end(), name)) ++count.allowed;
  }
  for (const auto& name : default_allowed(context)) {
    if (std::binary_search(known.begin(), known.end(), name)) ++count.default_allowed;
  }
  return count;
}

ProfileAnalysis builtin_profile_analysis() {
  ProfileAnalysis analysis;
  analysis.default_action = "SCMP_ACT_ERRNO";
  analysis.builtin = true;
  return analysis;
}

// Containers of one deployment share their profile: Docker's default as a custom file takes ~0.4 ms to
// analyse, and a resync judges every container again. Kept per text and context, bounded in count and size.
ProfileAnalysis analyse_profile(std::string_view json, const EngineContext& context) {
  static std::map<std::pair<std::string, EngineContext>, ProfileAnalysis> cache;
  if (json.size() > 64 * 1024) return analyse(json, context);
  std::pair key{std::string(json), context};
  if (const auto found = cache.find(key); found != cache.end()) return found->second;
  if (cache.size() >= 128) cache.clear();
  return cache.emplace(std::move(key), analyse(json, context)).first->second;
}

}  // namespace dse::compliance
