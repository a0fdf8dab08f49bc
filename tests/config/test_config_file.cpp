#include <catch2/catch.hpp>

#include <map>

#include "config/flags.hpp"

using namespace dse::config;

namespace {

std::optional<std::string> no_env(const char*) { return std::nullopt; }

FileReader files(std::map<std::string, std::string> contents) {
  return [contents](const std::string& path) -> dse::Expected<std::string> {
    const auto it = contents.find(path);
    if (it == contents.end()) return dse::Error{"cannot read " + path};
    return it->second;
  };
}

}  // namespace

TEST_CASE("load_config reads the YAML file by the flags' names, and flags win") {
  const auto reader = files({{"/etc/dse.yml", R"(
web:
  listen-address: "127.0.0.1:9100"
  telemetry-path: /seccomp
log:
  level: warn
metrics:
  container-labels: name,image
  aggregate-only: false
exclude:
  name: ["^infra-.*$", "exporter"]
  label: [com.example.skip, "tier=infra"]
)"}});
  const auto config = load_config({"--config.file", "/etc/dse.yml", "--log.level=debug"}, no_env, reader);
  REQUIRE(config);
  CHECK(config->listen_address.port == 9100);
  CHECK(config->telemetry_path == "/seccomp");
  CHECK(config->log_level == "debug");
  CHECK_FALSE(config->metrics.id_label);
  CHECK(config->metrics.name_label);
  CHECK(config->exclusions.names.size() == 2);
  REQUIRE(config->exclusions.labels.size() == 2);
  CHECK_FALSE(config->exclusions.labels[0].value);
  CHECK(config->exclusions.labels[1].value == "infra");
}

TEST_CASE("load_config: a list flag on the command line replaces the file's list") {
  const auto reader = files({{"c.yml", "exclude: {name: [a, b]}\n"}});
  const auto config = load_config({"--config.file=c.yml", "--exclude.name=x", "--exclude.name=y"}, no_env, reader);
  REQUIRE(config);
  REQUIRE(config->exclusions.names.size() == 2);
  CHECK(config->exclusions.names[0].source == "x");
  CHECK(config->exclusions.names[1].source == "y");
}

TEST_CASE("load_config errors name the file and the key") {
  const auto load = [](const std::string& yaml) {
    return load_config({"--config.file=c.yml"}, no_env, files({{"c.yml", yaml}}));
  };
  CHECK(load("web: {listen-adress: ':1'}\n").error() == "config file c.yml: key web.listen-adress: unknown setting");
  CHECK(load("log: {level: loud}\n").error() ==
        "config file c.yml: key log.level: want debug, info, warn or error, got 'loud'");
  CHECK(load("web: {listen-address: ':70000'}\n").error() == "config file c.yml: key web.listen-address: invalid port '70000'");
  CHECK(load("metrics: {aggregate-only: maybe}\n").error() ==
        "config file c.yml: key metrics.aggregate-only: want true or false, got 'maybe'");
  CHECK(load("metrics: {container-labels: image}\n").error() ==
        "config file c.yml: key metrics.container-labels: needs id or name (or use metrics.aggregate-only)");
  CHECK(load("exclude: {name: ['(']}\n").error().starts_with("config file c.yml: key exclude.name: invalid regular expression"));
  CHECK(load("config: {file: other.yml}\n").error() == "config file c.yml: key config.file: allowed on the command line only");
  CHECK(load("web: 3\n").error().starts_with("config file c.yml: key web must be a mapping"));
  CHECK(load("[1, 2]\n").error() == "config file c.yml: the top level must be a mapping of sections");
  CHECK(load("web: {listen-address: {a: 1}}\n").error() == "config file c.yml: key web.listen-address: want a scalar or a list");
  CHECK(load("web: [unclosed\n").error().starts_with("config file c.yml: "));
  CHECK(load_config({"--config.file=missing.yml"}, no_env, files({})).error() == "flag --config.file: cannot read missing.yml");
}

TEST_CASE("load_config accepts an empty file") {
  const auto config = load_config({"--config.file=c.yml"}, no_env, files({{"c.yml", ""}}));
  REQUIRE(config);
  CHECK(config->listen_address.port == 10521);
}

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
