#include "config/value_parsers.hpp"

#include <charconv>
#include <limits>
#include <utility>

namespace dse::config {

// Prometheus' durations (model.ParseDuration): whole numbers with units, largest first, e.g. 1h30m, 500ms,
// 2d; "0" alone needs none.
Expected<std::chrono::milliseconds> parse_duration(std::string_view text) {
  const auto invalid = Error{"invalid duration '" + std::string(text) + "' (e.g. 500ms, 10s, 5m, 1h30m, 1d)"};
  if (text == "0") return std::chrono::milliseconds(0);
  if (text.empty()) return invalid;
  constexpr std::pair<std::string_view, long long> units[] = {{"y", 365LL * 86'400'000},
                                                              {"w", 7LL * 86'400'000},
                                                              {"d", 86'400'000},
                                                              {"h", 3'600'000},
                                                              {"m", 60'000},
                                                              {"s", 1000},
                                                              {"ms", 1}};
  long long total = 0;
  std::size_t next_unit = 0;  // each unit at most once, in this order
  while (!text.empty()) {
    long long amount = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
    if (ec != std::errc{} || end == text.data() || amount < 0) return invalid;
    text.remove_prefix(static_cast<std::size_t>(end - text.data()));
    const auto letters = text.find_first_of("0123456789");
    const auto unit = text.substr(0, letters);
    text.remove_prefix(unit.size());
    std::size_t u = next_unit;
    while (u < std::size(units) && units[u].first != unit) ++u;
    if (u == std::size(units) || amount > (std::numeric_limits<long long>::max() - total) / units[u].second) {
      return invalid;
    }
    total += amount * units[u].second;
    next_unit = u + 1;
  }
  return std::chrono::milliseconds(total);
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
    if (label == "id")
      options.id_label = true;
    else if (label == "name")
      options.name_label = true;
    else if (label == "image")
      options.image_label = true;
    else
      return Error{"unknown label '" + std::string(label) + "' (want id, name, image)"};
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
