#include <catch2/catch.hpp>

#include "compliance/capabilities.hpp"
#include "compliance/oci_runtime.hpp"
#include "compliance/profile_analysis.hpp"

using namespace dse::compliance;

namespace {

EngineContext on(OciRuntime runtime, MobyLoader loader = MobyLoader::profiles) {
  EngineContext context{"amd64", KernelVersion{6, 1}, container_capabilities({}, {}, false)};
  context.loader = loader;
  context.runtime = runtime;
  return context;
}

// An allow-list with one extra field at the top and one in its rule.
std::string profile(const std::string& top, const std::string& rule = R"("action":"SCMP_ACT_ALLOW")") {
  return R"({"defaultAction":"SCMP_ACT_ERRNO",)" + (top.empty() ? "" : top + ",") +
         R"("syscalls":[{"names":["read","write","getppid"],)" + rule + "}]}";
}

// What each runtime does with the profile: "filter", or the refusing layer's message.
std::string outcome(const std::string& json, OciRuntime runtime, MobyLoader loader = MobyLoader::profiles) {
  const auto analysis = analyse_profile(json, on(runtime, loader));
  return analysis.effect == ProfileAnalysis::Effect::invalid ? analysis.problem : "filter";
}

}  // namespace

TEST_CASE("oci_runtime: /info's default runtime and runc's commit name the runtime") {
  CHECK(oci_runtime("runc", "1.1.5+ds1-1+deb12u1") == OciRuntime::runc_1_1);
  CHECK(oci_runtime("runc", "v1.1.12-0-g51d5e94") == OciRuntime::runc_1_1);
  CHECK(oci_runtime("runc", "1.3.6+ds1-1") == OciRuntime::runc);
  CHECK(oci_runtime("/usr/bin/runc", "v1.2.0") == OciRuntime::runc);
  CHECK(oci_runtime("/usr/bin/crun", "") == OciRuntime::crun);
  CHECK(oci_runtime("crun", "1.28") == OciRuntime::crun);
  // a commit hash alone, another runtime, nothing at all: not known, so the strictest reading
  CHECK(oci_runtime("runc", "51d5e94601ceffbbd85688df1c928ecccbfa4685") == OciRuntime::unknown);
  CHECK(oci_runtime("runsc", "") == OciRuntime::unknown);
  CHECK(oci_runtime("", "") == OciRuntime::unknown);
  CHECK(runtime_label(OciRuntime::unknown).find("both apply") != std::string::npos);
}

TEST_CASE("runtime_refusal: seccomp flags, by runtime") {
  const auto log = profile(R"("flags":["SECCOMP_FILTER_FLAG_LOG"])");
  CHECK(outcome(log, OciRuntime::runc_1_1) == "runc < 1.2: seccomp flags are not yet supported by runc");
  CHECK(outcome(log, OciRuntime::runc) == "filter");
  CHECK(outcome(log, OciRuntime::crun) == "filter");
  CHECK(outcome(log, OciRuntime::unknown).find("not yet supported") != std::string::npos);
  // moby 20.10 has no flags field: runc never sees them
  CHECK(outcome(log, OciRuntime::runc_1_1, MobyLoader::v20_10) == "filter");
  const auto killable = profile(R"("flags":["SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"])");
  CHECK(outcome(killable, OciRuntime::runc) ==
        "runc >= 1.2: seccomp flag SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV is not known to runc");
  CHECK(outcome(killable, OciRuntime::crun) == "filter");
  CHECK(outcome(profile(R"("flags":["BOGUS"])"), OciRuntime::crun) == "crun: unknown seccomp option `BOGUS`");
  CHECK(outcome(profile(R"("flags":[])"), OciRuntime::runc_1_1) == "filter");
}

TEST_CASE("runtime_refusal: architectures, archMap's included, by runtime") {
  CHECK(outcome(profile(R"("architectures":["SCMP_ARCH_X86_64","SCMP_ARCH_X86"])"), OciRuntime::unknown) == "filter");
  const auto riscv = profile(R"("architectures":["SCMP_ARCH_RISCV64"])");
  CHECK(outcome(riscv, OciRuntime::runc_1_1) == "runc < 1.2: string SCMP_ARCH_RISCV64 is not a valid arch for seccomp");
  CHECK(outcome(riscv, OciRuntime::runc) == "filter");
  CHECK(outcome(riscv, OciRuntime::crun) == "filter");
  // crun asks libseccomp, which also knows LoongArch; runc's own table does not
  const auto loong = profile(R"("architectures":["SCMP_ARCH_LOONGARCH64"])");
  CHECK(outcome(loong, OciRuntime::crun) == "filter");
  CHECK(outcome(loong, OciRuntime::runc).find("not a valid arch") != std::string::npos);
  CHECK(outcome(profile(R"("architectures":["SCMP_ARCH_VAX"])"), OciRuntime::crun) ==
        "crun: seccomp unknown architecture `SCMP_ARCH_VAX`");
  // Only the engine's own archMap entry reaches the runtime: a bad sub-architecture elsewhere is never seen.
  const auto map = [](const char* native_sub) {
    return profile(std::string(R"("archMap":[{"architecture":"SCMP_ARCH_X86_64","subArchitectures":[")") + native_sub +
                   R"("]},{"architecture":"SCMP_ARCH_S390X","subArchitectures":["SCMP_ARCH_BOGUS"]}])");
  };
  CHECK(outcome(map("SCMP_ARCH_X86"), OciRuntime::unknown) == "filter");
  CHECK(outcome(map("SCMP_ARCH_BOGUS"), OciRuntime::runc).find("SCMP_ARCH_BOGUS is not a valid arch") !=
        std::string::npos);
}

TEST_CASE("runtime_refusal: an errno on an action that returns none is crun's refusal only") {
  const auto default_errno =
      R"({"defaultAction":"SCMP_ACT_KILL","defaultErrnoRet":1,"syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW"}]})";
  CHECK(outcome(default_errno, OciRuntime::crun) == "crun: errno value specified for action `SCMP_ACT_KILL`");
  CHECK(outcome(default_errno, OciRuntime::runc_1_1) == "filter");
  const auto rule_errno = profile("", R"("action":"SCMP_ACT_ALLOW","errnoRet":1)");
  CHECK(outcome(rule_errno, OciRuntime::crun) == "crun: errno value specified for action `SCMP_ACT_ALLOW`");
  CHECK(outcome(rule_errno, OciRuntime::runc) == "filter");
  CHECK(outcome(rule_errno, OciRuntime::unknown).find("errno value specified") != std::string::npos);
  CHECK(outcome(profile("", R"("action":"SCMP_ACT_ERRNO","errnoRet":38)"), OciRuntime::crun) == "filter");
}

TEST_CASE("runtime_refusal: runc's notify rules") {
  CHECK(outcome(R"({"defaultAction":"SCMP_ACT_NOTIFY","listenerPath":"/run/agent.sock"})", OciRuntime::runc) ==
        "runc >= 1.2: SCMP_ACT_NOTIFY cannot be used as default action");
  CHECK(outcome(profile(R"("listenerPath":"/run/agent.sock")", R"("action":"SCMP_ACT_NOTIFY")"), OciRuntime::runc) ==
        "runc >= 1.2: SCMP_ACT_NOTIFY cannot be used for the write syscall");
  const auto no_listener =
      R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["getppid"],"action":"SCMP_ACT_NOTIFY"}]})";
  CHECK(outcome(no_listener, OciRuntime::runc_1_1) == "runc < 1.2: listenerPath is not set");
  CHECK(outcome(no_listener, OciRuntime::runc) == "runc >= 1.2: seccomp listenerPath is not set");
  CHECK(outcome(no_listener, OciRuntime::crun) == "filter");  // installed; the calls fail with ENOSYS
}

TEST_CASE("containers/common's loader: errno names, no minKernel, flags passed") {
  const auto common = MobyLoader::containers_common;
  CHECK(outcome(profile("", R"("action":"SCMP_ACT_ERRNO","errno":"ENOSYS")"), OciRuntime::crun, common) == "filter");
  CHECK(outcome(profile("", R"("action":"SCMP_ACT_ERRNO","errno":"38")"), OciRuntime::crun, common) == "filter");
  CHECK(outcome(profile("", R"("action":"SCMP_ACT_ERRNO","errno":"ENOPE")"), OciRuntime::crun, common) ==
        "the engine's loader (containers/common): unknown errno ENOPE");
  CHECK(outcome(profile(R"("defaultErrno":"EPERM")"), OciRuntime::crun, common) == "filter");
  CHECK(outcome(profile("", R"("action":"SCMP_ACT_ALLOW","errno":"EPERM")"), OciRuntime::crun, common)
            .find("errno value specified") != std::string::npos);
  // moby reads neither field
  CHECK(outcome(profile("", R"("action":"SCMP_ACT_ERRNO","errno":"ENOPE")"), OciRuntime::runc) == "filter");
  // a rule for kernels from 99.0 applies on Podman, which has no minKernel
  const auto future = R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["mount"],"action":"SCMP_ACT_ALLOW",
      "includes":{"minKernel":"99.0"}}]})";
  CHECK(analyse_profile(future, on(OciRuntime::crun, common)).risky_allowed == std::vector<std::string>{"mount"});
  CHECK(analyse_profile(future, on(OciRuntime::runc)).risky_allowed.empty());
  CHECK(outcome(profile(R"("flags":["BOGUS"])"), OciRuntime::crun, common) == "crun: unknown seccomp option `BOGUS`");
}

TEST_CASE("containers/common installs a rule only for a name: moby's runtime refuses a nameless one") {
  // found by the differential test against containers/common 0.67 and moby 28
  const auto nameless =
      R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{},{"names":["read"],"action":"SCMP_ACT_ALLOW"}]})";
  CHECK(outcome(nameless, OciRuntime::crun, MobyLoader::containers_common) == "filter");
  CHECK(outcome(nameless, OciRuntime::runc) == "runc >= 1.2: invalid action \"\"");
}
