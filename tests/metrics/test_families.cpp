#include <catch2/catch.hpp>

#include <cstdlib>
#include <fstream>

#include "metrics/families.hpp"
#include "metrics/render.hpp"
#include "recorded_state.hpp"

using namespace dse;

namespace {

state::ExporterState recorded_state() {
  auto state = test::recorded_state({"plain", "exited", "custom", "unconf_colon", "priv", "running", "unconf_eq"});
  state.events_connected = true;
  state.last_scan_ok = true;
  state.last_full_scan_unix_seconds = 1796051967.5;
  state.count_event("create");
  state.count_event("create");
  state.count_request_error("inspect");
  return state;
}

const prometheus::MetricFamily& find_family(const std::vector<prometheus::MetricFamily>& families,
                                            const std::string& name) {
  for (const auto& family : families) {
    if (family.name == name) return family;
  }
  FAIL("no family " << name);
  throw std::logic_error("unreachable");
}

}  // namespace

TEST_CASE("render_text of a recorded state matches the golden exposition") {
  const auto text = metrics::render_text(metrics::build_families(recorded_state(), {}, "1.2.3"));
  // DSE_UPDATE_GOLDEN=1 rewrites the file; review its diff before committing.
  if (std::getenv("DSE_UPDATE_GOLDEN") != nullptr) {
    std::ofstream(std::string(DSE_FIXTURES_DIR) + "/metrics/recorded_state.prom", std::ios::binary) << text;
  }
  CHECK(text == test::fixture("metrics/recorded_state.prom"));
}

TEST_CASE("every reason has a count, zeros included, and an empty host has no container series") {
  state::ExporterState state;
  const auto families = metrics::build_families(state, {}, "1.2.3");
  CHECK(find_family(families, "docker_seccomp_container_compliant").metric.empty());
  const auto& counts = find_family(families, "docker_seccomp_containers");
  CHECK(counts.metric.size() == compliance::all_reasons.size());
  for (const auto& metric : counts.metric) CHECK(metric.gauge.value == 0);
  const auto text = metrics::render_text(families);
  CHECK(text.find("docker_seccomp_docker_up 0\n") != std::string::npos);
  CHECK(text.find("last_full_scan_timestamp_seconds") == std::string::npos);
  CHECK(text.find("docker_seccomp_docker_request_errors_total{endpoint=\"ping\"} 0\n") != std::string::npos);
}

TEST_CASE("label values from containers are escaped in the exposition") {
  state::ExporterState state;
  docker::Container container;
  container.id = "0123456789abcdef";
  container.name = "evil\"name\\\nx";
  container.image = "img";
  state.set_daemon({{true, "default"}, "20.10"});
  state.containers.upsert(container);
  const auto text = metrics::render_text(metrics::build_families(state, {}, "1"));
  CHECK(text.find(R"(name="evil\"name\\\nx")") != std::string::npos);
}

TEST_CASE("metrics options choose the per-container labels or drop those series") {
  auto state = recorded_state();
  metrics::LabelOptions options{false, true, false, false, {}};
  auto families = metrics::build_families(state, options, "1");
  REQUIRE(families[0].name == "docker_seccomp_container_compliant");
  for (const auto& metric : families[0].metric) {
    REQUIRE(metric.label.size() == 2);
    CHECK(metric.label[0].name == "name");
    CHECK(metric.label[1].name == "reason");
  }
  options.aggregate_only = true;
  families = metrics::build_families(state, options, "1");
  for (const auto& family : families) CHECK_FALSE(family.name.starts_with("docker_seccomp_container_"));
  CHECK(find_family(families, "docker_seccomp_containers").metric.size() == compliance::all_reasons.size());
}

TEST_CASE("excluded containers leave the verdict series and are counted apart") {
  auto state = recorded_state();
  state::Exclusions exclusions;
  exclusions.names.push_back(*state::parse_name_pattern("priv|unconf_.*"));
  state.set_rules({}, exclusions);
  const auto text = metrics::render_text(metrics::build_families(state, {}, "1"));
  CHECK(text.find("name=\"priv\"") == std::string::npos);
  CHECK(text.find("docker_seccomp_containers{compliant=\"false\",reason=\"unconfined\"} 0\n") != std::string::npos);
  CHECK(text.find("docker_seccomp_excluded_containers{compliant=\"false\",reason=\"unconfined\"} 2\n") !=
        std::string::npos);
  CHECK(text.find("docker_seccomp_excluded_containers{compliant=\"false\",reason=\"privileged\"} 1\n") !=
        std::string::npos);
  CHECK(text.find("docker_seccomp_containers{compliant=\"true\",reason=\"default_profile\"} 3\n") != std::string::npos);
}
