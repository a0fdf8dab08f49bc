#pragma once
// Containers the operator chose not to judge (the exporter's own, known-privileged infrastructure).
// They are counted separately, never dropped silently.
#include <optional>
#include <regex>
#include <string>
#include <vector>

#include "docker/container.hpp"
#include "util/expected.hpp"

namespace dse::state {

struct NamePattern {
  std::string source;
  std::regex regex;  // must match the whole name
};

struct LabelRule {
  std::string key;
  std::optional<std::string> value;  // absent: any value
};

struct Exclusions {
  std::vector<NamePattern> names;
  std::vector<LabelRule> labels;
  bool empty() const { return names.empty() && labels.empty(); }
};

Expected<NamePattern> parse_name_pattern(const std::string& pattern);
Expected<LabelRule> parse_label_rule(const std::string& rule);  // KEY or KEY=VALUE

bool is_excluded(const docker::Container& container, const Exclusions& exclusions);

}  // namespace dse::state
