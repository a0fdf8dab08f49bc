#include "docker/container_list.hpp"

#include <algorithm>
#include <cctype>

#include "docker/bounded_json.hpp"
#include "docker/json_fields.hpp"

namespace dse::docker {

// Docker's own rules: a 64-hex id (stringid.ValidateID), or a name matching [a-zA-Z0-9][a-zA-Z0-9_.-]+
// (moby daemon/names/names.go RestrictedNamePattern). Neither can be ".", ".." or change a request path.
bool is_valid_container_ref(std::string_view ref) {
  const auto is_alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  if (ref.size() < 2 || ref.size() > 256 || !is_alnum(ref.front())) return false;
  return std::all_of(ref.begin(), ref.end(), [&](char c) { return is_alnum(c) || c == '_' || c == '.' || c == '-'; });
}

Expected<std::vector<std::string>> parse_container_list(std::string_view body) {
  const auto doc = parse_bounded(body);
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
