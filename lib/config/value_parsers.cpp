#include "config/value_parsers.hpp"

#include <charconv>

namespace dse::config {

Expected<std::chrono::milliseconds> parse_duration(std::string_view text) {
  long long amount = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
  const std::string_view unit(end, text.data() + text.size() - end);
  if (ec != std::errc{} || amount < 0) return Error{"invalid duration '" + std::string(text) + "'"};
  if (unit == "ms") return std::chrono::milliseconds(amount);
  if (unit == "s") return std::chrono::milliseconds(amount * 1000);
  if (unit == "m") return std::chrono::milliseconds(amount * 60'000);
  return Error{"invalid duration '" + std::string(text) + "' (use ms, s or m)"};
}

Expected<bool> parse_bool(std::string_view text) {
  if (text == "true" || text.empty()) return true;
  if (text == "false") return false;
  return Error{"want true or false, got '" + std::string(text) + "'"};
}

Expected<metrics::LabelOptions> parse_container_labels(std::string_view text, metrics::LabelOptions options) {
  options.id_label = options.name_label = options.image_label = false;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto label = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (label == "id") options.id_label = true;
    else if (label == "name") options.name_label = true;
    else if (label == "image") options.image_label = true;
    else return Error{"unknown label '" + std::string(label) + "' (want id, name, image)"};
  }
  // Without id or name two containers could share a series: the exposition would be invalid.
  if (!options.id_label && !options.name_label) return Error{"needs id or name (or use metrics.aggregate-only)"};
  return options;
}

Expected<std::chrono::milliseconds> parse_positive_duration(std::string_view text) {
  auto duration = parse_duration(text);
  if (duration && duration->count() == 0) return Error{"must be greater than 0"};
  return duration;
}

Expected<std::string> parse_absolute_path(std::string_view text) {
  if (!text.starts_with('/')) return Error{"must be an absolute path"};
  return std::string(text);
}

Expected<std::string> parse_telemetry_path(std::string_view text) {
  if (!text.starts_with('/') || text == "/") return Error{"must start with '/' and not be '/'"};
  return std::string(text);
}

Expected<std::string> parse_non_empty(std::string_view text) {
  if (text.empty()) return Error{"must not be empty"};
  return std::string(text);
}

Expected<std::string> parse_log_level(std::string_view text) {
  if (text != "debug" && text != "info" && text != "warn" && text != "error") {
    return Error{"want debug, info, warn or error, got '" + std::string(text) + "'"};
  }
  return std::string(text);
}

Expected<LogFormat> parse_log_format(std::string_view text) {
  if (text == "logfmt") return LogFormat::logfmt;
  if (text == "json") return LogFormat::json;
  return Error{"want logfmt or json, got '" + std::string(text) + "'"};
}

}  // namespace dse::config
