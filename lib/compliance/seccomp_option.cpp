#include "compliance/seccomp_option.hpp"

#include <string_view>

namespace dse::compliance {

namespace {

// True, with the value after "seccomp=" or "seccomp:", when the option is about seccomp.
bool seccomp_value(std::string_view option, std::string_view& value) {
  constexpr std::string_view key = "seccomp";
  if (!option.starts_with(key) || option.size() == key.size()) return false;
  const char separator = option[key.size()];
  if (separator != '=' && separator != ':') return false;
  value = option.substr(key.size() + 1);
  return true;
}

}  // namespace

SeccompOption seccomp_option(const std::vector<std::string>& security_opt, bool engine_knows_builtin) {
  SeccompOption result;
  for (const auto& option : security_opt) {
    std::string_view value;
    if (!seccomp_value(option, value)) continue;
    if (value == "unconfined") {
      result = {SeccompOption::Kind::unconfined, {}};
    } else if (value.empty()) {
      result = {SeccompOption::Kind::none, {}};
    } else if (value == "builtin" && engine_knows_builtin) {
      result = {SeccompOption::Kind::builtin, {}};
    } else {
      result = {SeccompOption::Kind::custom, std::string(value)};
    }
  }
  return result;
}

}  // namespace dse::compliance
