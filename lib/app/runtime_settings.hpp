#pragma once
// The settings a config reload (SIGHUP) changes while running; the others need a restart.
#include "config/flags.hpp"
#include "metrics/label_options.hpp"
#include "state/exporter_state.hpp"

namespace dse::app {

class RuntimeSettings {
 public:
  // Applies config's runtime settings to the state, the log level and what /metrics renders.
  void apply(const config::Config& config, state::ExporterState& state);
  // Reads the configuration again and applies it, or keeps the running one and logs why.
  void reload(const config::Config& running, const std::function<Expected<config::Config>()>& read_config,
              state::ExporterState& state);
  const metrics::LabelOptions& label_options() const { return m_label_options; }

 private:
  metrics::LabelOptions m_label_options;
};

}  // namespace dse::app
