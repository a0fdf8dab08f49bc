#include "docker/container.hpp"

#include <boost/json.hpp>
#include <optional>

// Boost.JSON rather than nlohmann here: an inspect body is ~5 KB and one is parsed for every event that
// needs a re-inspect; nlohmann's lexer took 420k instructions per body, Boost.JSON takes ~100k
// (bench/hot_paths.cpp under callgrind). Everywhere else nlohmann's convenience wins.
namespace dse::docker {

namespace json = boost::json;

std::string short_id(std::string_view id) { return std::string(id.substr(0, 12)); }

namespace {

constexpr std::size_t max_start_error_bytes = 1024;

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
  if (container.start_error.size() > max_start_error_bytes) {
    auto cut = max_start_error_bytes;  // on a character boundary: never half a UTF-8 sequence
    while (cut > 0 && (static_cast<unsigned char>(container.start_error[cut]) & 0xC0) == 0x80) --cut;
    container.start_error.resize(cut);
  }
}

std::map<std::string, std::string> parse_labels(const json::value& doc) {
  std::map<std::string, std::string> labels;
  const auto* config = member(doc, "Config");
  const auto* list = config != nullptr ? member(*config, "Labels") : nullptr;
  if (list == nullptr || !list->is_object()) return labels;
  for (const auto& [key, value] : list->get_object()) {
    if (value.is_string()) labels.insert_or_assign(std::string(key), std::string(value.get_string()));
  }
  return labels;
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
  container.image = parse_image(doc);
  container.labels = parse_labels(doc);
  parse_state(doc, container);
  return container;
}

}  // namespace dse::docker
