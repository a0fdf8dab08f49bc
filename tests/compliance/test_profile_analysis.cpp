#include <catch2/catch.hpp>

#include "compliance/profile_analysis.hpp"
#include "compliance/seccomp_option.hpp"
#include "fixtures.hpp"
#include "docker/container.hpp"

using namespace dse::compliance;

TEST_CASE("analyse_profile: the recorded allow-list profile is strong") {
  const auto container = dse::docker::parse_inspect(dse::test::fixture("inspect/custom.json"));
  const auto option = seccomp_option(container->security_opt);
  REQUIRE(option.kind == SeccompOption::Kind::custom);
  const auto analysis = analyse_profile(option.profile);
  REQUIRE(analysis);
  CHECK(analysis->default_action == "SCMP_ACT_ERRNO");
  CHECK_FALSE(analysis->deny_list);
  CHECK(analysis->risky_allowed.empty());
  CHECK_FALSE(analysis->weak());
}

TEST_CASE("analyse_profile: an allow-all profile lets every risky syscall through") {
  const auto analysis = analyse_profile(R"({"defaultAction":"SCMP_ACT_ALLOW"})");
  REQUIRE(analysis);
  CHECK(analysis->deny_list);
  CHECK(analysis->risky_allowed.size() == risky_syscalls().size());
  CHECK(analysis->weak());
}

TEST_CASE("analyse_profile: a deny-list that denies some still lets the rest through") {
  const auto analysis = analyse_profile(R"({"defaultAction":"SCMP_ACT_LOG","syscalls":[
      {"names":["mount","ptrace"],"action":"SCMP_ACT_ERRNO"},
      {"name":"bpf","action":"SCMP_ACT_KILL"},
      {"names":["unshare"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"}]}]})");
  REQUIRE(analysis);
  const auto& allowed = analysis->risky_allowed;
  CHECK(std::find(allowed.begin(), allowed.end(), "mount") == allowed.end());
  CHECK(std::find(allowed.begin(), allowed.end(), "ptrace") == allowed.end());
  CHECK(std::find(allowed.begin(), allowed.end(), "bpf") == allowed.end());
  CHECK(std::find(allowed.begin(), allowed.end(), "unshare") != allowed.end());  // denied only for some args
  CHECK(allowed.size() == risky_syscalls().size() - 3);
}

TEST_CASE("analyse_profile: allow-list rules, capability-gated and argument-filtered") {
  const auto analysis = analyse_profile(R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
      {"names":["read","write","keyctl"],"action":"SCMP_ACT_ALLOW"},
      {"names":["mount","umount2"],"action":"SCMP_ACT_ALLOW","includes":{"caps":["CAP_SYS_ADMIN"]}},
      {"names":["ptrace"],"action":"SCMP_ACT_ALLOW","args":[{"index":0,"value":0,"op":"SCMP_CMP_EQ"}]}]})");
  REQUIRE(analysis);
  CHECK(analysis->risky_allowed == std::vector<std::string>{"keyctl", "ptrace"});
  CHECK(analysis->weak());
}

TEST_CASE("analyse_profile refuses what is not a profile") {
  CHECK_FALSE(analyse_profile("nope"));
  CHECK_FALSE(analyse_profile("[]"));
  CHECK(analyse_profile(R"({"syscalls":[]})").error() == "seccomp profile has no defaultAction");
  CHECK(analyse_profile(R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":"x"})"));
}

TEST_CASE("the risky list is the documented one") {
  const auto& list = risky_syscalls();
  CHECK(list.size() == 51);
  for (const char* name : {"add_key", "bpf", "clock_settime", "init_module", "finit_module", "delete_module",
                           "kexec_load", "keyctl", "mount", "umount2", "open_by_handle_at", "perf_event_open",
                           "pivot_root", "ptrace", "reboot", "request_key", "setns", "swapon", "unshare", "userfaultfd"}) {
    CHECK(std::find(list.begin(), list.end(), name) != list.end());
  }
}
