#include <catch2/catch.hpp>

#include <map>

#include "config/flags.hpp"
#include "environment.hpp"

using namespace dse::config;
using dse::Environment;
using dse::FileReader;
using dse::test::environment;

TEST_CASE("parse_flags defaults follow the exporter conventions") {
  const auto config = parse_flags({}, environment());
  REQUIRE(config);
  CHECK(config->web.listen_addresses.at(0).port == 10521);
  CHECK(config->web.listen_addresses.at(0).host.empty());
  CHECK(config->web.telemetry_path == "/metrics");
  CHECK(config->monitor.docker.host.to_string() == "unix:///var/run/docker.sock");
  CHECK(config->monitor.docker.timeout == std::chrono::seconds(10));
  CHECK(config->log.format == dse::LogFormat::logfmt);
}

TEST_CASE("parse_flags takes DOCKER_HOST and DOCKER_API_VERSION, and flags override them") {
  const auto from_env =
      parse_flags({}, environment({{"DOCKER_HOST", "tcp://10.0.0.1:2375"}, {"DOCKER_API_VERSION", "1.41"}}));
  REQUIRE(from_env);
  CHECK(from_env->monitor.docker.host.to_string() == "tcp://10.0.0.1:2375");
  CHECK(from_env->monitor.docker.api_version == "1.41");
  const auto overridden =
      parse_flags({"--docker.host", "unix:///run/d.sock"}, environment({{"DOCKER_HOST", "tcp://x:1"}}));
  REQUIRE(overridden);
  CHECK(overridden->monitor.docker.host.socket_path == "/run/d.sock");
}

TEST_CASE("parse_flags accepts --flag=value and --flag value") {
  const auto config = parse_flags({"--web.listen-address=127.0.0.1:9000", "--web.telemetry-path", "/m",
                                   "--log.level=debug", "--log.format", "json", "--docker.timeout=500ms"},
                                  environment());
  REQUIRE(config);
  CHECK(config->web.listen_addresses.at(0).port == 9000);
  CHECK(config->web.telemetry_path == "/m");
  CHECK(config->log.level == "debug");
  CHECK(config->log.format == dse::LogFormat::json);
  CHECK(config->monitor.docker.timeout == std::chrono::milliseconds(500));
  CHECK(parse_flags({"--docker.resync-interval=0s"}, environment())->monitor.resync_interval.count() == 0);
  CHECK(parse_flags({}, environment())->monitor.resync_interval == std::chrono::minutes(5));
}

TEST_CASE("parse_flags errors name the flag") {
  CHECK(parse_flags({"--nope"}, environment()).error() == "unknown flag --nope (see --help)");
  CHECK(parse_flags({"--log.level"}, environment()).error() == "flag --log.level needs a value");
  CHECK(parse_flags({"--log.level=loud"}, environment()).error().starts_with("flag --log.level:"));
  CHECK(parse_flags({"--web.listen-address=x"}, environment()).error().starts_with("flag --web.listen-address:"));
  CHECK(parse_flags({"--web.telemetry-path=metrics"}, environment()).error().starts_with("flag --web.telemetry-path:"));
  CHECK(parse_flags({"--docker.host=ftp://x"}, environment()).error().starts_with("flag --docker.host:"));
  CHECK(parse_flags({"--docker.timeout=0s"}, environment()).error().starts_with("flag --docker.timeout:"));
  CHECK(parse_flags({"--docker.timeout=10"}, environment()).error().starts_with("flag --docker.timeout:"));
  CHECK(parse_flags({"--version=yes"}, environment()).error() == "flag --version takes no value");
  CHECK(parse_flags({}, environment({{"DOCKER_HOST", "bogus"}})).error().starts_with("environment DOCKER_HOST:"));
}

TEST_CASE("parse_flags recognises --help, -h and --version; usage lists every flag") {
  CHECK(parse_flags({"-h"}, environment())->show_help);
  CHECK(parse_flags({"--version"}, environment())->show_version);
  for (const char* flag : {"--web.listen-address", "--web.telemetry-path", "--docker.host", "--docker.timeout",
                           "--log.level", "--log.format", "--version", "--help"}) {
    CHECK(usage().find(flag) != std::string::npos);
  }
}

TEST_CASE("load_config: the audit command and its --output") {
  const auto audit = parse_flags({"audit", "--output=json", "--docker.host=unix:///d.sock"}, environment());
  REQUIRE(audit);
  CHECK(audit->audit);
  CHECK(audit->output == OutputFormat::json);
  CHECK(audit->log.level == "warn");
  CHECK(parse_flags({"--output=json"}, environment()).error() == "flag --output: only with the audit command");
  CHECK(parse_flags({"audit", "--output=xml"}, environment()).error() ==
        "flag --output: want table or json, got 'xml'");
  CHECK(parse_flags({"audit", "extra"}, environment()).error() == "unexpected argument 'extra' (see --help)");
}

TEST_CASE("load_config: TLS to the engine as the Docker CLI sets it up") {
  const auto from_env = parse_flags(
      {}, environment(
              {{"DOCKER_HOST", "tcp://127.0.0.1:2376"}, {"DOCKER_TLS_VERIFY", "1"}, {"DOCKER_CERT_PATH", "/certs"}}));
  REQUIRE(from_env);
  REQUIRE(from_env->monitor.docker.tls);
  CHECK(from_env->monitor.docker.tls->ca == "/certs/ca.pem");
  CHECK(from_env->monitor.docker.tls->cert == "/certs/cert.pem");
  CHECK(from_env->monitor.docker.tls->key == "/certs/key.pem");
  const auto home =
      parse_flags({"--docker.host=tcp://h:2400", "--docker.tls-verify"}, environment({{"HOME", "/root"}}));
  REQUIRE(home);
  CHECK(home->monitor.docker.tls->ca == "/root/.docker/ca.pem");
  CHECK(home->monitor.docker.host.port == "2400");
  // No port: 2376 with TLS, 2375 without, as the Docker CLI.
  CHECK(parse_flags({"--docker.host=tcp://h", "--docker.tls-verify"}, environment({{"HOME", "/r"}}))
            ->monitor.docker.host.port == "2376");
  CHECK(parse_flags({"--docker.host=tcp://h"}, environment())->monitor.docker.host.port == "2375");
  CHECK_FALSE(
      parse_flags({"--docker.host=tcp://h:2376"}, environment({{"DOCKER_TLS_VERIFY", ""}}))->monitor.docker.tls);
  CHECK(parse_flags({"--docker.tls-verify"}, environment()).error().find("needs a tcp:// Docker host") !=
        std::string::npos);
}

TEST_CASE("parse_flags: --collector.seccomp-audit turns the audit collector on") {
  CHECK_FALSE(parse_flags({}, environment())->monitor.seccomp_audit);
  CHECK(parse_flags({"--collector.seccomp-audit"}, environment())->monitor.seccomp_audit);
  CHECK_FALSE(parse_flags({"--collector.seccomp-audit=false"}, environment())->monitor.seccomp_audit);
}

TEST_CASE("parse_flags: --web.listen-address is repeatable, and replaces the default") {
  const auto config =
      parse_flags({"--web.listen-address=127.0.0.1:9000", "--web.listen-address", "[::1]:9001"}, environment());
  REQUIRE(config);
  REQUIRE(config->web.listen_addresses.size() == 2);
  CHECK(config->web.listen_addresses[0].host == "127.0.0.1");
  CHECK(config->web.listen_addresses[1].host == "::1");
  CHECK(config->web.listen_addresses[1].port == 9001);
  CHECK(parse_flags({}, environment())->web.listen_addresses.size() == 1);
}

TEST_CASE("parse_flags: --no-FLAG turns a toggle off, the last word wins") {
  CHECK_FALSE(
      parse_flags({"--collector.seccomp-audit", "--no-collector.seccomp-audit"}, environment())->monitor.seccomp_audit);
  CHECK(
      parse_flags({"--no-collector.seccomp-audit", "--collector.seccomp-audit"}, environment())->monitor.seccomp_audit);
  CHECK(parse_flags({"--no-metrics.aggregate-only"}, environment()));
  CHECK(parse_flags({"--no-collector.seccomp-audit=true"}, environment()).error() ==
        "flag --no-collector.seccomp-audit takes no value");
  CHECK(parse_flags({"--no-log.level"}, environment()).error() == "unknown flag --no-log.level (see --help)");
  CHECK(parse_flags({"--docker.resync-interval=1h30m"}, environment())->monitor.resync_interval.count() == 90 * 60'000);
}
