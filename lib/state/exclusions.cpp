#include "state/exclusions.hpp"

#include <re2/re2.h>

#include <algorithm>

namespace dse::state {

Expected<NamePattern> parse_name_pattern(const std::string& pattern) {
  if (pattern.empty()) return Error{"empty name pattern"};
  RE2::Options options;
  options.set_log_errors(false);  // the error is returned, and said once by whoever reads the flag
  auto regex = std::make_shared<const RE2>(pattern, options);
  if (!regex->ok()) return Error{"invalid regular expression '" + pattern + "': " + regex->error()};
  return NamePattern{pattern, std::move(regex)};
}

Expected<LabelRule> parse_label_rule(const std::string& rule) {
  const auto eq = rule.find('=');
  LabelRule result{rule.substr(0, eq), std::nullopt};
  if (eq != std::string::npos) result.value = rule.substr(eq + 1);
  if (result.key.empty()) return Error{"label rule '" + rule + "' has no key"};
  // Labels are kept cut to this bound (docker/container.hpp): a longer key or value could never match.
  if (result.key.size() > docker::max_label_bytes || (result.value && result.value->size() > docker::max_label_bytes)) {
    return Error{"label rule '" + rule.substr(0, 64) + "...': keys and values are matched on at most " +
                 std::to_string(docker::max_label_bytes) + " bytes"};
  }
  return result;
}

bool is_excluded(const docker::Container& container, const Exclusions& exclusions) {
  const auto name_matches = [&](const NamePattern& pattern) { return RE2::FullMatch(container.name, *pattern.regex); };
  const auto label_matches = [&](const LabelRule& rule) {
    const auto it = container.labels.find(rule.key);
    return it != container.labels.end() && (!rule.value || *rule.value == it->second);
  };
  return std::any_of(exclusions.names.begin(), exclusions.names.end(), name_matches) ||
         std::any_of(exclusions.labels.begin(), exclusions.labels.end(), label_matches);
}

}  // namespace dse::state
