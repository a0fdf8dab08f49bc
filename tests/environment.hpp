#pragma once
// A process environment for tests: the variables given, nothing else.
#include <map>
#include <optional>
#include <string>

#include "util/environment.hpp"

namespace dse::test {

inline Environment environment(std::map<std::string, std::string> values = {}) {
  return [values = std::move(values)](const char* name) -> std::optional<std::string> {
    const auto it = values.find(name);
    return it == values.end() ? std::nullopt : std::optional<std::string>(it->second);
  };
}

}  // namespace dse::test
