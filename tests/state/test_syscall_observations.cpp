#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "state/syscall_observations.hpp"

using dse::state::SyscallObservations;

TEST_CASE("SyscallObservations counts by container, action and syscall, bounded per container") {
  SyscallObservations observations;
  observations.record("c1", dse::kernel::SeccompAction::log, "mount");
  observations.record("c1", dse::kernel::SeccompAction::log, "mount");
  observations.record("c1", dse::kernel::SeccompAction::errno_, "ptrace");
  observations.record("c1", dse::kernel::SeccompAction::log, "bpf");
  CHECK(observations.by_container().at("c1").at({dse::kernel::SeccompAction::log, "mount"}) == 2);
  CHECK(observations.logged("c1") == std::vector<std::string>{"bpf", "mount"});
  CHECK(observations.logged("unknown").empty());
  for (std::size_t i = 0; i < SyscallObservations::max_pairs_per_container + 5; ++i) {
    observations.record("c2", dse::kernel::SeccompAction::log, "s" + std::to_string(i));
  }
  CHECK(observations.by_container().at("c2").size() == SyscallObservations::max_pairs_per_container);
  CHECK(observations.over_limit == 5);
  observations.record("c2", dse::kernel::SeccompAction::log, "s0");  // a pair already kept is still counted
  CHECK(observations.by_container().at("c2").at({dse::kernel::SeccompAction::log, "s0"}) == 2);
  observations.forget("c1");
  CHECK_FALSE(observations.by_container().contains("c1"));
}

TEST_CASE("SyscallObservations says what a container's counts may miss: its records past the bound, and loss") {
  SyscallObservations observations;
  observations.enabled = true;
  observations.know("old");
  observations.add_lost(7);
  observations.know("new");  // known after the loss: not its records
  for (std::size_t i = 0; i < SyscallObservations::max_pairs_per_container + 3; ++i) {
    observations.record("new", dse::kernel::SeccompAction::log, "s" + std::to_string(i));
  }
  CHECK(observations.gaps("old").lost == 7);
  CHECK(observations.gaps("old").over_limit == 0);
  CHECK_FALSE(observations.gaps("old").complete());
  CHECK(observations.gaps("new").lost == 0);
  CHECK(observations.gaps("new").over_limit == 3);
  observations.add_lost(2);
  CHECK(observations.gaps("new").lost == 2);
  observations.forget("old");
  observations.know("old");  // a new container of the same id starts clean
  CHECK(observations.gaps("old").complete());
  CHECK(observations.lost == 9);
}

TEST_CASE("records of a container not stored yet are held until it is, and unattributed after a while") {
  SyscallObservations observations;
  observations.enabled = true;
  const auto now = SyscallObservations::Clock::time_point{};
  observations.hold("new", dse::kernel::SeccompAction::log, "execve",
                    now);  // runc's execve, before the create's inspect answered
  observations.hold("other", dse::kernel::SeccompAction::log, "read", now);
  CHECK(observations.by_container().empty());
  observations.know("new");
  CHECK(observations.logged("new") == std::vector<std::string>{"execve"});
  observations.expire_pending(now + SyscallObservations::pending_memory);
  CHECK(observations.unattributed == 0);
  observations.expire_pending(now + SyscallObservations::pending_memory + std::chrono::seconds(1));
  CHECK(observations.unattributed == 1);
  observations.know("other");
  CHECK(observations.logged("other").empty());
  for (std::size_t i = 0; i <= SyscallObservations::max_pending; ++i)
    observations.hold("x", dse::kernel::SeccompAction::log, "read", now);
  CHECK(observations.unattributed == 2);  // past the bound: at once
}
