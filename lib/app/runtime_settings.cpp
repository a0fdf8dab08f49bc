#include "app/runtime_settings.hpp"
#include "util/log.hpp"


#include <algorithm>

namespace dse::app {

void RuntimeSettings::apply(const config::Config& config, state::ExporterState& state) {
  m_label_options = config.metrics;
  state.set_rules(config.policy, config.exclusions);
  spdlog::set_level(spdlog::level::from_str(config.log.level));
}

// Only some settings can change while running; the others are reported, not silently ignored.
void RuntimeSettings::reload(const config::Config& running,
                             const std::function<Expected<config::Config>()>& read_config,
                             state::ExporterState& state) {
  auto fresh = read_config();
  if (!fresh) {
    log::error("reload failed, keeping the running configuration", {{"err", fresh.error()}});
    return;
  }
  const auto& web = fresh->web;
  const auto& monitor = fresh->monitor;
  const auto same_address = [](const http::ListenAddress& a, const http::ListenAddress& b) {
    return a.host == b.host && a.port == b.port;
  };
  if (!std::equal(web.listen_addresses.begin(), web.listen_addresses.end(), running.web.listen_addresses.begin(),
                  running.web.listen_addresses.end(), same_address) ||
      web.systemd_socket != running.web.systemd_socket || web.telemetry_path != running.web.telemetry_path ||
      monitor.docker.host.to_string() != running.monitor.docker.host.to_string() ||
      monitor.docker.timeout != running.monitor.docker.timeout || fresh->log.format != running.log.format ||
      monitor.proc_path != running.monitor.proc_path || monitor.host_root != running.monitor.host_root || monitor.resync_interval != running.monitor.resync_interval) {
    log::warn("reload: web.*, docker.*, proc.path and log.format changes take effect only after a restart");
  }
  apply(*fresh, state);
  log::info("configuration reloaded");
}

}  // namespace dse::app
