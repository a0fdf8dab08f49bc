#include <catch2/catch.hpp>

#include <map>
#include <set>

#include "config/flag_specs.hpp"
#include "config/restart_only.hpp"
#include "environment.hpp"

using namespace dse::config;
using dse::test::environment;

namespace {

// A TCP engine so that --docker.tls-verify is valid; HOME for the default certificate directory.
const std::vector<std::string_view> base = {"--docker.host", "tcp://127.0.0.1:2375"};

Config parsed(std::vector<std::string_view> extra, std::map<std::string, std::string> env = {{"HOME", "/root"}}) {
  auto args = base;
  args.insert(args.end(), extra.begin(), extra.end());
  // Any file named reads as empty (an empty web config is valid).
  auto config = load_config(args, environment(env),
                            [](const std::string&) -> dse::Expected<std::string> { return std::string(); });
  REQUIRE(config);
  return *config;
}

// Each flag a config file may set, with a value other than its default.
const std::map<std::string, std::vector<std::string_view>> changed_value = {
    {"web.listen-address", {"--web.listen-address", ":9999"}},
    {"web.systemd-socket", {"--web.systemd-socket"}},
    {"web.telemetry-path", {"--web.telemetry-path", "/m"}},
    {"web.config.file", {"--web.config.file", "/nonexistent/web.yml"}},
    {"web.header-timeout", {"--web.header-timeout", "3s"}},
    {"web.separate-process", {"--no-web.separate-process"}},
    {"web.user", {"--web.user", "daemon"}},
    {"docker.host", {"--docker.host", "tcp://127.0.0.2:2375"}},
    {"docker.tls-verify", {"--docker.tls-verify"}},
    {"docker.cert-path", {"--docker.cert-path", "/etc/docker-certs"}},
    {"docker.timeout", {"--docker.timeout", "3s"}},
    {"docker.resync-interval", {"--docker.resync-interval", "1m"}},
    {"metrics.container-labels", {"--metrics.container-labels", "id"}},
    {"metrics.docker-labels", {"--metrics.docker-labels", "owner"}},
    {"metrics.aggregate-only", {"--metrics.aggregate-only"}},
    {"compliance.weak-profile-noncompliant", {"--compliance.weak-profile-noncompliant"}},
    {"collector.seccomp-audit", {"--collector.seccomp-audit"}},
    {"proc.path", {"--proc.path", "/host/proc"}},
    {"host.root", {"--host.root", "/host"}},
    {"exclude.name", {"--exclude.name", "x"}},
    {"exclude.label", {"--exclude.label", "a=b"}},
    {"log.level", {"--log.level", "debug"}},
    {"log.format", {"--log.format", "json"}},
};

// What RuntimeSettings::apply changes while running.
const std::set<std::string> applied_at_reload = {"metrics.container-labels",
                                                 "metrics.docker-labels",
                                                 "metrics.aggregate-only",
                                                 "compliance.weak-profile-noncompliant",
                                                 "exclude.name",
                                                 "exclude.label",
                                                 "log.level"};

}  // namespace

TEST_CASE("restart_only_changes names exactly the restart-only setting that changed, for every flag") {
  const auto running = parsed({});
  for (const auto& spec : flag_specs()) {
    if (spec.kind == Kind::command_line_only) continue;
    const std::string name(spec.name);
    INFO(name);
    const auto found = changed_value.find(name);
    REQUIRE(found != changed_value.end());  // a new flag: say here whether a reload applies it
    const auto fresh = parsed(found->second);
    const auto expected = applied_at_reload.count(name) ? std::vector<std::string>{} : std::vector<std::string>{name};
    CHECK(restart_only_changes(running, fresh) == expected);
  }
}

TEST_CASE("restart_only_changes: DOCKER_API_VERSION and the certificate directory from the environment") {
  const auto running = parsed({"--docker.tls-verify"});
  CHECK(restart_only_changes(running,
                             parsed({"--docker.tls-verify"}, {{"HOME", "/root"}, {"DOCKER_API_VERSION", "1.41"}})) ==
        std::vector<std::string>{"DOCKER_API_VERSION"});
  CHECK(restart_only_changes(running, parsed({"--docker.tls-verify"}, {{"DOCKER_CERT_PATH", "/certs"}})) ==
        std::vector<std::string>{"docker.cert-path"});
  CHECK(restart_only_changes(running, parsed({"--docker.tls-verify"})).empty());
}

TEST_CASE("restart_only_changes lists several changes in flag order") {
  CHECK(restart_only_changes(parsed({}),
                             parsed({"--log.format", "json", "--web.header-timeout", "1s", "--log.level", "warn"})) ==
        std::vector<std::string>{"web.header-timeout", "log.format"});
}
