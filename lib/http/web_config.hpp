#pragma once
// --web.config.file, in the exporter-toolkit format node_exporter users already have:
// tls_server_config (cert_file, key_file, client_auth_type, client_ca_file, min_version, max_version,
// cipher_suites, curve_preferences, prefer_server_cipher_suites, client_allowed_sans), http_server_config
// (http2, headers) and basic_auth_users (user: bcrypt hash). Only keys exporter-toolkit does not know are refused.
#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "util/expected.hpp"

namespace dse::http {

enum class ClientAuth {
  none,                // NoClientCert
  request,             // RequestClientCert: asked for, not required, not verified
  require_any,         // RequireAnyClientCert: required, not verified
  verify_if_given,     // VerifyClientCertIfGiven
  require_and_verify,  // RequireAndVerifyClientCert
};

struct TlsServerConfig {
  std::string cert_file;
  std::string key_file;
  std::string client_ca_file;
  ClientAuth client_auth = ClientAuth::none;
  std::string min_version = "TLS12";             // TLS10, TLS11, TLS12, TLS13
  std::string max_version;                       // empty: the highest OpenSSL offers
  std::vector<std::string> cipher_suites;        // OpenSSL names of the Go names given (TLS 1.2 and below)
  std::vector<std::string> curve_preferences;    // OpenSSL group names of the Go names given
  std::vector<std::string> client_allowed_sans;  // a verified client certificate must name one of these
};

struct WebConfig {
  std::optional<TlsServerConfig> tls;
  std::map<std::string, std::string> basic_auth_users;  // user -> bcrypt hash
  std::map<std::string, std::string> headers;           // http_server_config.headers, on every response
};

// The cap on a web config, at start and at every reload. Smaller than the config file's 1 MiB because it is
// re-read on the event loop at the first connection after it changed, and yaml-cpp's nodes cost about 150
// bytes each: 1 MiB of flow list took 160 MiB and 0.55 s there, 64 KiB takes 10 MiB and 25 ms (BENCHMARKS.md
// "A web-config reload, bounded"). 64 KiB still holds about 800 basic-auth users.
inline constexpr std::size_t max_web_config_bytes = 64 * 1024;

// Relative file names are taken relative to the config file's directory, as exporter-toolkit does.
Expected<WebConfig> parse_web_config(const std::string& yaml, const std::string& path);

}  // namespace dse::http
