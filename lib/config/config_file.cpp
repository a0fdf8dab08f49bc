// The YAML config file: sections whose keys are the flag names, e.g. "web: {listen-address: ':10521'}".
#include <yaml-cpp/yaml.h>

#include "config/flags.hpp"

namespace dse::config {

namespace {

Expected<bool> add_value(const YAML::Node& node, const std::string& key, const std::string& origin,
                         std::vector<Setting>& out) {
  if (node.IsScalar()) {
    out.push_back({key, node.Scalar(), origin});
    return true;
  }
  if (node.IsSequence()) {
    // A list sets a repeatable flag once per element; an empty list clears it.
    out.push_back({key, "", origin, true});
    for (const auto& element : node) {
      if (!element.IsScalar()) return Error{origin + ": list elements must be scalars"};
      out.push_back({key, element.Scalar(), origin});
    }
    return true;
  }
  return Error{origin + ": want a scalar or a list"};
}

}  // namespace

Expected<std::vector<Setting>> settings_from_yaml(const std::string& text, const std::string& path) {
  YAML::Node root;
  try {
    root = YAML::Load(text);
  } catch (const YAML::Exception& error) {
    return Error{"config file " + path + ": " + error.what()};
  }
  std::vector<Setting> settings;
  if (root.IsNull()) return settings;
  if (!root.IsMap()) return Error{"config file " + path + ": the top level must be a mapping of sections"};
  for (const auto& section : root) {
    const auto section_name = section.first.Scalar();
    if (!section.second.IsMap()) {
      return Error{"config file " + path + ": key " + section_name +
                   " must be a mapping (e.g. web: {listen-address: ...})"};
    }
    for (const auto& entry : section.second) {
      const auto key = section_name + "." + entry.first.Scalar();
      auto added = add_value(entry.second, key, "config file " + path + ": key " + key, settings);
      if (!added) return Error{added.error()};
    }
  }
  return settings;
}

}  // namespace dse::config
