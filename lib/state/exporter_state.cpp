#include "state/exporter_state.hpp"

namespace dse::state {

ExporterState::ExporterState() {
  for (const auto* endpoint : docker_endpoints) request_errors_by_endpoint[endpoint] = 0;
  for (const auto* task : monitor_tasks) internal_errors_by_task[task] = 0;
}

void ExporterState::set_daemon(docker::DaemonInfo info, std::optional<std::string> daemon_profile) {
  auto context = containers.context();
  context.daemon = info.seccomp;
  context.daemon_profile = std::move(daemon_profile);
  daemon = std::move(info);
  daemon_known = true;
  containers.set_context(std::move(context));
}

bool ExporterState::has_profile_suggestion(const ContainerRecord& record) const {
  if (!syscalls.enabled) return false;
  const bool learning = record.profile && record.profile->default_action == "SCMP_ACT_LOG";
  return learning || syscalls.by_container().contains(record.container.id);
}

void ExporterState::set_rules(compliance::Policy policy, Exclusions exclusions) {
  auto context = containers.context();
  context.policy = policy;
  context.exclusions = std::move(exclusions);
  containers.set_context(std::move(context));
}

}  // namespace dse::state
