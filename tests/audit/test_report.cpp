#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "audit/report.hpp"
#include "recorded_state.hpp"

using namespace dse;

namespace {

state::ExporterState recorded_state() {
  return test::recorded_state({"plain", "custom", "unconf_colon", "priv", "exited", "running"});
}

std::vector<std::string> first_column(const std::string& table) {
  std::vector<std::string> names;
  std::size_t start = 0;
  while (start < table.size()) {
    const auto end = table.find('\n', start);
    const auto line = table.substr(start, end - start);
    if (line.empty()) break;
    names.push_back(line.substr(0, line.find(' ')));
    start = end + 1;
  }
  return names;
}

}  // namespace

TEST_CASE("render_table puts non-compliant containers first, then by name") {
  const auto table = audit::render_table(recorded_state());
  CHECK(first_column(table) ==
        std::vector<std::string>{"CONTAINER", "custom", "priv", "unconf_colon", "exited", "plain", "running"});
  CHECK(table.find("running  compliant      default_profile  filter\n") != std::string::npos);
  CHECK(table.find("6 containers: 3 compliant, 3 non-compliant, 0 excluded") != std::string::npos);
}

TEST_CASE("render_json follows schema version 1") {
  auto state = recorded_state();
  state::Exclusions exclusions;
  exclusions.names.push_back(*state::parse_name_pattern("priv"));
  state.set_rules({}, exclusions);
  const auto report =
      nlohmann::json::parse(audit::render_json(state, "unix:///var/run/docker.sock", "2026-11-30T00:00:00Z"));
  CHECK(report["schema_version"] == 1);
  CHECK(report["docker"]["default_profile"] == "default");
  CHECK(report["docker"]["host"] == "unix:///var/run/docker.sock");
  CHECK(report["summary"] ==
        nlohmann::json{{"containers", 6}, {"compliant", 3}, {"non_compliant", 2}, {"excluded", 1}});
  // The recorded custom-profile container: runc refused its allow-list at start (State.Error).
  const auto& refused = report["containers"][0];
  CHECK(refused["name"] == "custom");
  CHECK(refused["reason"] == "invalid_profile");
  CHECK(refused["start_error"].get<std::string>().find("operation not permitted") != std::string::npos);
  const auto& first = report["containers"][1];
  CHECK(first["name"] == "unconf_colon");
  CHECK(first["start_error"].is_null());
  CHECK(first["compliant"] == false);
  CHECK(first["reason"] == "unconfined");
  CHECK(first["security_opt"] == nlohmann::json{"seccomp:unconfined"});
  CHECK(first["kernel_mode"].is_null());
  CHECK(first["profile"].is_null());
  const auto& last = report["containers"][5];
  CHECK(last["name"] == "priv");
  CHECK(last["excluded"] == true);
  CHECK(last["compliant"] == false);
  const auto& running = report["containers"][4];
  CHECK(running["name"] == "running");
  CHECK(running["kernel_mode"] == "filter");
  CHECK(running["profile"]["default_action"] == "SCMP_ACT_ERRNO");
  CHECK(running["profile"]["risky_syscalls_allowed"] == nlohmann::json::array());
}

TEST_CASE("exit_code is 1 only for a judged non-compliant container") {
  auto state = recorded_state();
  CHECK(audit::exit_code(state) == 1);
  state::Exclusions exclusions;
  exclusions.names.push_back(*state::parse_name_pattern("priv|unconf_colon|custom"));
  state.set_rules({}, exclusions);
  CHECK(audit::exit_code(state) == 0);
  CHECK(audit::exit_code(state::ExporterState{}) == 0);
}

TEST_CASE("render_json replaces invalid UTF-8 rather than throw") {
  state::ExporterState state;
  docker::Container container;
  container.id = "abc";
  container.name = "bad\xff";
  state.containers.upsert(container);
  CHECK_NOTHROW(nlohmann::json::parse(audit::render_json(state, "x", "t")));
}

TEST_CASE("render_table escapes what the engine sent: a newline forges no row, no escape reaches the terminal") {
  state::ExporterState state;
  state.set_daemon({{true, "default"}, "20.10"});
  docker::Container container;
  container.id = std::string(64, 'e');
  container.name = "web\nfake  compliant";
  container.image = "\x1b[8mimage";
  state.containers.upsert(container);
  const auto table = audit::render_table(state);
  CHECK(table.find("web\\nfake  compliant") != std::string::npos);
  CHECK(table.find("\\x1b[8mimage") != std::string::npos);
  CHECK(table.find('\x1b') == std::string::npos);
  CHECK(std::count(table.begin(), table.end(), '\n') == 4);  // header, one row, blank, summary
}
