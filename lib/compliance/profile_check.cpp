#include "compliance/capabilities.hpp"
#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"

namespace dse::compliance {

namespace {

EngineContext engine_context(const docker::Container& container, const docker::DaemonSeccomp& daemon,
                             const HostProfiles& host) {
  EngineContext context;
  if (!daemon.architecture.empty()) context.arch = engine_arch(daemon.architecture);
  context.kernel = engine_kernel(daemon.kernel_version);
  context.capabilities =
      container_capabilities(container.cap_add, container.cap_drop, container.privileged,
                             daemon.podman ? DefaultCapabilities::podman : DefaultCapabilities::docker);
  context.loader = engine_loader(daemon);
  context.runtime = oci_runtime(daemon.runtime, daemon.runtime_version);
  context.baseline = host.podman_default;
  return context;
}

}  // namespace

MobyLoader engine_loader(const docker::DaemonSeccomp& daemon) {
  if (daemon.podman) return MobyLoader::containers_common;
  return daemon.moby_profiles_loader ? MobyLoader::profiles : MobyLoader::v20_10;
}

namespace {

// Which profile applies to a container: none (unconfined, unknown), the engine's builtin, or a text.
struct Applicable {
  enum class Kind { none, builtin, text } kind = Kind::none;
  std::string_view text;
};

Applicable applicable(const ProfileSource& source) {
  const auto& [container, option, own_file, daemon, host] = source;
  if (!daemon.supported) return {};
  // A privileged container gets only its own custom profile, and only from engines that apply it.
  if (container.privileged && !own_profile_applies_when_privileged(daemon, option)) return {};
  switch (option.kind) {
    case SeccompOption::Kind::unconfined: return {};
    case SeccompOption::Kind::builtin: return {Applicable::Kind::builtin, {}};
    case SeccompOption::Kind::custom:
      // Podman names a file, never inline JSON (its compat API opens the value as a path; seen live on 5.8):
      // its text as read now, unknown when unreadable or relative (counted by the monitor).
      if (daemon.podman) {
        if (!option.profile.starts_with('/') || !own_file) return {};
        return {Applicable::Kind::text, *own_file};
      }
      return {Applicable::Kind::text, option.profile};
    case SeccompOption::Kind::none: break;
  }
  if (daemon.profile == docker::DaemonProfile::unconfined) return {};
  if (daemon.builtin_default()) return {Applicable::Kind::builtin, {}};
  if (!host.daemon_file) return {};
  return {Applicable::Kind::text, *host.daemon_file};
}

}  // namespace

std::optional<ProfileAnalysis> applicable_profile(const ProfileSource& source) {
  const auto profile = applicable(source);
  switch (profile.kind) {
    case Applicable::Kind::none: return std::nullopt;
    case Applicable::Kind::builtin: return builtin_profile_analysis();
    case Applicable::Kind::text: break;
  }
  return analyse_profile(profile.text, engine_context(source.container, source.daemon, source.host));
}

std::optional<std::string> applicable_profile_text(const ProfileSource& source) {
  const auto profile = applicable(source);
  if (profile.kind != Applicable::Kind::text) return std::nullopt;
  return std::string(profile.text);
}

std::optional<SyscallCount> suggestion_allows(std::string_view suggestion, const docker::Container& container,
                                              const docker::DaemonSeccomp& daemon, const HostProfiles& host) {
  return count_allowed(suggestion, engine_context(container, daemon, host));
}

std::optional<Verdict> check_profile_effect(const Evidence& evidence) {
  if (!evidence.profile) return std::nullopt;
  switch (evidence.profile->effect) {
    case ProfileAnalysis::Effect::invalid: return non_compliant_because(Reason::invalid_profile);
    case ProfileAnalysis::Effect::no_filter: return non_compliant_because(Reason::empty_profile);
    case ProfileAnalysis::Effect::filter: break;
  }
  return std::nullopt;
}

Verdict check_profile(const Evidence& evidence) {
  const auto& option = evidence.option;
  // A daemon now unconfined whose container the kernel shows filtered (live-restore): the filter it started
  // with, most likely the default; which one cannot be told.
  const bool daemon_custom = evidence.daemon.profile == docker::DaemonProfile::file;
  const bool custom =
      option.kind == SeccompOption::Kind::custom || (option.kind == SeccompOption::Kind::none && daemon_custom);
  if (evidence.policy.weak_profile_noncompliant && custom && evidence.profile && evidence.profile->weak()) {
    return non_compliant_because(Reason::weak_profile);
  }
  return compliant_because(custom ? Reason::custom_profile : Reason::default_profile);
}

}  // namespace dse::compliance
