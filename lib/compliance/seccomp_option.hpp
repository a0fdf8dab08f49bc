#pragma once
// What a container's own --security-opt says about seccomp.
#include <string>
#include <vector>

namespace dse::compliance {

struct SeccompOption {
  enum class Kind { none, unconfined, builtin, custom };
  Kind kind = Kind::none;
  std::string profile;  // the inline JSON for custom
};

// dockerd accepts "seccomp=VALUE" and the legacy "seccomp:VALUE"; the last seccomp entry wins.
SeccompOption seccomp_option(const std::vector<std::string>& security_opt);

}  // namespace dse::compliance
