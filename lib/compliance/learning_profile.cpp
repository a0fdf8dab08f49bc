#include "compliance/learning_profile.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "docker/bounded_json.hpp"

namespace dse::compliance {

namespace {

constexpr std::string_view embedded_default =
#include "compliance/docker_default_profile.inc"
    ;

Expected<nlohmann::ordered_json> parse_profile(std::string_view text) {
  if (!docker::nesting_within(text)) return Error{"profile nests deeper than 64 levels"};
  auto profile = nlohmann::ordered_json::parse(text, nullptr, false);
  if (profile.is_discarded() || !profile.is_object()) return Error{"profile is not a JSON object"};
  if (profile.contains("syscalls") && !profile["syscalls"].is_array()) return Error{"profile syscalls is not an array"};
  return profile;
}

}  // namespace

std::string_view docker_default_profile() { return embedded_default; }

Expected<std::string> learning_profile(std::string_view base) {
  auto profile = parse_profile(base);
  if (!profile) return Error{profile.error()};
  (*profile)["defaultAction"] = "SCMP_ACT_LOG";
  profile->erase("defaultErrnoRet");  // meaningless with a default that lets the call run
  return profile->dump(2) + "\n";
}

Expected<std::string> suggested_profile(std::string_view base, std::vector<std::string> syscalls) {
  auto profile = parse_profile(base);
  if (!profile) return Error{profile.error()};
  (*profile)["defaultAction"] = "SCMP_ACT_ERRNO";
  std::sort(syscalls.begin(), syscalls.end());
  syscalls.erase(std::unique(syscalls.begin(), syscalls.end()), syscalls.end());
  if (!syscalls.empty()) {
    nlohmann::ordered_json rule;
    rule["names"] = syscalls;
    rule["action"] = "SCMP_ACT_ALLOW";
    rule["comment"] = "observed under the learning profile by docker-seccomp-exporter";
    (*profile)["syscalls"].push_back(std::move(rule));
  }
  return profile->dump(2) + "\n";
}

}  // namespace dse::compliance
