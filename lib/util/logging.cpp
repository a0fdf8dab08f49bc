#include "util/logging.hpp"

#include <fmt/chrono.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <string>

#include "util/log.hpp"
#include "util/log_escape.hpp"

namespace dse {

namespace {

// Level names as Prometheus' programs write them.
std::string_view level_name(spdlog::level::level_enum level) {
  switch (level) {
    case spdlog::level::trace:
    case spdlog::level::debug: return "debug";
    case spdlog::level::info: return "info";
    case spdlog::level::warn: return "warn";
    default: return "error";
  }
}

std::string timestamp(std::chrono::system_clock::time_point time) {
  const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(time.time_since_epoch()).count() % 1000;
  return fmt::format("{:%Y-%m-%dT%H:%M:%S}.{:03}Z", fmt::gmtime(std::chrono::system_clock::to_time_t(time)), millis);
}

// logfmt: a value is quoted when it must be (empty, spaces, quotes, '=', anything not printable).
void append_logfmt(std::string& line, std::string_view key, std::string_view value) {
  line += ' ';
  line += key;
  line += '=';
  const auto escaped = escape_log_text(value);
  const bool bare = !value.empty() && escaped == value && value.find_first_of(" =\"") == std::string_view::npos;
  if (bare) {
    line += value;
  } else {
    line += '"';
    line += escaped;
    line += '"';
  }
}

class LineFormatter : public spdlog::formatter {
 public:
  explicit LineFormatter(LogFormat format) : m_format(format) {}

  void format(const spdlog::details::log_msg& msg, spdlog::memory_buf_t& dest) override {
    const auto decoded = log::decode(std::string_view(msg.payload.data(), msg.payload.size()));
    std::string line;
    if (m_format == LogFormat::json) {
      nlohmann::ordered_json object;
      object["ts"] = timestamp(msg.time);
      object["level"] = level_name(msg.level);
      object["msg"] = decoded.msg;
      for (const auto& [key, value] : decoded.fields) object[std::string(key)] = value;
      // Bytes that are not UTF-8 (an engine's) become U+FFFD: the line stays valid JSON.
      line = object.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    } else {
      line = "ts=" + timestamp(msg.time);
      append_logfmt(line, "level", level_name(msg.level));
      append_logfmt(line, "msg", decoded.msg);
      for (const auto& [key, value] : decoded.fields) append_logfmt(line, key, value);
    }
    line += '\n';
    dest.append(line.data(), line.data() + line.size());
  }
  std::unique_ptr<spdlog::formatter> clone() const override { return std::make_unique<LineFormatter>(m_format); }

 private:
  LogFormat m_format;
};

}  // namespace

std::unique_ptr<spdlog::formatter> line_formatter(LogFormat format) { return std::make_unique<LineFormatter>(format); }

void setup_logging(const LogOptions& options) {
  auto logger = std::make_shared<spdlog::logger>("dse", std::make_shared<spdlog::sinks::stderr_sink_mt>());
  logger->set_formatter(line_formatter(options.format));
  logger->set_level(spdlog::level::from_str(options.level));
  logger->flush_on(spdlog::level::info);
  spdlog::set_default_logger(std::move(logger));
}

}  // namespace dse
