#include "monitor/exclusions.hpp"

#include <algorithm>

namespace dse::monitor {

Expected<NamePattern> parse_name_pattern(const std::string& pattern) {
  if (pattern.empty()) return Error{"empty name pattern"};
  try {
    return NamePattern{pattern, std::regex(pattern, std::regex::ECMAScript)};
  } catch (const std::regex_error& error) {
    return Error{"invalid regular expression '" + pattern + "': " + error.what()};
  }
}

Expected<LabelRule> parse_label_rule(const std::string& rule) {
  const auto eq = rule.find('=');
  LabelRule result{rule.substr(0, eq), std::nullopt};
  if (eq != std::string::npos) result.value = rule.substr(eq + 1);
  if (result.key.empty()) return Error{"label rule '" + rule + "' has no key"};
  return result;
}

bool is_excluded(const docker::Container& container, const Exclusions& exclusions) {
  const auto name_matches = [&](const NamePattern& pattern) { return std::regex_match(container.name, pattern.regex); };
  const auto label_matches = [&](const LabelRule& rule) {
    const auto it = container.labels.find(rule.key);
    return it != container.labels.end() && (!rule.value || *rule.value == it->second);
  };
  return std::any_of(exclusions.names.begin(), exclusions.names.end(), name_matches) ||
         std::any_of(exclusions.labels.begin(), exclusions.labels.end(), label_matches);
}

}  // namespace dse::monitor
