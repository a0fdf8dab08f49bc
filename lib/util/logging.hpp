#pragma once
// Logs to stderr through spdlog, as logfmt (default) or JSON lines.
#include <string_view>

#include "config/flags.hpp"

namespace dse {

void setup_logging(std::string_view level, config::LogFormat format);

}  // namespace dse
