#include <catch2/catch.hpp>

#include <algorithm>

#include "compliance/capabilities.hpp"
#include "compliance/learning_profile.hpp"
#include "compliance/profile_analysis.hpp"
#include "compliance/seccomp_option.hpp"
#include "docker/container.hpp"
#include "fixtures.hpp"

using namespace dse::compliance;

namespace {

// A container with Docker's default capabilities (plus cap_add) on an x86_64 engine with kernel 6.1.
EngineContext context(std::vector<std::string> cap_add = {}) {
  return {"amd64", KernelVersion{6, 1}, container_capabilities(cap_add, {}, false)};
}

bool has(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

TEST_CASE("analyse_profile: Docker's own default profile, passed as a custom one, allows nothing risky") {
  for (const auto& caps : {std::vector<std::string>{}, std::vector<std::string>{"SYS_ADMIN", "SYS_PTRACE"},
                           std::vector<std::string>{"ALL"}}) {
    const auto analysis = analyse_profile(docker_default_profile(), context(caps));
    CHECK(analysis.effect == ProfileAnalysis::Effect::filter);
    CHECK(analysis.default_action == "SCMP_ACT_ERRNO");
    CHECK(analysis.risky_allowed.empty());
    CHECK_FALSE(analysis.weak());
  }
}

TEST_CASE("analyse_profile: the recorded allow-list profile is strong") {
  const auto container = dse::docker::parse_inspect(dse::test::fixture("inspect/custom.json"));
  const auto option = seccomp_option(container->security_opt, true);
  REQUIRE(option.kind == SeccompOption::Kind::custom);
  const auto analysis = analyse_profile(option.profile, context());
  CHECK(analysis.effect == ProfileAnalysis::Effect::filter);
  CHECK_FALSE(analysis.deny_list);
  CHECK(analysis.risky_allowed.empty());
}

TEST_CASE("analyse_profile: risky is what Docker's default refuses, new syscalls included, no list to edit") {
  const auto allow_all = analyse_profile(R"({"defaultAction":"SCMP_ACT_ALLOW"})", context());
  CHECK(allow_all.deny_list);
  CHECK(allow_all.weak());
  // The new mount API, clone3 and pidfd_getfd are refused by Docker's default without CAP_SYS_ADMIN or
  // CAP_SYS_PTRACE; ptrace itself it allows on kernels from 4.8.
  for (const char* name : {"mount", "bpf", "clone3", "kexec_load", "fsopen", "fsmount", "move_mount", "open_tree",
                           "pidfd_getfd", "userfaultfd", "unshare", "setns"}) {
    CHECK(has(allow_all.risky_allowed, name));
  }
  for (const char* name : {"read", "write", "clone", "personality", "socket", "ptrace"})
    CHECK_FALSE(has(allow_all.risky_allowed, name));
  CHECK(std::is_sorted(allow_all.risky_allowed.begin(), allow_all.risky_allowed.end()));
}

TEST_CASE("analyse_profile: the same profile is judged against the default for the same capabilities") {
  const std::string mounting = R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
      {"names":["read","write","mount","umount2"],"action":"SCMP_ACT_ALLOW"}]})";
  CHECK(analyse_profile(mounting, context()).risky_allowed == std::vector<std::string>{"mount", "umount2"});
  // With CAP_SYS_ADMIN, Docker's default allows mount too: nothing beyond it.
  CHECK(analyse_profile(mounting, context({"SYS_ADMIN"})).risky_allowed.empty());
}

TEST_CASE("analyse_profile: a deny-list that denies some still lets the rest through") {
  const auto analysis = analyse_profile(R"({"defaultAction":"SCMP_ACT_LOG","syscalls":[
      {"names":["mount","ptrace"],"action":"SCMP_ACT_ERRNO"},
      {"name":"bpf","action":"SCMP_ACT_KILL"},
      {"names":["unshare"],"action":"SCMP_ACT_ERRNO","args":[{"index":0,"value":1,"op":"SCMP_CMP_EQ"}]}]})",
                                        context());
  const auto& allowed = analysis.risky_allowed;
  CHECK_FALSE(has(allowed, "mount"));
  CHECK_FALSE(has(allowed, "ptrace"));
  CHECK_FALSE(has(allowed, "bpf"));
  CHECK(has(allowed, "unshare"));  // denied only for some arguments
}

TEST_CASE("analyse_profile: conditional rules count only where the engine applies them") {
  const std::string conditional = R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[
      {"names":["kexec_load"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["arm64"]}},
      {"names":["keyctl"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"99.0"}},
      {"names":["add_key"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_NET_RAW"]}},
      {"names":["request_key"],"action":"SCMP_ACT_ALLOW","includes":{"minKernel":"4.8"}}]})";
  CHECK(analyse_profile(conditional, context()).risky_allowed == std::vector<std::string>{"request_key"});
  EngineContext arm = context();
  arm.arch = "arm64";
  CHECK(has(analyse_profile(conditional, arm).risky_allowed, "kexec_load"));
}

TEST_CASE("analyse_profile: profiles dockerd installs no filter for, and profiles it refuses") {
  for (const char* empty :
       {"{}", "null", R"({"syscalls":[]})", R"({"defaultAction":"","syscalls":null})",
        // every rule filtered out, no default action: runc too installs nothing
        R"({"syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["s390x"]}}]})"}) {
    CAPTURE(empty);
    const auto analysis = analyse_profile(empty, context());
    CHECK(analysis.effect == ProfileAnalysis::Effect::no_filter);
    CHECK_FALSE(analysis.weak());
  }
  for (
      const char* invalid :
      {"nope", "[]", R"({"defaultAction":1})", R"({"defaultAction":"SCMP_ACT_BOGUS"})",
       R"({"syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]})",
       R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"name":"read","names":["write"],"action":"SCMP_ACT_ALLOW"}]})",
       R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":"x"})"}) {
    CAPTURE(invalid);
    const auto analysis = analyse_profile(invalid, context());
    CHECK(analysis.effect == ProfileAnalysis::Effect::invalid);
    CHECK_FALSE(analysis.problem.empty());
  }
}

TEST_CASE("analyse_profile: 'name' with 'names' in a rule that does not apply, by loader generation") {
  // The rule needs CAP_SYS_ADMIN, which Docker's default set lacks: 20.10 never looks at it and installs the
  // allow-by-default filter; moby/profiles (Docker >= 23) refuses the profile before includes are looked at.
  const auto profile = R"({"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"name":"mount","names":["umount2"],
      "action":"SCMP_ACT_ERRNO","includes":{"caps":["CAP_SYS_ADMIN"]}}]})";
  auto moby20 = context();
  CHECK(analyse_profile(profile, moby20).effect == ProfileAnalysis::Effect::filter);
  auto moby23 = moby20;
  moby23.loader = MobyLoader::profiles;
  const auto refused = analyse_profile(profile, moby23);
  CHECK(refused.effect == ProfileAnalysis::Effect::invalid);
  CHECK(refused.problem.find("'name' and 'names'") != std::string::npos);
  // Where the rule applies, both generations refuse it.
  CHECK(analyse_profile(profile, context({"SYS_ADMIN"})).effect == ProfileAnalysis::Effect::invalid);
}

TEST_CASE("analyse_profile: runc refuses an unknown operator or an argument index above 5 in a rule it is given") {
  const auto with_arg = [](const char* arg, const char* includes = "{}") {
    return std::string(
               R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["personality"],"action":"SCMP_ACT_ALLOW",)") +
           "\"includes\":" + includes + ",\"args\":[" + arg + "]}]}";
  };
  auto moby28 = context();
  moby28.loader = MobyLoader::profiles;
  for (const auto& engine : {context(), moby28}) {
    CHECK(analyse_profile(with_arg(R"({"index":5,"value":8,"op":"SCMP_CMP_EQ"})"), engine).effect ==
          ProfileAnalysis::Effect::filter);
    for (const char* bad : {R"({"index":0,"value":8})", R"({"index":0,"value":8,"op":"SCMP_CMP_BOGUS"})",
                            R"({"index":6,"value":8,"op":"SCMP_CMP_EQ"})"}) {
      CAPTURE(bad);
      CHECK(analyse_profile(with_arg(bad), engine).effect == ProfileAnalysis::Effect::invalid);
      // in a rule moby leaves out, runc never sees it
      CHECK(analyse_profile(with_arg(bad, R"({"arches":["s390x"]})"), engine).effect ==
            ProfileAnalysis::Effect::filter);
    }
  }
  // A null argument: moby 20.10 dereferences it; moby/profiles decodes it as an argument without an operator.
  const auto null_arg = analyse_profile(with_arg("null"), context());
  CHECK(null_arg.problem.find("null argument") != std::string::npos);
  CHECK(analyse_profile(with_arg("null"), moby28).problem.find("invalid operator") != std::string::npos);
}

TEST_CASE("analyse_profile: names this libseccomp does not know are skipped, as runc skips them, and counted") {
  const auto profile = R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read","no_such_call_2099","mount"],
      "action":"SCMP_ACT_ALLOW"},{"names":["also_unknown"],"action":"SCMP_ACT_ERRNO"},
      {"names":["never_installed"],"action":"SCMP_ACT_ALLOW","includes":{"arches":["s390x"]}}]})";
  const auto analysis = analyse_profile(profile, context());
  CHECK(analysis.unknown_names == std::vector<std::string>{"also_unknown", "no_such_call_2099"});
  CHECK(analysis.risky_allowed == std::vector<std::string>{"mount"});
  CHECK(analyse_profile(docker_default_profile(), context()).effect == ProfileAnalysis::Effect::filter);
}

TEST_CASE("engine_arch and engine_kernel read /info as moby reads uname") {
  CHECK(engine_arch("x86_64") == "amd64");
  CHECK(engine_arch("aarch64") == "arm64");
  CHECK(engine_arch("s390x") == "s390x");
  CHECK(engine_kernel("6.1.0-28-amd64") == KernelVersion{6, 1});
  CHECK(engine_kernel("3.12-1-amd64") == KernelVersion{3, 12});
  CHECK_FALSE(engine_kernel("unknown"));
  CHECK_FALSE(engine_kernel(""));
}

TEST_CASE("analyse_profile: on Podman, risky is measured against Podman's own default") {
  // containers/common 0.67.1's seccomp.json (Debian sid's golang-github-containers-common, with Podman 5.8).
  auto podman = context();
  podman.baseline = dse::test::fixture("podman/seccomp.json");
  CHECK(analyse_profile(podman.baseline, podman).risky_allowed.empty());
  // Docker's default and Podman's differ: each allows calls the other refuses, for the same container.
  const auto docker_under_podman = analyse_profile(docker_default_profile(), podman).risky_allowed;
  const auto podman_under_docker = analyse_profile(podman.baseline, context()).risky_allowed;
  CHECK_FALSE((docker_under_podman.empty() && podman_under_docker.empty()));
  INFO("Docker's default, judged on Podman: " << docker_under_podman.size()
                                              << "; Podman's, judged on Docker: " << podman_under_docker.size());
  for (const auto& name : podman_under_docker) CHECK_FALSE(has(docker_under_podman, name));
}
