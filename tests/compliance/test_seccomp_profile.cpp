#include <catch2/catch.hpp>

#include "compliance/seccomp_profile.hpp"

using namespace dse::compliance;

namespace {

// What both loaders decode alike is checked with 20.10's; the differences have cases of their own.
dse::Expected<SeccompProfile> decode_profile(std::string_view json) {
  return dse::compliance::decode_profile(json, MobyLoader::v20_10);
}

}  // namespace

TEST_CASE("decode_profile: field names match as encoding/json matches them") {
  // Any case, and the Unicode characters that fold to ASCII letters: KELVIN SIGN to k, LONG S to s.
  const auto profile = decode_profile(
      "{\"DEFAULTACTION\":\"SCMP_ACT_ERRNO\",\"\xC5\xBFyscalls\":[{\"NAMES\":[\"read\"],\"Action\":\"SCMP_ACT_ALLOW\"}]"
      ","
      "\"unknown\":{\"ignored\":true}}");
  REQUIRE(profile);
  CHECK(profile->default_action == "SCMP_ACT_ERRNO");
  REQUIRE(profile->syscalls.size() == 1);
  CHECK(profile->syscalls[0]->names == std::vector<std::string>{"read"});
  CHECK(profile->syscalls[0]->action == "SCMP_ACT_ALLOW");
  const auto kelvin = decode_profile(
      "{\"defaultAction\":\"SCMP_ACT_ERRNO\",\"syscalls\":[{\"names\":[\"x\"],"
      "\"action\":\"SCMP_ACT_ALLOW\",\"includes\":{\"minKernel\":\"5.4\"},"
      "\"excludes\":{\"caps\":[\"CAP_SYS_ADMIN\"]}}]}");
  REQUIRE(kelvin);
  CHECK(kelvin->syscalls[0]->includes.min_kernel == KernelVersion{5, 4});
}

TEST_CASE("decode_profile: the last duplicate wins, and a duplicated object merges into the first") {
  const auto profile = decode_profile(R"({"defaultAction":"SCMP_ACT_ALLOW","defaultAction":"SCMP_ACT_ERRNO",
      "syscalls":[{"names":["a"],"names":["b","c"],"action":"SCMP_ACT_ALLOW",
                   "includes":{"caps":["CAP_SYS_ADMIN"]},"includes":{"arches":["amd64"]}}]})");
  REQUIRE(profile);
  CHECK(profile->default_action == "SCMP_ACT_ERRNO");
  const auto& rule = *profile->syscalls[0];
  CHECK(rule.names == std::vector<std::string>{"b", "c"});
  CHECK(rule.includes.caps == std::vector<std::string>{"CAP_SYS_ADMIN"});
  CHECK(rule.includes.arches == std::vector<std::string>{"amd64"});
}

TEST_CASE("decode_profile: null leaves a field as it was, or empties a list") {
  const auto profile = decode_profile(R"({"defaultAction":"SCMP_ACT_ERRNO","defaultAction":null,
      "syscalls":[null,{"names":null,"action":"SCMP_ACT_ALLOW","args":[null],"includes":null}]})");
  REQUIRE(profile);
  CHECK(profile->default_action == "SCMP_ACT_ERRNO");
  CHECK_FALSE(profile->syscalls[0]);
  CHECK(profile->syscalls[1]->names.empty());
  CHECK(profile->syscalls[1]->null_arg);
}

TEST_CASE("decode_profile: null clears moby/profiles' includes (a *Filter), not 20.10's (a Filter)") {
  const auto text = R"({"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW",
      "includes":{"caps":["CAP_SYS_ADMIN"]},"includes":null}]})";
  const auto v20_10 = decode_profile(text);
  const auto profiles = dse::compliance::decode_profile(text, MobyLoader::profiles);
  REQUIRE(v20_10);
  REQUIRE(profiles);
  CHECK(v20_10->syscalls[0]->includes.caps == std::vector<std::string>{"CAP_SYS_ADMIN"});
  CHECK(profiles->syscalls[0]->includes.caps.empty());
}

TEST_CASE("decode_profile: a value of the wrong type fails the profile, as json.Unmarshal fails it") {
  for (const char* bad :
       {R"([])", R"("profile")", R"({"defaultAction":["SCMP_ACT_ERRNO"]})", R"({"syscalls":{"names":["read"]}})",
        R"({"syscalls":[{"names":"read"}]})", R"({"syscalls":[{"names":[1]}]})", R"({"syscalls":[{"errnoRet":-1}]})",
        R"({"syscalls":[{"errnoRet":1.5}]})", R"({"syscalls":[{"args":[{"value":1e3}]}]})",
        R"({"syscalls":[{"includes":{"minKernel":5}}]})", R"({"syscalls":[{"includes":{"minKernel":"5.4.1"}}]})",
        R"({"syscalls":[{"includes":{"minKernel":"5.256"}}]})", R"({"syscalls":[{"includes":{"minKernel":"0.0"}}]})",
        R"({"architectures":"SCMP_ARCH_X86_64"})", R"({"defaultAction":"SCMP_ACT_ERRNO",})"}) {
    CAPTURE(bad);
    CHECK_FALSE(decode_profile(bad));
    CHECK_FALSE(dse::compliance::decode_profile(bad, MobyLoader::profiles));
  }
}

TEST_CASE("decode_profile: moby/profiles type-checks runtime-spec's LinuxSeccomp fields, 20.10 ignores them") {
  // moby 28.5 vendor/github.com/moby/profiles/seccomp/seccomp.go: Seccomp embeds specs.LinuxSeccomp.
  for (const char* bad : {R"({"defaultErrnoRet":-1})", R"({"defaultErrnoRet":1e3})", R"({"defaultErrnoRet":"1"})",
                          R"({"defaultErrnoRet":18446744073709551616})", R"({"DEFAULTERRNORET":[1]})",
                          R"({"flags":"SECCOMP_FILTER_FLAG_LOG"})", R"({"flags":[1]})", R"({"listenerPath":1})",
                          R"({"listenerMetadata":{}})"}) {
    CAPTURE(bad);
    CHECK(decode_profile(bad));
    const auto refused = dse::compliance::decode_profile(bad, MobyLoader::profiles);
    REQUIRE_FALSE(refused);
    CHECK(refused.error().find("Seccomp.LinuxSeccomp") != std::string::npos);
  }
  for (const char* good :
       {R"({"defaultErrnoRet":1})", R"({"defaultErrnoRet":null})", R"({"flags":["SECCOMP_FILTER_FLAG_LOG"]})",
        R"({"flags":null,"listenerPath":"/run/x.sock","listenerMetadata":""})"}) {
    CAPTURE(good);
    CHECK(dse::compliance::decode_profile(good, MobyLoader::profiles));
  }
}

TEST_CASE("decode_profile: an empty minKernel is accepted and matches every kernel") {
  const auto profile = decode_profile(R"({"syscalls":[{"names":["x"],"includes":{"minKernel":""}}]})");
  REQUIRE(profile);
  CHECK(profile->syscalls[0]->includes.min_kernel == KernelVersion{0, 0});
}
