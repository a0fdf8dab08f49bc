#pragma once
// Runs the exporter daemon: monitor + HTTP endpoint on one event loop, until SIGTERM/SIGINT.
#include <functional>

#include "config/flags.hpp"

namespace dse::monitor {

inline constexpr int exit_ok = 0;
inline constexpr int exit_usage = 2;   // bad flag, value or config file
inline constexpr int exit_listen = 3;  // the HTTP endpoint cannot be opened
inline constexpr int exit_audit_failed = 1;  // audit: a container is not compliant
inline constexpr int exit_audit_error = 2;   // audit: Docker unreachable or the scan incomplete

// reload: reads the configuration again (SIGHUP); its runtime settings apply without losing state.
// One scan through the same monitor the daemon runs, then the report on stdout.
int run_audit(const config::Config& config);

int run_exporter(const config::Config& config, const std::function<Expected<config::Config>()>& reload,
                 const config::Environment& env);

}  // namespace dse::monitor
