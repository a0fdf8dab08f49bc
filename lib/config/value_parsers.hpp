#pragma once
// The values of settings: each parser checks one kind of value and says what is wrong with it.
#include <chrono>
#include <string>
#include <string_view>

#include "metrics/label_options.hpp"
#include "util/expected.hpp"
#include "util/logging.hpp"

namespace dse::config {

Expected<std::chrono::milliseconds> parse_duration(std::string_view text);
Expected<bool> parse_bool(std::string_view text);
Expected<metrics::LabelOptions> parse_container_labels(std::string_view text, metrics::LabelOptions options);
Expected<std::chrono::milliseconds> parse_positive_duration(std::string_view text);
Expected<std::string> parse_absolute_path(std::string_view text);
Expected<std::string> parse_telemetry_path(std::string_view text);
Expected<std::string> parse_non_empty(std::string_view text);
Expected<std::string> parse_log_level(std::string_view text);
Expected<LogFormat> parse_log_format(std::string_view text);

}  // namespace dse::config
