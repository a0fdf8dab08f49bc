#include "state/exporter_state.hpp"

#include "compliance/checks.hpp"
#include "compliance/learning_profile.hpp"

namespace dse::state {

ExporterState::ExporterState() {
  for (const auto* endpoint : docker_endpoints) request_errors_by_endpoint[endpoint] = 0;
  for (const auto* task : monitor_tasks) internal_errors_by_task[task] = 0;
}

bool ExporterState::forget(const std::string& id) {
  uninspectable.erase(id);
  syscalls.forget(id);
  return containers.erase(id);
}

void ExporterState::set_daemon(docker::DaemonInfo info, compliance::HostProfiles profiles) {
  auto context = containers.context();
  context.daemon = info.seccomp;
  context.profiles = std::move(profiles);
  daemon = std::move(info);
  daemon_known = true;
  containers.set_context(std::move(context));
}

bool ExporterState::has_profile_suggestion(const ContainerRecord& record) const {
  if (!syscalls.enabled) return false;
  const bool learning = record.profile && record.profile->default_action == "SCMP_ACT_LOG";
  return learning || syscalls.by_container().contains(record.container.id);
}

std::optional<std::string> ExporterState::suggested_profile(const ContainerRecord& record) const {
  if (!has_profile_suggestion(record)) return std::nullopt;
  const auto& context = containers.context();
  const auto option = compliance::container_seccomp_option(record.container, context.daemon);
  const auto ran_under = compliance::applicable_profile_text(
      {record.container, option, record.profile_file, context.daemon, context.profiles});
  const auto& podman_default = context.profiles.podman_default;
  const std::string_view base = ran_under                ? std::string_view(*ran_under)
                                : podman_default.empty() ? compliance::docker_default_profile()
                                                         : std::string_view(podman_default);
  const auto gaps = syscalls.gaps(record.container.id);
  auto profile =
      compliance::suggested_profile(base, syscalls.logged(record.container.id), {gaps.over_limit, gaps.lost});
  if (!profile) return std::nullopt;
  return std::move(*profile);
}

void ExporterState::set_rules(compliance::Policy policy, Exclusions exclusions) {
  auto context = containers.context();
  context.policy = policy;
  context.exclusions = std::move(exclusions);
  containers.set_context(std::move(context));
}

}  // namespace dse::state
