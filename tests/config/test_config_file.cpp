#include <catch2/catch.hpp>

#include <map>

#include "config/flags.hpp"

using namespace dse::config;
using dse::Environment;
using dse::FileReader;

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
  CHECK(config->web.listen_addresses.at(0).port == 9100);
  CHECK(config->web.telemetry_path == "/seccomp");
  CHECK(config->log.level == "debug");
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
  CHECK(load("web: {listen-address: ':70000'}\n").error() ==
        "config file c.yml: key web.listen-address: invalid port '70000'");
  CHECK(load("metrics: {aggregate-only: maybe}\n").error() ==
        "config file c.yml: key metrics.aggregate-only: want true or false, got 'maybe'");
  CHECK(load("metrics: {container-labels: image}\n").error() ==
        "config file c.yml: key metrics.container-labels: needs id or name (or use metrics.aggregate-only)");
  CHECK(load("exclude: {name: ['(']}\n")
            .error()
            .starts_with("config file c.yml: key exclude.name: invalid regular expression"));
  CHECK(load("config: {file: other.yml}\n").error() ==
        "config file c.yml: key config.file: allowed on the command line only");
  CHECK(load("web: 3\n").error().starts_with("config file c.yml: key web must be a mapping"));
  CHECK(load("[1, 2]\n").error() == "config file c.yml: the top level must be a mapping of sections");
  CHECK(load("web: {listen-address: {a: 1}}\n").error() ==
        "config file c.yml: key web.listen-address: want a scalar or a list");
  CHECK(load("web: [unclosed\n").error().starts_with("config file c.yml: "));
  CHECK(load_config({"--config.file=missing.yml"}, no_env, files({})).error() ==
        "flag --config.file: cannot read missing.yml");
}

TEST_CASE("load_config accepts an empty file") {
  const auto config = load_config({"--config.file=c.yml"}, no_env, files({{"c.yml", ""}}));
  REQUIRE(config);
  CHECK(config->web.listen_addresses.at(0).port == 10521);
}
