#include <catch2/catch.hpp>

#include "http/web_config.hpp"

using namespace dse::http;

TEST_CASE("parse_web_config reads the exporter-toolkit format") {
  const auto web = parse_web_config(R"(
tls_server_config:
  cert_file: server.crt
  key_file: /abs/server.key
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: ca.crt
  min_version: TLS13
basic_auth_users:
  prometheus: $2y$10$abcdefghijklmnopqrstuvwxyzabcdefghijklmnopqrstuvwxyzab
)",
                                    "/etc/dse/web.yml");
  REQUIRE(web);
  REQUIRE(web->tls);
  CHECK(web->tls->cert_file == "/etc/dse/server.crt");
  CHECK(web->tls->key_file == "/abs/server.key");
  CHECK(web->tls->client_ca_file == "/etc/dse/ca.crt");
  CHECK(web->tls->client_auth == ClientAuth::require_and_verify);
  CHECK(web->tls->min_version == "TLS13");
  CHECK(web->basic_auth_users.size() == 1);
  CHECK(parse_web_config("", "w.yml")->basic_auth_users.empty());
}

TEST_CASE("parse_web_config errors name the key") {
  CHECK(parse_web_config("tls_server_config: {cert_file: a}\n", "w.yml").error() ==
        "web config file w.yml: key tls_server_config: needs cert_file and key_file");
  CHECK(parse_web_config("tls_server_config: {cert_file: a, key_file: b, client_auth_type: VerifyClientCertIfGiven}\n",
                         "w.yml")
            .error() == "web config file w.yml: key tls_server_config.client_ca_file: needed to verify clients");
  CHECK(parse_web_config("tls_server_config: {cert_file: a, key_file: b, min_version: SSL3}\n", "w.yml").error() ==
        "web config file w.yml: key tls_server_config.min_version: want TLS10, TLS11, TLS12 or TLS13, got 'SSL3'");
  CHECK(parse_web_config("tls_server_config: {cert_file: a, key_file: b, cipher_suites: [x]}\n", "w.yml").error() ==
        "web config file w.yml: key tls_server_config.cipher_suites: unknown value 'x'");
  CHECK(parse_web_config("tls_server_config: {cert_file: a, key_file: b, cipher_suites: x}\n", "w.yml").error() ==
        "web config file w.yml: key tls_server_config.cipher_suites: want a list");
  CHECK(
      parse_web_config("tls_server_config: {cert_file: a, key_file: b, client_allowed_sans: [x]}\n", "w.yml").error() ==
      "web config file w.yml: key tls_server_config.client_allowed_sans: needs client_auth_type "
      "RequireAndVerifyClientCert");
  CHECK(parse_web_config("http_server_config: {headers: {X-Evil: 1}}\n", "w.yml").error() ==
        "web config file w.yml: key http_server_config.headers.X-Evil: not a header a web config may set");
  CHECK(parse_web_config("http_server_config: {compression: true}\n", "w.yml").error() ==
        "web config file w.yml: key http_server_config.compression: not supported");
  CHECK(parse_web_config("tls_server_config: {cert_file: a, key_file: b, max_version: SSL3}\n", "w.yml").error() ==
        "web config file w.yml: key tls_server_config.max_version: want TLS10, TLS11, TLS12 or TLS13, got 'SSL3'");
  CHECK(parse_web_config("basic_auth_users: {'a:b': '$2y$x'}\n", "w.yml").error() ==
        "web config file w.yml: key basic_auth_users.a:b: ':' is not allowed in a user name");
}

TEST_CASE("parse_web_config takes the whole exporter-toolkit key set") {
  const auto web = parse_web_config(R"(
tls_server_config:
  cert_file: c.pem
  key_file: k.pem
  client_auth_type: RequireAndVerifyClientCert
  client_ca_file: ca.pem
  min_version: TLS12
  max_version: TLS13
  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305_SHA256]
  curve_preferences: [X25519, CurveP256]
  prefer_server_cipher_suites: true
  client_allowed_sans: [scraper.example.com, 10.0.0.1]
http_server_config:
  http2: false
  headers:
    Strict-Transport-Security: max-age=31536000
    X-Frame-Options: deny
)",
                                    "/etc/w.yml");
  REQUIRE(web);
  CHECK(web->tls->max_version == "TLS13");
  CHECK(web->tls->cipher_suites ==
        std::vector<std::string>{"ECDHE-RSA-AES128-GCM-SHA256", "ECDHE-ECDSA-CHACHA20-POLY1305"});
  CHECK(web->tls->curve_preferences == std::vector<std::string>{"X25519", "P-256"});
  CHECK(web->tls->client_allowed_sans == std::vector<std::string>{"scraper.example.com", "10.0.0.1"});
  CHECK(web->headers.at("Strict-Transport-Security") == "max-age=31536000");
  CHECK(web->headers.size() == 2);
}

TEST_CASE("parse_web_config refuses a file over 64 KiB before parsing it") {
  const std::string at_cap = "# " + std::string(max_web_config_bytes - 3, 'c') + "\n";
  CHECK(parse_web_config(at_cap, "w.yml"));
  CHECK(parse_web_config(at_cap + "\n", "w.yml").error() == "web config file w.yml: larger than 65536 bytes");
}
