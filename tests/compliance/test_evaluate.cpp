#include <catch2/catch.hpp>

#include "compliance/evaluate.hpp"
#include "fixtures.hpp"

using namespace dse::compliance;

namespace {

dse::docker::Container inspect(const std::string& name) {
  return *dse::docker::parse_inspect(dse::test::fixture("inspect/" + name + ".json"));
}

dse::docker::DaemonSeccomp daemon(const std::string& name) {
  return dse::docker::parse_daemon_info(dse::test::fixture("info/" + name + ".json"))->seccomp;
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
      {"custom", "default", compliant_because(Reason::custom_profile)},
      {"unconf_eq", "default", non_compliant_because(Reason::unconfined)},
      {"unconf_colon", "default", non_compliant_because(Reason::unconfined)},
      {"priv", "default", non_compliant_because(Reason::privileged)},
      {"plain", "daemon_custom", compliant_because(Reason::custom_profile)},
      {"unconf_eq", "daemon_custom", non_compliant_because(Reason::unconfined)},
      {"plain", "daemon_unconfined", non_compliant_because(Reason::daemon_unconfined)},
      {"custom", "daemon_unconfined", compliant_because(Reason::custom_profile)},
      {"priv", "daemon_unconfined", non_compliant_because(Reason::privileged)},
      {"plain", "daemon_no_seccomp", non_compliant_because(Reason::daemon_no_seccomp)},
      {"custom", "daemon_no_seccomp", non_compliant_because(Reason::daemon_no_seccomp)},
  };
  for (const auto& row : table) {
    INFO(row.container << " on " << row.daemon);
    CHECK(evaluate(inspect(row.container), daemon(row.daemon)) == row.expected);
  }
}

TEST_CASE("evaluate: privileged wins over a container's own custom profile") {
  auto container = inspect("custom");
  container.privileged = true;
  CHECK(evaluate(container, daemon("default")) == non_compliant_because(Reason::privileged));
}

TEST_CASE("evaluate: the last seccomp option wins, as in dockerd") {
  auto container = inspect("plain");
  container.security_opt = {"seccomp=unconfined", "label=disable", "seccomp=builtin"};
  CHECK(evaluate(container, daemon("default")) == compliant_because(Reason::default_profile));
  container.security_opt = {"seccomp=builtin", "seccomp:unconfined"};
  CHECK(evaluate(container, daemon("default")) == non_compliant_because(Reason::unconfined));
}

TEST_CASE("evaluate: an explicit builtin profile overrides an unconfined daemon default") {
  auto container = inspect("plain");
  container.security_opt = {"seccomp=builtin"};
  CHECK(evaluate(container, daemon("daemon_unconfined")) == compliant_because(Reason::default_profile));
}

TEST_CASE("reason names are stable and round-trip") {
  CHECK(to_string(Reason::daemon_no_seccomp) == "daemon_no_seccomp");
  for (const auto reason : all_reasons) CHECK(reason_from_string(to_string(reason)) == reason);
  CHECK_FALSE(reason_from_string("bogus"));
}
