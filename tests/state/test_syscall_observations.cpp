#include <catch2/catch.hpp>

#include <string>

#include "state/syscall_observations.hpp"

using dse::state::SyscallObservations;

TEST_CASE("SyscallObservations counts by container, action and syscall, bounded per container") {
  SyscallObservations observations;
  observations.record("c1", "log", "mount");
  observations.record("c1", "log", "mount");
  observations.record("c1", "errno", "ptrace");
  observations.record("c1", "log", "bpf");
  CHECK(observations.by_container().at("c1").at({"log", "mount"}) == 2);
  CHECK(observations.logged("c1") == std::vector<std::string>{"bpf", "mount"});
  CHECK(observations.logged("unknown").empty());
  for (std::size_t i = 0; i < SyscallObservations::max_pairs_per_container + 5; ++i) {
    observations.record("c2", "log", "s" + std::to_string(i));
  }
  CHECK(observations.by_container().at("c2").size() == SyscallObservations::max_pairs_per_container);
  CHECK(observations.over_limit == 5);
  observations.record("c2", "log", "s0");  // a pair already kept is still counted
  CHECK(observations.by_container().at("c2").at({"log", "s0"}) == 2);
  observations.forget("c1");
  CHECK_FALSE(observations.by_container().contains("c1"));
}
