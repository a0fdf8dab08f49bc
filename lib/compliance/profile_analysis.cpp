#include "compliance/profile_analysis.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "docker/bounded_json.hpp"
#include "docker/json_fields.hpp"

namespace dse::compliance {

namespace {

using docker::member;
using docker::string_member;

bool allows(std::string_view action) { return action == "SCMP_ACT_ALLOW" || action == "SCMP_ACT_LOG"; }

// A rule that applies only with a capability or on some kernels does not open the syscall to every container.
bool conditional(const nlohmann::json& rule) {
  const auto* includes = member(rule, "includes");
  if (includes == nullptr || !includes->is_object()) return false;
  const auto* caps = member(*includes, "caps");
  const auto* min_kernel = member(*includes, "minKernel");
  return (caps != nullptr && caps->is_array() && !caps->empty()) || min_kernel != nullptr;
}

std::vector<std::string> rule_names(const nlohmann::json& rule) {
  std::vector<std::string> names;
  if (auto name = string_member(rule, "name")) names.push_back(*name);  // pre-1.12 profiles
  if (const auto* list = member(rule, "names"); list != nullptr && list->is_array()) {
    for (const auto& name : *list) {
      if (name.is_string()) names.push_back(name.get<std::string>());
    }
  }
  return names;
}

}  // namespace

const std::vector<std::string_view>& risky_syscalls() {
  static const std::vector<std::string_view> list = {
#include "compliance/risky_syscalls.inc"
  };
  return list;
}

ProfileAnalysis builtin_profile_analysis() { return {"SCMP_ACT_ERRNO", false, {}, true}; }

Expected<ProfileAnalysis> analyse_profile(std::string_view json) {
  const auto doc = docker::parse_bounded(json);
  if (doc.is_discarded() || !doc.is_object()) return Error{"seccomp profile is not a JSON object"};
  ProfileAnalysis result;
  const auto default_action = string_member(doc, "defaultAction");
  if (!default_action) return Error{"seccomp profile has no defaultAction"};
  result.default_action = *default_action;
  result.deny_list = allows(*default_action);
  std::set<std::string> allowed;
  std::set<std::string> denied;
  if (const auto* rules = member(doc, "syscalls"); rules != nullptr && rules->is_array()) {
    for (const auto& rule : *rules) {
      const auto action = string_member(rule, "action").value_or("");
      if (conditional(rule)) continue;
      const bool has_args = member(rule, "args") != nullptr && !member(rule, "args")->empty();
      for (auto& name : rule_names(rule)) {
        if (allows(action)) {
          allowed.insert(name);
        } else if (!has_args) {
          denied.insert(name);  // an unconditional deny overrides a default allow
        }
      }
    }
  }
  for (const auto name : risky_syscalls()) {
    const std::string key(name);
    const bool let_through = allowed.contains(key) || (result.deny_list && !denied.contains(key));
    if (let_through) result.risky_allowed.push_back(key);
  }
  std::sort(result.risky_allowed.begin(), result.risky_allowed.end());
  return result;
}

}  // namespace dse::compliance
