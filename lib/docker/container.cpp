#include "docker/container.hpp"

#include <boost/json.hpp>
#include <optional>

#include "util/utf8.hpp"

// Boost.JSON rather than nlohmann here: an inspect body is ~5 KB and one is parsed for every event that
// needs a re-inspect; nlohmann's lexer took 420k instructions per body, Boost.JSON takes ~100k
// (bench/hot_paths.cpp under callgrind). Everywhere else nlohmann's convenience wins.
namespace dse::docker {

namespace json = boost::json;

std::string short_id(std::string_view id) { return std::string(id.substr(0, 12)); }

namespace {

// What one container may cost (docs/operations.md "Bounds"): dockerd accepts a 65,000-character name and
// labels of any size, and each byte is kept, rendered on every line of the container's series and shown on
// the status page. Every string is valid UTF-8 from here on (see util/utf8.hpp).
constexpr std::size_t max_start_error_bytes = 1024;
constexpr std::size_t max_labels = 256;

// Cuts the string to its bound and marks the container when it did.
void bound(std::string& text, std::size_t max_bytes, Container& container) {
  auto bounded = bounded_utf8(text, max_bytes);
  if (!bounded.changed) return;
  text = std::move(bounded.text);
  container.cut = true;
}

// Docker omits or nulls fields freely: null and absent are both "missing".
const json::value* member(const json::value& object, std::string_view key) {
  const auto* fields = object.if_object();
  const auto* value = fields != nullptr ? fields->if_contains(key) : nullptr;
  return value == nullptr || value->is_null() ? nullptr : value;
}

std::optional<std::string> string_member(const json::value& object, std::string_view key) {
  const auto* value = member(object, key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string(value->get_string());
}

// HostConfig.SecurityOpt, CapAdd, CapDrop: a list of strings, or null.
Expected<std::vector<std::string>> parse_string_list(const json::value& host_config, const char* key) {
  std::vector<std::string> options;
  const auto* list = member(host_config, key);
  if (list == nullptr || list->is_null()) return options;
  if (!list->is_array()) return Error{std::string("HostConfig.") + key + " is not an array"};
  for (const auto& entry : list->get_array()) {
    if (!entry.is_string()) return Error{std::string("HostConfig.") + key + " holds a non-string entry"};
    options.emplace_back(entry.get_string());
  }
  return options;
}

Expected<bool> parse_privileged(const json::value& host_config) {
  const auto* value = member(host_config, "Privileged");
  if (value == nullptr) return false;
  if (!value->is_bool()) return Error{"HostConfig.Privileged is not a boolean"};
  return value->get_bool();
}

void parse_state(const json::value& doc, Container& container) {
  const auto* state = member(doc, "State");
  if (state == nullptr) return;
  container.state = string_member(*state, "Status").value_or("");
  const auto* pid = member(*state, "Pid");
  if (pid != nullptr && pid->is_int64()) container.pid = pid->get_int64();
  container.start_error = string_member(*state, "Error").value_or("");
  bound(container.start_error, max_start_error_bytes, container);
  bound(container.state, max_field_bytes, container);
}

// The first max_labels labels (images bring a dozen, Compose a few more), keys and values bounded.
void parse_labels(const json::value& doc, Container& container) {
  const auto* config = member(doc, "Config");
  const auto* list = config != nullptr ? member(*config, "Labels") : nullptr;
  if (list == nullptr || !list->is_object()) return;
  for (const auto& [key, value] : list->get_object()) {
    if (!value.is_string()) continue;
    if (container.labels.size() >= max_labels) {
      container.cut = true;
      return;
    }
    std::string name(key), text(value.get_string());
    bound(name, max_label_bytes, container);
    bound(text, max_label_bytes, container);
    container.labels.insert_or_assign(std::move(name), std::move(text));
  }
}

std::string parse_image(const json::value& doc) {
  if (const auto* config = member(doc, "Config")) {
    if (auto image = string_member(*config, "Image"); image && !image->empty()) return *image;
  }
  return string_member(doc, "Image").value_or("");
}

}  // namespace

Expected<Container> parse_inspect(std::string_view body) {
  unsigned char scratch[16 * 1024];  // most bodies parse without a heap allocation
  json::monotonic_resource memory(scratch, sizeof scratch);
  boost::system::error_code ec;
  const auto doc = json::parse(body, ec, &memory);
  if (ec) return Error{"inspect body is not JSON"};
  if (!doc.is_object()) return Error{"inspect body is not a JSON object"};
  Container container;
  const auto id = string_member(doc, "Id");
  if (!id || id->empty()) return Error{"inspect body has no Id"};
  container.id = *id;
  const auto* host_config = member(doc, "HostConfig");
  if (host_config == nullptr || !host_config->is_object()) return Error{"inspect body has no HostConfig object"};
  for (auto [key, target] : {std::pair{"SecurityOpt", &container.security_opt}, std::pair{"CapAdd", &container.cap_add},
                             std::pair{"CapDrop", &container.cap_drop}}) {
    auto list = parse_string_list(*host_config, key);
    if (!list) return Error{list.error()};
    *target = std::move(*list);
  }
  auto privileged = parse_privileged(*host_config);
  if (!privileged) return Error{privileged.error()};
  container.privileged = *privileged;
  container.name = string_member(doc, "Name").value_or("");
  if (container.name.starts_with('/')) container.name.erase(0, 1);
  bound(container.id, max_field_bytes, container);
  bound(container.name, max_field_bytes, container);
  container.image = parse_image(doc);
  bound(container.image, max_image_bytes, container);
  parse_labels(doc, container);
  parse_state(doc, container);
  return container;
}

}  // namespace dse::docker
