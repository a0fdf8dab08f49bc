#pragma once
// The composition root: wires the monitor, the HTTP endpoint, systemd and config reloads on one event loop.
#include <chrono>
#include <functional>

#include "config/flags.hpp"

namespace dse::app {

// Set in the environment of the endpoint's own process (app/web_side.hpp): "<listeners>:<engine side's pid>".
inline constexpr const char* web_side_marker = "DSE_WEB_SIDE";

// A scrape's rendering is shared by the clients that ask while it is still being written to another, for at
// most this long and never past a change of any verdict (SharedScrapes in app/exporter.cpp; with the web side,
// app/web_side.cpp applies the same rule to what the web side still holds).
inline constexpr auto scrape_share_window = std::chrono::seconds(1);

inline constexpr int exit_ok = 0;
inline constexpr int exit_usage = 2;         // bad flag, value or config file
inline constexpr int exit_listen = 3;        // the HTTP endpoint cannot be opened
inline constexpr int exit_audit_failed = 1;  // audit: a container is not compliant
inline constexpr int exit_audit_error = 2;   // audit: Docker unreachable or the scan incomplete

// One scan through the same monitor the daemon runs, then the report on stdout.
int run_audit(const config::Config& config);

// Serves until SIGTERM/SIGINT. read_config reads the configuration again (SIGHUP); its runtime settings
// apply without losing state.
int run_exporter(const config::Config& config, const std::function<Expected<config::Config>()>& read_config,
                 const Environment& env);

// The endpoint's own process (--web.separate-process), started by run_exporter with the environment variable
// app::web_side_marker set (app/web_side.hpp); never returns.
int run_web_side(const config::Config& config, const Environment& env);

}  // namespace dse::app
