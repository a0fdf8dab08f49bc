#pragma once
// Logging with context as key=value pairs, as Prometheus' own programs log (go-kit/slog):
//   ts=2026-11-30T22:00:00.000Z level=warn msg="inspect failed" container=4d5695b460ce err="HTTP 500"
// A constant message says what happened; the fields carry the values, so that logs can be searched by them.
// The formatter (util/logging.cpp) writes them as logfmt or, with --log.format=json, as JSON.
#include <spdlog/spdlog.h>

#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

namespace dse::log {

struct Field {
  Field(std::string_view key, std::string value) : key(key), value(std::move(value)) {}
  Field(std::string_view key, std::string_view value) : key(key), value(value) {}
  Field(std::string_view key, const char* value) : key(key), value(value) {}
  template <class Number, class = std::enable_if_t<std::is_arithmetic_v<Number>>>
  Field(std::string_view key, Number number) : key(key), value(fmt::format("{}", number)) {}
  std::string_view key;
  std::string value;
};

// The message and its fields in one spdlog payload, length-prefixed so that no value (an engine's bytes)
// can pass for another field; decode() reads it back. A payload without fields is its message.
std::string encode(std::string_view msg, std::initializer_list<Field> fields);
struct Decoded {
  std::string_view msg;
  std::vector<std::pair<std::string_view, std::string_view>> fields;
};
Decoded decode(std::string_view payload);

inline void write(spdlog::level::level_enum level, std::string_view msg, std::initializer_list<Field> fields) {
  if (spdlog::should_log(level)) spdlog::log(level, "{}", encode(msg, fields));
}
inline void debug(std::string_view msg, std::initializer_list<Field> fields = {}) {
  write(spdlog::level::debug, msg, fields);
}
inline void info(std::string_view msg, std::initializer_list<Field> fields = {}) {
  write(spdlog::level::info, msg, fields);
}
inline void warn(std::string_view msg, std::initializer_list<Field> fields = {}) {
  write(spdlog::level::warn, msg, fields);
}
inline void error(std::string_view msg, std::initializer_list<Field> fields = {}) {
  write(spdlog::level::err, msg, fields);
}

}  // namespace dse::log
