#pragma once
// Typed, non-throwing reads of optional JSON fields: Docker omits or nulls fields freely.
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

namespace dse::docker {

// Returns the member if present and of the wanted type; null and absent are "missing".
inline const nlohmann::json* member(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return nullptr;
  const auto it = object.find(key);
  if (it == object.end() || it->is_null()) return nullptr;
  return &*it;
}

inline std::optional<std::string> string_member(const nlohmann::json& object, const char* key) {
  const auto* value = member(object, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return value->get<std::string>();
}

}  // namespace dse::docker
