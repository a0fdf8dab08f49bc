#include <catch2/catch.hpp>

#include <map>
#include <optional>
#include <string>

#include "kernel/process_tree.hpp"

using namespace dse::kernel;

namespace {

// /proc as a map: a pid not in it is gone; "" is a host process.
struct FakeProc {
  std::map<long long, std::string> alive;
  int reads = 0;
  ProcessTree::CgroupReader reader() {
    return [this](long long pid) -> std::optional<std::string> {
      ++reads;
      const auto found = alive.find(pid);
      if (found == alive.end()) return std::nullopt;
      return found->second;
    };
  }
};

const auto start = ProcessTree::Clock::time_point{};

}  // namespace

TEST_CASE("a child forked in a container is of it, though gone before its record is read") {
  FakeProc proc{{{100, "c1"}, {1, ""}}};
  ProcessTree tree;
  CHECK(tree.container_of(100, proc.reader()) == "c1");  // the container's shell, read once
  tree.forked(100, 200);
  tree.forked(200, 300);  // a grandchild: also inherited at its fork
  tree.exited(300, start);
  tree.exited(200, start);
  const int reads = proc.reads;
  CHECK(tree.container_of(300, proc.reader()) == "c1");
  CHECK(tree.container_of(200, proc.reader()) == "c1");
  CHECK(proc.reads == reads);  // from the forks, not from /proc
  CHECK(tree.placed(100));
  CHECK_FALSE(tree.placed(300));  // exited: a record may need events not yet read
}

TEST_CASE("a gone process whose parent was never read is placed by reading the parent") {
  FakeProc proc{{{100, "c1"}}};
  ProcessTree tree;
  tree.forked(100, 200);  // the shell existed before the collector: not read at the fork
  CHECK(tree.container_of(200, proc.reader()) == "c1");
  tree.forked(1, 400);  // a child of a host process, gone: unattributed, not guessed
  proc.alive[1] = "";
  CHECK(tree.container_of(400, proc.reader()) == std::nullopt);
  CHECK(tree.container_of(999, proc.reader()) == std::nullopt);  // never seen, gone
}

TEST_CASE("a host process that execs after joining a container's cgroup (runc exec) is read again") {
  FakeProc proc{{{50, ""}}};
  ProcessTree tree;
  tree.forked(1, 50);
  CHECK(tree.container_of(50, proc.reader()) == std::nullopt);  // runc init, still on the host
  proc.alive[50] = "c2";                                        // moved into the container's cgroup
  tree.execed(50, proc.reader());
  proc.alive.erase(50);
  CHECK(tree.container_of(50, proc.reader()) == "c2");
  tree.execed(50, proc.reader());  // a container's process stays its container's
  CHECK(tree.container_of(50, proc.reader()) == "c2");
}

TEST_CASE("a pid used again is a new process; exited ones are forgotten after a while") {
  FakeProc proc{{{100, "c1"}, {101, "c2"}}};
  ProcessTree tree;
  tree.container_of(100, proc.reader());
  tree.container_of(101, proc.reader());
  tree.forked(100, 200);
  tree.exited(200, start);
  tree.forked(101, 200);  // the pid again, now c2's
  CHECK(tree.container_of(200, proc.reader()) == "c2");
  tree.exited(200, start);
  tree.sweep(start + ProcessTree::exited_memory);
  CHECK(tree.size() == 3);  // kept for exited_memory
  tree.sweep(start + ProcessTree::exited_memory + std::chrono::seconds(1));
  CHECK(tree.size() == 2);
}

TEST_CASE("the table is bounded; a process it has no room for is read from /proc") {
  FakeProc proc{{{7, "c1"}}};
  ProcessTree tree;
  for (long long pid = 1000; tree.size() < ProcessTree::max_processes; ++pid) tree.forked(1, pid);
  CHECK(tree.refused == 0);
  tree.forked(1, 7);
  CHECK(tree.refused == 1);
  CHECK(tree.size() == ProcessTree::max_processes);
  CHECK(tree.container_of(7, proc.reader()) == "c1");
}

TEST_CASE("a chain of gone processes longer than max_ancestors is not followed to its end") {
  FakeProc proc{{{1, "c1"}}};
  ProcessTree tree;
  for (long long pid = 2; pid < 2 + ProcessTree::max_ancestors + 1; ++pid) tree.forked(pid - 1, pid);
  CHECK(tree.container_of(2 + ProcessTree::max_ancestors, proc.reader()) == std::nullopt);
  CHECK(tree.container_of(3, proc.reader()) == "c1");
}
