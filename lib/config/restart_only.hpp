#pragma once
// The settings a reload (SIGHUP) cannot change: the sockets, the engine connection, the collector, the
// log format. A reload that changes one says which, instead of silently keeping the running value.
#include <string>
#include <vector>

#include "config/flags.hpp"

namespace dse::config {

// The names (flag names, or the environment variable's) of the restart-only settings that differ between
// running and fresh, in flag order.
std::vector<std::string> restart_only_changes(const Config& running, const Config& fresh);

}  // namespace dse::config
