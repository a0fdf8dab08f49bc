#include "state/exclusions.hpp"

#include <algorithm>

namespace dse::state {

namespace {

// libstdc++'s regex compiler overflows (undefined behaviour) on huge numbers in repetition counts
// (a{1111111111111111111}) and back-references (\1111111111111111111), and large counts build huge
// automata. Found by fuzz_config; such patterns are refused before std::regex sees them.
constexpr unsigned long max_number = 1000;

// The number starting at `at`, stopping at the first non-digit; true if it exceeds max_number.
bool number_too_large(const std::string& pattern, std::size_t at) {
  unsigned long number = 0;
  for (; at < pattern.size() && pattern[at] >= '0' && pattern[at] <= '9'; ++at) {
    number = number * 10 + static_cast<unsigned long>(pattern[at] - '0');
    if (number > max_number) return true;
  }
  return false;
}

bool has_huge_number(const std::string& pattern) {
  for (std::size_t i = 0; i < pattern.size(); ++i) {
    if (pattern[i] == '\\') {
      if (number_too_large(pattern, i + 1)) return true;  // a back-reference
      ++i;                                                // skip the escaped character
    } else if (pattern[i] == '{' || (pattern[i] == ',' && i > 0)) {
      if (number_too_large(pattern, i + 1)) return true;  // a repetition count
    }
  }
  return false;
}

}  // namespace

Expected<NamePattern> parse_name_pattern(const std::string& pattern) {
  if (pattern.empty()) return Error{"empty name pattern"};
  if (has_huge_number(pattern)) {
    return Error{"repetition count or back-reference above " + std::to_string(max_number) + " in '" + pattern + "'"};
  }
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

}  // namespace dse::state
