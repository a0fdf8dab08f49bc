#pragma once
// Runs the exporter daemon: monitor + HTTP endpoint on one event loop, until SIGTERM/SIGINT.
#include <functional>

#include "config/flags.hpp"

namespace dse::monitor {

inline constexpr int exit_ok = 0;
inline constexpr int exit_usage = 2;   // bad flag, value or config file
inline constexpr int exit_listen = 3;  // the HTTP endpoint cannot be opened

// reload: reads the configuration again (SIGHUP); its runtime settings apply without losing state.
int run_exporter(const config::Config& config, const std::function<Expected<config::Config>()>& reload,
                 const config::Environment& env);

}  // namespace dse::monitor
