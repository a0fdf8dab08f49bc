#include <catch2/catch.hpp>

#include "metrics/exposition.hpp"
#include "metrics/families.hpp"
#include "metrics/render.hpp"
#include "metrics/syscall_families.hpp"
#include "recorded_state.hpp"

using namespace dse;

TEST_CASE("syscall families: none without the collector, per-container counts and drops with it") {
  auto state = test::recorded_state({"plain", "custom"});
  CHECK(metrics::build_syscall_families(state, {}).empty());
  state.syscalls.enabled = true;
  state.syscalls.subscribed = true;
  const auto plain = test::inspect_fixture("plain");
  state.syscalls.record(plain.id, dse::kernel::SeccompAction::log, "mount");
  state.syscalls.record(plain.id, dse::kernel::SeccompAction::log, "mount");
  state.syscalls.record("0000000000000000000000000000000000000000000000000000000000000000",
                        dse::kernel::SeccompAction::log, "bpf");
  state.syscalls.unattributed = 3;
  const auto text = metrics::render_text(metrics::build_syscall_families(state, {}));
  CHECK(text.find("docker_seccomp_container_syscall_actions_total{action=\"log\",id=\"" + plain.id.substr(0, 12) +
                  "\",image=\"" + plain.image + "\",name=\"plain\",syscall=\"mount\"} 2\n") != std::string::npos);
  CHECK(text.find("bpf") == std::string::npos);  // an id the store does not know has no labels to show
  CHECK(text.find("docker_seccomp_audit_records_dropped_total{reason=\"unattributed\"} 3\n") != std::string::npos);
  CHECK(text.find("docker_seccomp_audit_collector_up 1\n") != std::string::npos);
  metrics::LabelOptions aggregate;
  aggregate.aggregate_only = true;
  CHECK(metrics::render_text(metrics::build_syscall_families(state, aggregate)).find("syscall_actions") ==
        std::string::npos);
  // /metrics serves them too, between the per-container families and the summary.
  metrics::Exposition exposition;
  CHECK(exposition.render(state, {}, "1") == metrics::render_text(metrics::build_families(state, {}, "1")));
}

TEST_CASE("syscall families: an excluded container's counts are not exported, as none of its series are") {
  auto state = test::recorded_state({"plain", "custom"});
  state.syscalls.enabled = true;
  const auto plain = test::inspect_fixture("plain");
  const auto custom = test::inspect_fixture("custom");
  state.syscalls.record(plain.id, dse::kernel::SeccompAction::log, "mount");
  state.syscalls.record(custom.id, dse::kernel::SeccompAction::log, "bpf");
  auto context = state.containers.context();
  context.exclusions.names.push_back(*state::parse_name_pattern("plain"));
  state.containers.set_context(std::move(context));
  REQUIRE(state.containers.records().at(plain.id).excluded);
  const auto text = metrics::render_text(metrics::build_syscall_families(state, {}));
  CHECK(text.find("syscall=\"mount\"") == std::string::npos);
  CHECK(text.find("name=\"custom\",syscall=\"bpf\"} 1\n") != std::string::npos);
}
