#include "http/web_config.hpp"

#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <array>
#include <iterator>
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

Expected<std::vector<std::string>> strings(const YAML::Node& node, const std::string& key) {
  if (!node.IsSequence()) return Error{"key " + key + ": want a list"};
  std::vector<std::string> values;
  for (const auto& element : node) {
    auto value = scalar(element, key);
    if (!value) return Error{value.error()};
    values.push_back(std::move(*value));
  }
  return values;
}

// Go's names (crypto/tls, as exporter-toolkit's web config takes them) to OpenSSL's.
constexpr std::pair<std::string_view, std::string_view> cipher_names[] = {
    {"TLS_RSA_WITH_AES_128_CBC_SHA", "AES128-SHA"},
    {"TLS_RSA_WITH_AES_256_CBC_SHA", "AES256-SHA"},
    {"TLS_RSA_WITH_AES_128_GCM_SHA256", "AES128-GCM-SHA256"},
    {"TLS_RSA_WITH_AES_256_GCM_SHA384", "AES256-GCM-SHA384"},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA", "ECDHE-ECDSA-AES128-SHA"},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_CBC_SHA", "ECDHE-ECDSA-AES256-SHA"},
    {"TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "ECDHE-RSA-AES128-SHA"},
    {"TLS_ECDHE_RSA_WITH_AES_256_CBC_SHA", "ECDHE-RSA-AES256-SHA"},
    {"TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "ECDHE-RSA-AES128-GCM-SHA256"},
    {"TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "ECDHE-ECDSA-AES128-GCM-SHA256"},
    {"TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384", "ECDHE-RSA-AES256-GCM-SHA384"},
    {"TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "ECDHE-ECDSA-AES256-GCM-SHA384"},
    {"TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-RSA-CHACHA20-POLY1305"},
    {"TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"},
};
constexpr std::pair<std::string_view, std::string_view> curve_names[] = {
    {"CurveP256", "P-256"}, {"CurveP384", "P-384"}, {"CurveP521", "P-521"}, {"X25519", "X25519"}};
// The headers exporter-toolkit lets a web config set.
constexpr std::string_view allowed_headers[] = {"Strict-Transport-Security", "X-Content-Type-Options",
                                                "X-Frame-Options", "X-XSS-Protection", "Content-Security-Policy"};

template <std::size_t N>
Expected<std::vector<std::string>> translate(const std::vector<std::string>& names,
                                             const std::pair<std::string_view, std::string_view> (&table)[N],
                                             const std::string& key) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    const auto* found =
        std::find_if(std::begin(table), std::end(table), [&](const auto& p) { return p.first == name; });
    if (found == std::end(table)) return Error{"key " + key + ": unknown value '" + name + "'"};
    out.emplace_back(found->second);
  }
  return out;
}

bool is_version(const std::string& value) {
  return value == "TLS10" || value == "TLS11" || value == "TLS12" || value == "TLS13";
}

Expected<std::map<std::string, std::string>> parse_http_server_config(const YAML::Node& node) {
  if (!node.IsMap()) return Error{"key http_server_config: want a mapping"};
  std::map<std::string, std::string> headers;
  for (const auto& entry : node) {
    const auto name = entry.first.Scalar();
    if (name == "http2") {
      if (!entry.second.IsScalar()) return Error{"key http_server_config.http2: want true or false"};
      continue;  // HTTP/1.1 only here: Prometheus scrapes with it; the setting is accepted and has no effect
    }
    if (name != "headers") return Error{"key http_server_config." + name + ": not supported"};
    if (!entry.second.IsMap()) return Error{"key http_server_config.headers: want a mapping"};
    for (const auto& header : entry.second) {
      const auto key = "http_server_config.headers." + header.first.Scalar();
      if (std::find(std::begin(allowed_headers), std::end(allowed_headers), header.first.Scalar()) ==
          std::end(allowed_headers)) {
        return Error{"key " + key + ": not a header a web config may set"};
      }
      auto value = scalar(header.second, key);
      if (!value) return Error{value.error()};
      headers.emplace(header.first.Scalar(), std::move(*value));
    }
  }
  return headers;
}

Expected<TlsServerConfig> parse_tls(const YAML::Node& node, const std::string& path) {
  if (!node.IsMap()) return Error{"key tls_server_config: want a mapping"};
  TlsServerConfig tls;
  for (const auto& entry : node) {
    const auto name = entry.first.Scalar();
    const auto key = "tls_server_config." + name;
    if (name == "cipher_suites" || name == "curve_preferences" || name == "client_allowed_sans") {
      auto list = strings(entry.second, key);
      if (!list) return Error{list.error()};
      if (name == "client_allowed_sans") {
        tls.client_allowed_sans = std::move(*list);
        continue;
      }
      auto translated =
          name == "cipher_suites" ? translate(*list, cipher_names, key) : translate(*list, curve_names, key);
      if (!translated) return Error{translated.error()};
      (name == "cipher_suites" ? tls.cipher_suites : tls.curve_preferences) = std::move(*translated);
      continue;
    }
    auto value = scalar(entry.second, key);
    if (!value) return Error{value.error()};
    if (name == "cert_file")
      tls.cert_file = relative_to(*value, path);
    else if (name == "key_file")
      tls.key_file = relative_to(*value, path);
    else if (name == "client_ca_file")
      tls.client_ca_file = relative_to(*value, path);
    else if (name == "client_auth_type") {
      auto auth = client_auth_from(*value);
      if (!auth) return Error{"key " + key + ": unknown value '" + *value + "'"};
      tls.client_auth = *auth;
    } else if (name == "min_version" || name == "max_version") {
      if (!is_version(*value)) return Error{"key " + key + ": want TLS10, TLS11, TLS12 or TLS13, got '" + *value + "'"};
      (name == "min_version" ? tls.min_version : tls.max_version) = *value;
    } else if (name == "prefer_server_cipher_suites") {
      // Accepted as in exporter-toolkit (Go ignores it since 1.18); OpenSSL prefers the server's order anyway.
    } else {
      return Error{"key " + key + ": not supported"};
    }
  }
  if (tls.cert_file.empty() || tls.key_file.empty())
    return Error{"key tls_server_config: needs cert_file and key_file"};
  const bool verifies =
      tls.client_auth == ClientAuth::verify_if_given || tls.client_auth == ClientAuth::require_and_verify;
  if (verifies && tls.client_ca_file.empty())
    return Error{"key tls_server_config.client_ca_file: needed to verify clients"};
  if (!tls.client_allowed_sans.empty() && !verifies) {
    return Error{"key tls_server_config.client_allowed_sans: needs client_auth_type RequireAndVerifyClientCert"};
  }
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
    if (user.find(':') != std::string::npos)
      return Error{"key basic_auth_users." + user + ": ':' is not allowed in a user name"};
    users.emplace(user, *hash);
  }
  return users;
}

}  // namespace

Expected<WebConfig> parse_web_config(const std::string& yaml, const std::string& path) {
  const auto fail = [&](const std::string& why) { return Error{"web config file " + path + ": " + why}; };
  if (yaml.size() > max_web_config_bytes) return fail("larger than " + std::to_string(max_web_config_bytes) + " bytes");
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
    } else if (key == "http_server_config") {
      auto headers = parse_http_server_config(entry.second);
      if (!headers) return fail(headers.error());
      config.headers = std::move(*headers);
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
