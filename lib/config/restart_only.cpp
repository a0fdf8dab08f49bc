#include "config/restart_only.hpp"

#include "config/flag_specs.hpp"

namespace dse::config {

std::vector<std::string> restart_only_changes(const Config& running, const Config& fresh) {
  std::vector<std::string> changed;
  // The flags say it themselves (FlagSpec::same); the one environment variable read at start only follows.
  for (const auto& spec : flag_specs()) {
    if (spec.same != nullptr && !spec.same(running, fresh)) changed.emplace_back(spec.name);
  }
  if (running.monitor.docker.api_version != fresh.monitor.docker.api_version)
    changed.emplace_back("DOCKER_API_VERSION");
  return changed;
}

}  // namespace dse::config
