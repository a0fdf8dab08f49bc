#include "docker/container_list.hpp"

#include <algorithm>
#include <cctype>

#include "docker/json_fields.hpp"

namespace dse::docker {

bool is_valid_container_ref(std::string_view ref) {
  return !ref.empty() && ref.size() <= 256 && std::all_of(ref.begin(), ref.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '-';
  });
}

Expected<std::vector<std::string>> parse_container_list(std::string_view body) {
  const auto doc = nlohmann::json::parse(body, nullptr, false);
  if (doc.is_discarded() || !doc.is_array()) return Error{"container list is not a JSON array"};
  std::vector<std::string> ids;
  ids.reserve(doc.size());
  for (const auto& entry : doc) {
    auto id = string_member(entry, "Id");
    if (!id || !is_valid_container_ref(*id)) return Error{"container list holds an entry without a valid Id"};
    ids.push_back(std::move(*id));
  }
  return ids;
}

}  // namespace dse::docker
