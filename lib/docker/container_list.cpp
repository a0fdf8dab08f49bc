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

ContainerIds::ContainerIds(const std::vector<std::string>& ids) {
  for (const auto& id : ids) push_back(id);
}

void ContainerIds::reserve(std::size_t ids, std::size_t bytes) {
  m_ends.reserve(ids);
  m_text.reserve(bytes);
}

void ContainerIds::push_back(std::string_view id) {
  m_text.append(id);
  m_ends.push_back(static_cast<std::uint32_t>(m_text.size()));
}

Expected<ContainerIds> parse_container_list(std::string_view body) {
  const auto doc = parse_bounded(body);
  if (doc.is_discarded() || !doc.is_array()) return Error{"container list is not a JSON array"};
  ContainerIds ids;
  ids.reserve(doc.size(), doc.size() * 64);  // Docker's and Podman's ids are 64 characters
  for (const auto& entry : doc) {
    const auto id = string_member(entry, "Id");
    if (!id || !is_valid_container_ref(*id)) return Error{"container list holds an entry without a valid Id"};
    ids.push_back(*id);
  }
  return ids;
}

}  // namespace dse::docker
