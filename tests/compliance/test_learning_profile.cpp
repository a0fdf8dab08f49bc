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
  const auto analysis = analyse_profile(*suggested, {"amd64", KernelVersion{6, 1}, container_capabilities({}, {}, false)});
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
  const auto incomplete =
      nlohmann::json::parse(suggested_profile(docker_default_profile(), {"mount"}, {3, 5}).value());
  CHECK(incomplete["dockerSeccompExporter"]["complete"] == false);
  CHECK(incomplete["dockerSeccompExporter"]["recordsOverLimit"] == 3);
  CHECK(incomplete["dockerSeccompExporter"]["recordsLost"] == 5);
  CHECK(incomplete["dockerSeccompExporter"]["warning"].get<std::string>().find("5 audit records lost") !=
        std::string::npos);
}
