#include "docker/container.hpp"

#include "docker/json_fields.hpp"

namespace dse::docker {

std::string short_id(std::string_view id) { return std::string(id.substr(0, 12)); }

namespace {

Expected<std::vector<std::string>> parse_security_opt(const nlohmann::json& host_config) {
  std::vector<std::string> options;
  const auto* list = member(host_config, "SecurityOpt");
  if (list == nullptr) return options;
  if (!list->is_array()) return Error{"HostConfig.SecurityOpt is not an array"};
  for (const auto& entry : *list) {
    if (!entry.is_string()) return Error{"HostConfig.SecurityOpt holds a non-string entry"};
    options.push_back(entry.get<std::string>());
  }
  return options;
}

Expected<bool> parse_privileged(const nlohmann::json& host_config) {
  const auto* value = member(host_config, "Privileged");
  if (value == nullptr) return false;
  if (!value->is_boolean()) return Error{"HostConfig.Privileged is not a boolean"};
  return value->get<bool>();
}

void parse_state(const nlohmann::json& doc, Container& container) {
  const auto* state = member(doc, "State");
  if (state == nullptr) return;
  container.state = string_member(*state, "Status").value_or("");
  const auto* pid = member(*state, "Pid");
  if (pid != nullptr && pid->is_number_integer()) container.pid = pid->get<long long>();
}

std::map<std::string, std::string> parse_labels(const nlohmann::json& doc) {
  std::map<std::string, std::string> labels;
  const auto* config = member(doc, "Config");
  const auto* list = config != nullptr ? member(*config, "Labels") : nullptr;
  if (list == nullptr || !list->is_object()) return labels;
  for (const auto& [key, value] : list->items()) {
    if (value.is_string()) labels.emplace(key, value.get<std::string>());
  }
  return labels;
}

std::string parse_image(const nlohmann::json& doc) {
  if (const auto* config = member(doc, "Config")) {
    if (auto image = string_member(*config, "Image"); image && !image->empty()) return *image;
  }
  return string_member(doc, "Image").value_or("");
}

// Which members of the inspect body are built at all. A real body is ~5 KB, mostly networks, mounts and
// the environment; building all of it as a DOM was most of the exporter's CPU in an event storm.
bool is_needed(std::string_view section, std::string_view key) {
  if (section.empty()) return key == "Id" || key == "Name" || key == "Image" || key == "Config" || key == "State" ||
                              key == "HostConfig";
  if (section == "Config") return key == "Image" || key == "Labels";
  if (section == "State") return key == "Status" || key == "Pid";
  if (section == "HostConfig") return key == "Privileged" || key == "SecurityOpt";
  return false;
}

nlohmann::json parse_needed_members(std::string_view body) {
  std::string section;  // the top-level member being parsed
  const nlohmann::json::parser_callback_t keep = [&](int depth, nlohmann::json::parse_event_t event,
                                                     nlohmann::json& parsed) {
    if (event != nlohmann::json::parse_event_t::key || depth > 2) return true;
    const auto& key = parsed.get_ref<const std::string&>();
    if (depth == 1) {
      section = key;
      return is_needed("", key);
    }
    return is_needed(section, key);
  };
  return nlohmann::json::parse(body, keep, false);
}

}  // namespace

Expected<Container> parse_inspect(std::string_view body) {
  const auto doc = parse_needed_members(body);
  if (doc.is_discarded()) return Error{"inspect body is not JSON"};
  if (!doc.is_object()) return Error{"inspect body is not a JSON object"};
  Container container;
  const auto id = string_member(doc, "Id");
  if (!id || id->empty()) return Error{"inspect body has no Id"};
  container.id = *id;
  const auto* host_config = member(doc, "HostConfig");
  if (host_config == nullptr || !host_config->is_object()) return Error{"inspect body has no HostConfig object"};
  auto security_opt = parse_security_opt(*host_config);
  if (!security_opt) return Error{security_opt.error()};
  container.security_opt = std::move(*security_opt);
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
