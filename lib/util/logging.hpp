#pragma once
// Logs to stderr through spdlog, as logfmt (default) or JSON lines.

#include <spdlog/formatter.h>

#include <memory>
#include <string>

namespace dse {

enum class LogFormat { logfmt, json };

// --log.level and --log.format.
struct LogOptions {
  std::string level = "info";  // debug, info, warn or error
  LogFormat format = LogFormat::logfmt;
};

void setup_logging(const LogOptions& options);

// One line per record: logfmt (ts=… level=warn msg="…" key=value …) or a JSON object, with the fields of
// util/log.hpp as keys.
std::unique_ptr<spdlog::formatter> line_formatter(LogFormat format);

}  // namespace dse
