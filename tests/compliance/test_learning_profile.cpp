#include <catch2/catch.hpp>

#include <nlohmann/json.hpp>

#include "compliance/capabilities.hpp"
#include "compliance/learning_profile.hpp"
#include "compliance/profile_analysis.hpp"

using namespace dse::compliance;

TEST_CASE("the embedded default is Docker's: an allow-list with defaultAction SCMP_ACT_ERRNO") {
  const auto profile = nlohmann::json::parse(docker_default_profile());
  CHECK(profile["defaultAction"] == "SCMP_ACT_ERRNO");
  CHECK(profile["syscalls"].size() > 10);
  CHECK(docker_default_profile().find("\"sethostname\"") != std::string_view::npos);
}

TEST_CASE("learning_profile logs what the default refuses, and keeps every rule") {
  const auto learning = learning_profile(docker_default_profile());
  REQUIRE(learning);
  const auto profile = nlohmann::json::parse(*learning);
  const auto original = nlohmann::json::parse(docker_default_profile());
  CHECK(profile["defaultAction"] == "SCMP_ACT_LOG");
  CHECK(profile["syscalls"] == original["syscalls"]);
  CHECK(learning_profile(R"({"defaultAction":"SCMP_ACT_KILL","defaultErrnoRet":1})").value() ==
        "{\n  \"defaultAction\": \"SCMP_ACT_LOG\"\n}\n");
  CHECK(learning_profile("[1]").error() == "profile is not a JSON object");
  CHECK(learning_profile(std::string(100, '[')).error() == "profile nests deeper than 64 levels");
}

TEST_CASE("suggested_profile allows what was observed, once each, and refuses the rest") {
  const auto suggested = suggested_profile(docker_default_profile(), {"mount", "sethostname", "mount"});
  REQUIRE(suggested);
  const auto profile = nlohmann::json::parse(*suggested);
  CHECK(profile["defaultAction"] == "SCMP_ACT_ERRNO");
  const auto& added = profile["syscalls"].back();
  CHECK(added["names"] == nlohmann::json::array({"mount", "sethostname"}));
  CHECK(added["action"] == "SCMP_ACT_ALLOW");
  // Judged as the exporter judges any custom profile: a filter, allowing those two beyond the default.
  const auto analysis =
      analyse_profile(*suggested, {"amd64", KernelVersion{6, 1}, container_capabilities({}, {}, false)});
  CHECK(analysis.effect == ProfileAnalysis::Effect::filter);
  CHECK(analysis.default_action == "SCMP_ACT_ERRNO");
  CHECK(analysis.risky_allowed == std::vector<std::string>{"mount", "sethostname"});
  CHECK(suggested_profile(docker_default_profile(), {}).value() ==
        suggested_profile(docker_default_profile(), {}).value());
}

TEST_CASE("suggested_profile says whether it may lack syscalls, in a field the engines' loaders ignore") {
  const auto complete = nlohmann::json::parse(suggested_profile(docker_default_profile(), {"mount"}).value());
  CHECK(complete["dockerSeccompExporter"]["complete"] == true);
  CHECK_FALSE(complete["dockerSeccompExporter"].contains("warning"));
  const auto incomplete = nlohmann::json::parse(suggested_profile(docker_default_profile(), {"mount"}, {3, 5}).value());
  CHECK(incomplete["dockerSeccompExporter"]["complete"] == false);
  CHECK(incomplete["dockerSeccompExporter"]["recordsOverLimit"] == 3);
  CHECK(incomplete["dockerSeccompExporter"]["recordsLost"] == 5);
  CHECK(incomplete["dockerSeccompExporter"]["warning"].get<std::string>().find("5 audit records lost") !=
        std::string::npos);
}

TEST_CASE("minimal_learning_profile logs every syscall, with the base's architectures and no rule") {
  const auto minimal = nlohmann::json::parse(minimal_learning_profile(docker_default_profile()).value());
  const auto original = nlohmann::json::parse(docker_default_profile());
  CHECK(minimal["defaultAction"] == "SCMP_ACT_LOG");
  CHECK(minimal["archMap"] == original["archMap"]);
  CHECK(minimal["syscalls"] == nlohmann::json::array());
  CHECK_FALSE(minimal.contains("defaultErrnoRet"));
  CHECK(minimal_learning_profile("[1]").error() == "profile is not a JSON object");
  // As the engine would set it up: a filter (not "no filter"), that lets every syscall through.
  const auto context = EngineContext{"amd64", KernelVersion{6, 1}, container_capabilities({}, {}, false)};
  const auto analysis = analyse_profile(minimal.dump(), context);
  CHECK(analysis.effect == ProfileAnalysis::Effect::filter);
  CHECK(analysis.deny_list);
}

TEST_CASE("a suggestion made from the minimal learning profile allows exactly what was logged") {
  const auto minimal = minimal_learning_profile(docker_default_profile()).value();
  const auto observed = std::vector<std::string>{"execve", "exit_group", "write", "read", "mount"};
  const auto suggested = suggested_profile(minimal, observed).value();
  const auto profile = nlohmann::json::parse(suggested);
  CHECK(profile["defaultAction"] == "SCMP_ACT_ERRNO");
  CHECK(profile["defaultErrnoRet"] == 1);  // EPERM, as Docker's default refuses
  REQUIRE(profile["syscalls"].size() == 1);
  CHECK(profile["syscalls"][0]["names"] == nlohmann::json::array({"execve", "exit_group", "mount", "read", "write"}));
  const auto context = EngineContext{"amd64", KernelVersion{6, 1}, container_capabilities({}, {}, false)};
  const auto count = count_allowed(suggested, context);
  REQUIRE(count);
  CHECK(count->allowed == 5);
  CHECK(count->default_allowed > 300);  // Docker 28.5's default, for a container with default capabilities
  const auto standard = count_allowed(suggested_profile(docker_default_profile(), {"mount"}).value(), context);
  REQUIRE(standard);
  CHECK(standard->allowed == standard->default_allowed + 1);
}

TEST_CASE("a suggestion turns every SCMP_ACT_LOG of its base into SCMP_ACT_ERRNO, as Go's decoder reads keys") {
  const auto suggested =
      nlohmann::json::parse(suggested_profile(R"({"defaultaction":"SCMP_ACT_LOG","defaultErrnoRet":38,"syscalls":[
          {"names":["ptrace"],"Action":"SCMP_ACT_LOG"},{"names":["read"],"action":"SCMP_ACT_ALLOW"},7]})",
                                              {"mount"})
                                .value());
  CHECK(suggested["defaultaction"] == "SCMP_ACT_ERRNO");
  CHECK(suggested["defaultAction"] == "SCMP_ACT_ERRNO");
  CHECK(suggested["defaultErrnoRet"] == 38);  // the base's own
  CHECK(suggested["syscalls"][0]["Action"] == "SCMP_ACT_ERRNO");
  CHECK(suggested["syscalls"][1]["action"] == "SCMP_ACT_ALLOW");
  CHECK(suggested["syscalls"][2] == 7);  // not a rule: left for the engine to refuse
}
