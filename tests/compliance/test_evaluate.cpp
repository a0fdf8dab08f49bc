#include <catch2/catch.hpp>

#include "compliance/checks.hpp"
#include "compliance/evaluate.hpp"
#include "recorded_state.hpp"

using namespace dse::compliance;

namespace {

auto inspect(const std::string& name) { return dse::test::inspect_fixture(name); }
auto daemon(const std::string& name) { return dse::test::daemon_fixture(name); }

// The recorded daemon as Podman reports itself: containers.conf's profile kept for privileged containers.
auto podman_daemon() {
  auto podman = daemon("default");
  podman.podman = true;
  podman.custom_profile_for_privileged = true;
  return podman;
}

// The recorded custom-profile container as if nobody had tried to start it: its State.Error is runc's refusal.
auto never_started_custom() {
  auto container = inspect("custom");
  container.start_error.clear();
  return container;
}

// Evidence gathered as the container store gathers it. profile_file: the text of the file a Podman
// container's option names, as the monitor read it.
Verdict judge(const dse::docker::Container& container, const dse::docker::DaemonSeccomp& daemon,
              std::optional<dse::kernel::SeccompMode> kernel = std::nullopt, Policy policy = {},
              std::optional<std::string> daemon_profile = std::nullopt,
              const std::optional<std::string>& profile_file = std::nullopt) {
  const auto option = container_seccomp_option(container, daemon);
  const HostProfiles host{std::move(daemon_profile), {}};
  const Evidence evidence{daemon, option, applicable_profile({container, option, profile_file, daemon, host}), kernel,
                          policy};
  return evaluate(container, evidence);
}

}  // namespace

TEST_CASE("evaluate: the verdict table on recorded containers and daemons") {
  struct Row {
    std::string container, daemon;
    Verdict expected;
  };
  const std::vector<Row> table = {
      {"plain", "default", compliant_because(Reason::default_profile)},
      {"running", "default", compliant_because(Reason::default_profile)},
      {"exited", "default", compliant_because(Reason::default_profile)},
      // runc 1.1 refused its allow-list at start (State.Error: "... /proc/self/fd ...: operation not permitted").
      {"custom", "default", non_compliant_because(Reason::invalid_profile)},
      {"unconf_eq", "default", non_compliant_because(Reason::unconfined)},
      {"unconf_colon", "default", non_compliant_because(Reason::unconfined)},
      {"priv", "default", non_compliant_because(Reason::privileged)},
      {"plain", "daemon_custom", compliant_because(Reason::custom_profile)},
      {"unconf_eq", "daemon_custom", non_compliant_because(Reason::unconfined)},
      {"plain", "daemon_unconfined", non_compliant_because(Reason::daemon_unconfined)},
      {"custom", "daemon_unconfined", non_compliant_because(Reason::invalid_profile)},
      {"priv", "daemon_unconfined", non_compliant_because(Reason::privileged)},
      {"plain", "daemon_no_seccomp", non_compliant_because(Reason::daemon_no_seccomp)},
      {"custom", "daemon_no_seccomp", non_compliant_because(Reason::daemon_no_seccomp)},
  };
  for (const auto& row : table) {
    INFO(row.container << " on " << row.daemon);
    CHECK(judge(inspect(row.container), daemon(row.daemon)) == row.expected);
  }
}

TEST_CASE("evaluate: privileged wins over a container's own custom profile") {
  auto container = inspect("custom");
  container.privileged = true;
  CHECK(judge(container, daemon("default")) == non_compliant_because(Reason::privileged));
}

// A Docker >= 23 daemon: it knows "builtin".
dse::docker::DaemonSeccomp docker23(const std::string& name) {
  auto seccomp = daemon(name);
  seccomp.knows_builtin = true;
  return seccomp;
}

TEST_CASE("evaluate: the last seccomp option wins, as in dockerd") {
  auto container = inspect("plain");
  container.security_opt = {"seccomp=unconfined", "label=disable", "seccomp=builtin"};
  CHECK(judge(container, docker23("default")) == compliant_because(Reason::default_profile));
  container.security_opt = {"seccomp=builtin", "seccomp:unconfined"};
  CHECK(judge(container, docker23("default")) == non_compliant_because(Reason::unconfined));
}

TEST_CASE("evaluate: an explicit builtin profile overrides an unconfined daemon default") {
  auto container = inspect("plain");
  container.security_opt = {"seccomp=builtin"};
  CHECK(judge(container, docker23("daemon_unconfined")) == compliant_because(Reason::default_profile));
}

TEST_CASE(
    "evaluate: seccomp=builtin on Docker 20.10 is profile text it cannot load; an empty value is the daemon's "
    "default") {
  auto container = inspect("plain");
  container.security_opt = {"seccomp=builtin"};
  CHECK(judge(container, daemon("default")) == non_compliant_because(Reason::invalid_profile));
  container.security_opt = {"seccomp=unconfined", "seccomp="};
  CHECK(judge(container, daemon("default")) == compliant_because(Reason::default_profile));
  CHECK(judge(container, docker23("daemon_unconfined")) == non_compliant_because(Reason::daemon_unconfined));
}

TEST_CASE("reason names are stable and round-trip") {
  CHECK(to_string(Reason::daemon_no_seccomp) == "daemon_no_seccomp");
  for (const auto reason : all_reasons) CHECK(reason_from_string(to_string(reason)) == reason);
  CHECK_FALSE(reason_from_string("bogus"));
}

TEST_CASE("evaluate: the kernel's word overrides a configuration that claims a filter") {
  using dse::kernel::SeccompMode;
  CHECK(judge(inspect("running"), daemon("default"), SeccompMode::disabled) ==
        non_compliant_because(Reason::kernel_unconfined));
  CHECK(judge(inspect("running"), daemon("default"), SeccompMode::filter) ==
        compliant_because(Reason::default_profile));
  CHECK(judge(never_started_custom(), daemon("default"), SeccompMode::disabled) ==
        non_compliant_because(Reason::kernel_unconfined));
  // Configured unconfined stays "unconfined" whatever the kernel says: the configuration is what to fix.
  CHECK(judge(inspect("unconf_eq"), daemon("default"), SeccompMode::disabled) ==
        non_compliant_because(Reason::unconfined));
  CHECK(judge(inspect("running"), daemon("default"), std::nullopt) == compliant_because(Reason::default_profile));
}

TEST_CASE("evaluate: weak custom profiles are non-compliant only under the policy") {
  auto container = inspect("plain");
  container.security_opt = {R"(seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]})"};
  CHECK(judge(container, daemon("default")) == compliant_because(Reason::custom_profile));
  CHECK(judge(container, daemon("default"), std::nullopt, Policy{true}) == non_compliant_because(Reason::weak_profile));
  // The recorded allow-list profile allows none of the risky syscalls.
  CHECK(judge(never_started_custom(), daemon("default"), std::nullopt, Policy{true}) ==
        compliant_because(Reason::custom_profile));
  // Docker's builtin profile is never weak.
  CHECK(judge(inspect("plain"), daemon("default"), std::nullopt, Policy{true}) ==
        compliant_because(Reason::default_profile));
}

TEST_CASE("evaluate: a weak daemon-wide profile, when readable") {
  const std::string weak = R"({"defaultAction":"SCMP_ACT_LOG"})";
  CHECK(judge(inspect("plain"), daemon("daemon_custom"), std::nullopt, Policy{true}, weak) ==
        non_compliant_because(Reason::weak_profile));
  CHECK(judge(inspect("plain"), daemon("daemon_custom"), std::nullopt, Policy{true}) ==
        compliant_because(Reason::custom_profile));  // unreadable: CIS's answer, never a guess
}

TEST_CASE("is_compliant puts every reason on one side, as the verdicts do") {
  using namespace dse::compliance;
  for (const auto reason : all_reasons) {
    const bool compliant = reason == Reason::default_profile || reason == Reason::custom_profile;
    CHECK(is_compliant(reason) == compliant);
  }
}

TEST_CASE("evaluate: a custom profile dockerd installs no filter for, or cannot load, is non-compliant") {
  auto container = inspect("plain");
  container.security_opt = {R"(seccomp={"syscalls":[]})"};
  CHECK(judge(container, daemon("default")) == non_compliant_because(Reason::empty_profile));
  // Said before it runs, and said rather than kernel_unconfined once it does: the profile is why.
  CHECK(judge(container, daemon("default"), dse::kernel::SeccompMode::disabled) ==
        non_compliant_because(Reason::empty_profile));
  container.security_opt = {R"(seccomp={"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"name":"a","names":["b"]}]})"};
  CHECK(judge(container, daemon("default")) == non_compliant_because(Reason::invalid_profile));
  // The daemon's own file, applied to containers without an option of their own.
  CHECK(judge(inspect("plain"), daemon("daemon_custom"), std::nullopt, {}, std::string("{}")) ==
        non_compliant_because(Reason::empty_profile));
  CHECK(judge(inspect("plain"), daemon("daemon_custom"), std::nullopt, {}, std::string("[1]")) ==
        non_compliant_because(Reason::invalid_profile));
}

TEST_CASE("evaluate: privileged with a custom profile, by engine version (moby WithSeccomp since v27.0.0)") {
  auto container = inspect("plain");
  container.privileged = true;
  container.security_opt = {
      R"(seccomp={"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]})"};
  auto docker26 = daemon("default");
  CHECK(judge(container, docker26) == non_compliant_because(Reason::privileged));
  auto docker27 = docker26;
  docker27.custom_profile_for_privileged = true;
  docker27.knows_builtin = true;
  CHECK(judge(container, docker27) == compliant_because(Reason::custom_profile));
  // A privileged container's option goes straight to LoadProfile (moby 28 daemon/seccomp_linux.go WithSeccomp):
  // "builtin" is decoded as profile JSON there, and the container cannot start (live on Docker 28.5).
  container.security_opt = {"seccomp=builtin"};
  CHECK(judge(container, docker27) == non_compliant_because(Reason::invalid_profile));
  // Before 27 the option was never read for a privileged container.
  CHECK(judge(container, docker26) == non_compliant_because(Reason::privileged));
  container.security_opt = {};
  CHECK(judge(container, docker27) == non_compliant_because(Reason::privileged));
}

TEST_CASE("evaluate: Podman names a profile file; its text decides, and privileged keeps a non-default one") {
  const auto podman = podman_daemon();
  auto container = inspect("plain");
  container.security_opt = {"seccomp=/etc/profiles/web.json"};
  const std::optional<std::string> empty = R"({"syscalls":[]})";
  CHECK(judge(container, podman, std::nullopt, {}, std::nullopt, empty) ==
        non_compliant_because(Reason::empty_profile));
  const std::optional<std::string> deny_list = R"({"defaultAction":"SCMP_ACT_ALLOW"})";
  CHECK(judge(container, podman, std::nullopt, Policy{true}, std::nullopt, deny_list) ==
        non_compliant_because(Reason::weak_profile));
  // unreadable (counted by the monitor): CIS's answer
  CHECK(judge(container, podman, std::nullopt, Policy{true}) == compliant_because(Reason::custom_profile));
  container.privileged = true;
  CHECK(judge(container, podman) == compliant_because(Reason::custom_profile));
  container.security_opt = {"seccomp=/usr/share/containers/seccomp.json"};  // the default: not for privileged
  CHECK(judge(container, podman) == non_compliant_because(Reason::privileged));
  // The same path on Docker is profile text dockerd cannot decode.
  container.privileged = false;
  const std::optional<std::string> allow_list = R"({"defaultAction":"SCMP_ACT_ERRNO"})";
  CHECK(judge(container, daemon("default"), std::nullopt, {}, std::nullopt, allow_list) ==
        non_compliant_because(Reason::invalid_profile));
}

TEST_CASE("evaluate: with live-restore, a running container keeps the filter it started with") {
  // The daemon restarted with an unconfined default; the container, started before, is still filtered.
  const auto container = inspect("plain");
  CHECK(judge(container, daemon("daemon_unconfined"), dse::kernel::SeccompMode::filter) ==
        compliant_because(Reason::default_profile));
  CHECK(judge(container, daemon("daemon_unconfined"), dse::kernel::SeccompMode::disabled) ==
        non_compliant_because(Reason::daemon_unconfined));
  CHECK(judge(container, daemon("daemon_unconfined")) == non_compliant_because(Reason::daemon_unconfined));
}

TEST_CASE("evaluate: the kernel's filter wins over a reading of the profile as refused or filterless") {
  auto container = inspect("running");
  container.security_opt = {R"(seccomp={"defaultAction":"SCMP_ACT_BOGUS"})"};  // what we read as refused
  CHECK(judge(container, daemon("default")) == non_compliant_because(Reason::invalid_profile));
  CHECK(judge(container, daemon("default"), dse::kernel::SeccompMode::filter) ==
        compliant_because(Reason::custom_profile));
  container.security_opt = {"seccomp={}"};  // what we read as no filter at all
  CHECK(judge(container, daemon("default")) == non_compliant_because(Reason::empty_profile));
  CHECK(judge(container, daemon("default"), dse::kernel::SeccompMode::filter) ==
        compliant_because(Reason::custom_profile));
  CHECK(judge(container, daemon("default"), dse::kernel::SeccompMode::disabled) ==
        non_compliant_because(Reason::empty_profile));
}

TEST_CASE("evaluate: the runtime's word on a start it refused (State.Error)") {
  auto container = never_started_custom();
  // crun installs the filter before setresgid: an allow-list without it never starts (live, Podman 5.8 + crun 1.28).
  container.start_error = "crun: setresgid to `0`: Operation not permitted: OCI permission denied";
  CHECK(judge(container, daemon("default")) == non_compliant_because(Reason::invalid_profile));
  container.start_error =
      "runc create failed: unable to start container process: error loading seccomp filter: invalid argument";
  CHECK(judge(container, daemon("default")) == non_compliant_because(Reason::invalid_profile));
  // Any other failure says nothing about seccomp: the configuration decides.
  container.start_error = "exec: \"/app\": stat /app: no such file or directory: unknown";
  CHECK(judge(container, daemon("default")) == compliant_because(Reason::custom_profile));
  // A deny-list refuses nothing by default: its EPERM is not blamed on it; the builtin is never blamed.
  container.security_opt = {R"(seccomp={"defaultAction":"SCMP_ACT_ALLOW","syscalls":[]})"};
  container.start_error = "unable to apply caps: operation not permitted";
  CHECK(judge(container, daemon("default")) == compliant_because(Reason::custom_profile));
  auto plain = inspect("plain");
  plain.start_error = "error loading seccomp filter";
  CHECK(judge(plain, daemon("default")) == compliant_because(Reason::default_profile));
  // It started once and runs now: the kernel's word, not an old error.
  container = inspect("custom");
  CHECK(judge(container, daemon("default"), dse::kernel::SeccompMode::filter) ==
        compliant_because(Reason::custom_profile));
}

TEST_CASE("evaluate: Podman's defaults, as Podman decides (podman security_linux.go, live on 5.8)") {
  auto podman = podman_daemon();
  auto container = inspect("plain");
  // A relative path was opened against the client's working directory: unknown here, never read as JSON.
  container.security_opt = {"seccomp=web.json"};
  CHECK(judge(container, podman) == compliant_because(Reason::custom_profile));
  const auto option = container_seccomp_option(container, podman);
  CHECK_FALSE(applicable_profile({container, option, std::nullopt, podman, {}}));
  // containers.conf's custom seccomp_profile applies to privileged containers too.
  container.security_opt = {};
  container.privileged = true;
  std::tie(podman.profile, podman.profile_path) = dse::docker::parse_daemon_profile("/etc/containers/custom.json");
  const std::string deny_list = R"({"defaultAction":"SCMP_ACT_ALLOW"})";
  CHECK(judge(container, podman, std::nullopt, Policy{true}, deny_list) == non_compliant_because(Reason::weak_profile));
  CHECK(judge(container, podman, std::nullopt, {}, deny_list) == compliant_because(Reason::custom_profile));
  // The admin's override file is one of the defaults a privileged container drops.
  std::tie(podman.profile, podman.profile_path) = dse::docker::parse_daemon_profile("/etc/containers/seccomp.json");
  CHECK(judge(container, podman, std::nullopt, {}, deny_list) == non_compliant_because(Reason::privileged));
  container.privileged = false;
  CHECK(judge(container, podman, std::nullopt, Policy{true}, deny_list) == non_compliant_because(Reason::weak_profile));
}
