#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "kernel/proc_reader.hpp"
#include "kernel/proc_status.hpp"

using namespace dse::kernel;

TEST_CASE("parse_proc_status reads recorded container processes") {
  const auto filtered = parse_proc_status(dse::test::fixture("proc/status_filter"));
  REQUIRE(filtered);
  CHECK(filtered->mode == SeccompMode::filter);
  CHECK(filtered->filters == 1);
  const auto unfiltered = parse_proc_status(dse::test::fixture("proc/status_disabled"));
  REQUIRE(unfiltered);
  CHECK(unfiltered->mode == SeccompMode::disabled);
}

TEST_CASE("parse_proc_status: strict mode, old kernels, and files it cannot read") {
  CHECK(parse_proc_status("Name:\tx\nSeccomp:\t1\n")->mode == SeccompMode::strict);
  const auto old_kernel = parse_proc_status("Seccomp:\t2\n");
  REQUIRE(old_kernel);
  CHECK_FALSE(old_kernel->filters);
  CHECK(parse_proc_status("Name:\tx\n").error() == "no Seccomp: line");
  CHECK(parse_proc_status("Seccomp:\t7\n").error() == "unknown Seccomp mode 7");
  CHECK_FALSE(parse_proc_status("Seccomp:\tx\n"));
  CHECK_FALSE(parse_proc_status("Seccomp_filters:\t1\n"));  // not the Seccomp: line
}

TEST_CASE("cgroup_belongs_to ties the pid to the container") {
  const auto cgroup = dse::test::fixture("proc/cgroup_filter");
  CHECK(cgroup_belongs_to(cgroup, dse::test::fixture("proc/id_filter")));
  CHECK_FALSE(cgroup_belongs_to(cgroup, dse::test::fixture("proc/id_disabled")));
  CHECK_FALSE(cgroup_belongs_to(cgroup, ""));
}

TEST_CASE("observe_container reads a proc tree, and says unknown rather than guess") {
  const std::string proc = std::string(DSE_FIXTURES_DIR) + "/proc_tree";
  const auto id = dse::test::fixture("proc/id_filter");
  CHECK(observe_container(proc, 4242, id).seccomp.mode == SeccompMode::filter);
  const auto other = observe_container(proc, 4242, dse::test::fixture("proc/id_disabled"));
  CHECK(other.seccomp.mode == SeccompMode::unknown);
  CHECK(other.error.find("not the container's process") != std::string::npos);
  CHECK(observe_container(proc, 999999, id).seccomp.mode == SeccompMode::unknown);
  CHECK(observe_container(proc, 0, id).error == "no process");
}

TEST_CASE("observe_container: a filter that is only the parent's is not the container's") {
  const auto id = dse::test::fixture("proc/id_filter");
  // The shim (pid 20521) has no filter: the container's one filter is its own.
  const auto own = observe_container(std::string(DSE_FIXTURES_DIR) + "/proc_tree", 4242, id);
  CHECK(own.seccomp.mode == SeccompMode::filter);
  CHECK_FALSE(own.inherited_only);
  // The engine runs under a filter of its own: the container's single filter is that one, inherited.
  const auto inherited = observe_container(std::string(DSE_FIXTURES_DIR) + "/proc_tree_inherited", 4242, id);
  CHECK(inherited.seccomp.mode == SeccompMode::disabled);
  CHECK(inherited.inherited_only);
}

TEST_CASE("real_uid reads the first of the Uid: line's four ids") {
  CHECK(real_uid(dse::test::fixture("proc/status_filter")) == 0);
  CHECK(real_uid("Name:\tx\nUid:\t65534\t65534\t65534\t65534\n") == 65534);
  CHECK_FALSE(real_uid("Name:\tx\n"));
  CHECK_FALSE(real_uid("Uid:\t\n"));
  CHECK_FALSE(real_uid("Uid:\tnobody\n"));
}
