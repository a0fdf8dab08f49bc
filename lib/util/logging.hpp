#pragma once
// Logs to stderr through spdlog, as logfmt (default) or JSON lines.

#include <string>

namespace dse {

enum class LogFormat { logfmt, json };

// --log.level and --log.format.
struct LogOptions {
  std::string level = "info";  // debug, info, warn or error
  LogFormat format = LogFormat::logfmt;
};

void setup_logging(const LogOptions& options);

}  // namespace dse
