#include "app/runtime_settings.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "config/restart_only.hpp"
#include "util/log.hpp"

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
    ++state.config_reload_errors_by_file["config_file"];
    return;
  }
  if (const auto changed = config::restart_only_changes(running, *fresh); !changed.empty()) {
    log::warn("reload: these settings take effect only after a restart; the running values are kept",
              {{"settings", fmt::format("{}", fmt::join(changed, ","))}});
  }
  apply(*fresh, state);
  log::info("configuration reloaded");
}

}  // namespace dse::app
