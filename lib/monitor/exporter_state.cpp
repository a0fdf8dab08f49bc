#include "monitor/exporter_state.hpp"

namespace dse::monitor {

ExporterState::ExporterState() {
  for (const auto* endpoint : docker_endpoints) request_errors_by_endpoint[endpoint] = 0;
}

void ExporterState::set_daemon(docker::DaemonInfo info) {
  const bool profile_changed =
      info.seccomp.supported != daemon.seccomp.supported || info.seccomp.profile != daemon.seccomp.profile;
  daemon = std::move(info);
  if (profile_changed) containers.reevaluate(daemon.seccomp);
}

}  // namespace dse::monitor
