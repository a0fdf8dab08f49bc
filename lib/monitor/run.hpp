#pragma once
// Runs the exporter daemon until SIGTERM/SIGINT: monitor + HTTP endpoint on one event loop.
#include "config/flags.hpp"

namespace dse::monitor {

inline constexpr int exit_ok = 0;
inline constexpr int exit_usage = 2;    // bad flag or value
inline constexpr int exit_listen = 3;   // the HTTP endpoint cannot be opened

int run_exporter(const config::Config& config);

}  // namespace dse::monitor
