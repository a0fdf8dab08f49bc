#pragma once
// Containers the operator chose not to judge (the exporter's own, known-privileged infrastructure).
// They are counted separately, never dropped silently.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "docker/container.hpp"
#include "util/expected.hpp"

namespace re2 {
class RE2;
}  // namespace re2

namespace dse::state {

// --exclude.name: matched against the name as kept, at most docker::max_field_bytes. RE2 syntax, as Prometheus users
// write it ((?i) included), matched in linear time.
struct NamePattern {
  std::string source;
  std::shared_ptr<const re2::RE2> regex;  // compiled once, shared by copies; must match the whole name
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
