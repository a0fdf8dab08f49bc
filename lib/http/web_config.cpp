#include "http/web_config.hpp"

#include <yaml-cpp/yaml.h>

#include <array>
#include <string_view>

namespace dse::http {

namespace {

std::string relative_to(const std::string& file, const std::string& config_path) {
  if (file.empty() || file.front() == '/') return file;
  const auto slash = config_path.rfind('/');
  return slash == std::string::npos ? file : config_path.substr(0, slash + 1) + file;
}

std::optional<ClientAuth> client_auth_from(std::string_view text) {
  constexpr std::array<std::pair<std::string_view, ClientAuth>, 5> names = {{
      {"NoClientCert", ClientAuth::none},
      {"RequestClientCert", ClientAuth::request},
      {"RequireAnyClientCert", ClientAuth::require_any},
      {"VerifyClientCertIfGiven", ClientAuth::verify_if_given},
      {"RequireAndVerifyClientCert", ClientAuth::require_and_verify},
  }};
  for (const auto& [name, value] : names) {
    if (name == text) return value;
  }
  return std::nullopt;
}

Expected<std::string> scalar(const YAML::Node& node, const std::string& key) {
  if (!node.IsScalar()) return Error{"key " + key + ": want a string"};
  return node.Scalar();
}

Expected<TlsServerConfig> parse_tls(const YAML::Node& node, const std::string& path) {
  if (!node.IsMap()) return Error{"key tls_server_config: want a mapping"};
  TlsServerConfig tls;
  for (const auto& entry : node) {
    const auto name = entry.first.Scalar();
    const auto key = "tls_server_config." + name;
    auto value = scalar(entry.second, key);
    if (!value) return Error{value.error()};
    if (name == "cert_file") tls.cert_file = relative_to(*value, path);
    else if (name == "key_file") tls.key_file = relative_to(*value, path);
    else if (name == "client_ca_file") tls.client_ca_file = relative_to(*value, path);
    else if (name == "client_auth_type") {
      auto auth = client_auth_from(*value);
      if (!auth) return Error{"key " + key + ": unknown value '" + *value + "'"};
      tls.client_auth = *auth;
    } else if (name == "min_version") {
      if (*value != "TLS10" && *value != "TLS11" && *value != "TLS12" && *value != "TLS13") {
        return Error{"key " + key + ": want TLS10, TLS11, TLS12 or TLS13, got '" + *value + "'"};
      }
      tls.min_version = *value;
    } else {
      return Error{"key " + key + ": not supported"};
    }
  }
  if (tls.cert_file.empty() || tls.key_file.empty()) return Error{"key tls_server_config: needs cert_file and key_file"};
  const bool verifies = tls.client_auth == ClientAuth::verify_if_given || tls.client_auth == ClientAuth::require_and_verify;
  if (verifies && tls.client_ca_file.empty()) return Error{"key tls_server_config.client_ca_file: needed to verify clients"};
  return tls;
}

Expected<std::map<std::string, std::string>> parse_users(const YAML::Node& node) {
  if (!node.IsMap()) return Error{"key basic_auth_users: want a mapping of user: bcrypt hash"};
  std::map<std::string, std::string> users;
  for (const auto& entry : node) {
    const auto user = entry.first.Scalar();
    auto hash = scalar(entry.second, "basic_auth_users." + user);
    if (!hash) return Error{hash.error()};
    if (!hash->starts_with("$2")) return Error{"key basic_auth_users." + user + ": not a bcrypt hash"};
    if (user.find(':') != std::string::npos) return Error{"key basic_auth_users." + user + ": ':' is not allowed in a user name"};
    users.emplace(user, *hash);
  }
  return users;
}

}  // namespace

Expected<WebConfig> parse_web_config(const std::string& yaml, const std::string& path) {
  const auto fail = [&](const std::string& why) { return Error{"web config file " + path + ": " + why}; };
  YAML::Node root;
  try {
    root = YAML::Load(yaml);
  } catch (const YAML::Exception& error) {
    return fail(error.what());
  }
  WebConfig config;
  if (root.IsNull()) return config;
  if (!root.IsMap()) return fail("the top level must be a mapping");
  for (const auto& entry : root) {
    const auto key = entry.first.Scalar();
    if (key == "tls_server_config") {
      auto tls = parse_tls(entry.second, path);
      if (!tls) return fail(tls.error());
      config.tls = std::move(*tls);
    } else if (key == "basic_auth_users") {
      auto users = parse_users(entry.second);
      if (!users) return fail(users.error());
      config.basic_auth_users = std::move(*users);
    } else {
      return fail("key " + key + ": not supported");
    }
  }
  return config;
}

}  // namespace dse::http
