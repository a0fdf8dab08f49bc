#pragma once
// --web.config.file, in the exporter-toolkit format node_exporter users already have:
// tls_server_config (cert_file, key_file, client_auth_type, client_ca_file, min_version) and
// basic_auth_users (user: bcrypt hash).
#include <map>
#include <optional>
#include <string>

#include "util/expected.hpp"

namespace dse::http {

enum class ClientAuth {
  none,                       // NoClientCert
  request,                    // RequestClientCert: asked for, not required, not verified
  require_any,                // RequireAnyClientCert: required, not verified
  verify_if_given,            // VerifyClientCertIfGiven
  require_and_verify,         // RequireAndVerifyClientCert
};

struct TlsServerConfig {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
  ClientAuth client_auth = ClientAuth::none;
  std::string min_version = "TLS12";  // TLS10, TLS11, TLS12, TLS13
};

struct WebConfig {
  std::optional<TlsServerConfig> tls;
  std::map<std::string, std::string> basic_auth_users;  // user -> bcrypt hash
};

// Relative file names are taken relative to the config file's directory, as exporter-toolkit does.
Expected<WebConfig> parse_web_config(const std::string& yaml, const std::string& path);

}  // namespace dse::http
