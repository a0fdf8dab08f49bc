#include <catch2/catch.hpp>

#include "recorded_state.hpp"
#include "state/exporter_state.hpp"

using namespace dse;

TEST_CASE("ExporterState::forget takes a container's record, failed inspect and syscall counts together") {
  auto state = test::recorded_state({"plain", "custom"});
  state.syscalls.enabled = true;
  const auto plain = test::inspect_fixture("plain");
  state.syscalls.record(plain.id, kernel::SeccompAction::log, "mount");
  state.uninspectable.insert(plain.id);
  CHECK(state.forget(plain.id));
  CHECK_FALSE(state.containers.records().contains(plain.id));
  CHECK_FALSE(state.uninspectable.contains(plain.id));
  CHECK_FALSE(state.syscalls.by_container().contains(plain.id));
  CHECK(state.containers.size() == 1);
  state.uninspectable.insert("never-stored");
  CHECK_FALSE(state.forget("never-stored"));  // no record, yet its failed inspect goes
  CHECK(state.uninspectable.empty());
}
