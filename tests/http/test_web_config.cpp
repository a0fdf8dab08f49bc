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
)", "/etc/dse/web.yml");
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
                         "w.yml").error() == "web config file w.yml: key tls_server_config.client_ca_file: needed to verify clients");
  CHECK(parse_web_config("tls_server_config: {cert_file: a, key_file: b, min_version: SSL3}\n", "w.yml").error() ==
        "web config file w.yml: key tls_server_config.min_version: want TLS10, TLS11, TLS12 or TLS13, got 'SSL3'");
  CHECK(parse_web_config("tls_server_config: {cert_file: a, key_file: b, cipher_suites: [x]}\n", "w.yml").error() ==
        "web config file w.yml: key tls_server_config.cipher_suites: want a string");
  CHECK(parse_web_config("http_server_config: {}\n", "w.yml").error() == "web config file w.yml: key http_server_config: not supported");
  CHECK(parse_web_config("basic_auth_users: {'a:b': '$2y$x'}\n", "w.yml").error() ==
        "web config file w.yml: key basic_auth_users.a:b: ':' is not allowed in a user name");
}
