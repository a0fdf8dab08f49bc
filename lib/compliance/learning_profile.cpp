#include "compliance/learning_profile.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>

#include "docker/bounded_json.hpp"
#include "docker/go_json.hpp"

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

bool has_member(const nlohmann::ordered_json& object, std::string_view name) {
  for (const auto& [key, value] : object.items()) {
    if (docker::go_key_matches(key, name)) return true;
  }
  return false;
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

Expected<std::string> minimal_learning_profile(std::string_view base) {
  const auto profile = parse_profile(base);
  if (!profile) return Error{profile.error()};
  nlohmann::ordered_json minimal;
  minimal["defaultAction"] = "SCMP_ACT_LOG";
  for (const auto& [key, value] : profile->items()) {
    if (docker::go_key_matches(key, "architectures") || docker::go_key_matches(key, "archMap")) minimal[key] = value;
  }
  minimal["syscalls"] = nlohmann::ordered_json::array();
  return minimal.dump(2) + "\n";
}

Expected<std::string> suggested_profile(std::string_view base, std::vector<std::string> syscalls,
                                        const ObservationGaps& gaps) {
  auto profile = parse_profile(base);
  if (!profile) return Error{profile.error()};
  // What logged now refuses, with EPERM as Docker's default does (moby/profiles default.json defaultErrnoRet 1).
  if (!has_member(*profile, "defaultErrnoRet")) (*profile)["defaultErrnoRet"] = 1;
  // Keys as Go's encoding/json matches them (case-insensitively; moby and containers/common decode so).
  for (auto& [key, value] : profile->items()) {
    if (docker::go_key_matches(key, "defaultAction")) value = "SCMP_ACT_ERRNO";
  }
  (*profile)["defaultAction"] = "SCMP_ACT_ERRNO";
  if (profile->contains("syscalls")) {
    for (auto& rule : (*profile)["syscalls"]) {
      if (!rule.is_object()) continue;
      for (auto& [key, value] : rule.items()) {
        if (docker::go_key_matches(key, "action") && value == "SCMP_ACT_LOG") value = "SCMP_ACT_ERRNO";
      }
    }
  }
  std::sort(syscalls.begin(), syscalls.end());
  syscalls.erase(std::unique(syscalls.begin(), syscalls.end()), syscalls.end());
  if (!syscalls.empty()) {
    nlohmann::ordered_json rule;
    rule["names"] = syscalls;
    rule["action"] = "SCMP_ACT_ALLOW";
    rule["comment"] = "observed under the learning profile by docker-seccomp-exporter";
    (*profile)["syscalls"].push_back(std::move(rule));
  }
  const bool complete = gaps.over_limit == 0 && gaps.lost == 0;
  nlohmann::ordered_json report = {
      {"complete", complete}, {"recordsOverLimit", gaps.over_limit}, {"recordsLost", gaps.lost}};
  if (!complete) {
    report["warning"] =
        "this profile may lack syscalls the container made: " +
        std::string(gaps.over_limit > 0
                        ? std::to_string(gaps.over_limit) + " records past the 256 distinct syscalls kept per container"
                        : "") +
        (gaps.over_limit > 0 && gaps.lost > 0 ? "; " : "") +
        (gaps.lost > 0 ? std::to_string(gaps.lost) +
                             " audit records lost while it ran (docker_seccomp_audit_records_dropped_total)"
                       : "") +
        ". Run it under the learning profile again before relying on this one.";
  }
  (*profile)["dockerSeccompExporter"] = std::move(report);
  return profile->dump(2) + "\n";
}

}  // namespace dse::compliance
