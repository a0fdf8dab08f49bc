#pragma once
// What a container's own --security-opt says about seccomp.
#include <string>
#include <vector>

namespace dse::compliance {

struct SeccompOption {
  enum class Kind { none, unconfined, builtin, custom };
  Kind kind = Kind::none;
  std::string profile;  // the inline JSON for custom (Podman: a file's path)
  bool operator==(const SeccompOption&) const = default;
};

// dockerd accepts "seccomp=VALUE" and the legacy "seccomp:VALUE"; the last seccomp entry wins (moby
// daemon/daemon_unix.go parseSecurityOpt). An empty value is no option: the daemon's default applies. "builtin"
// names the default profile only on engines that know the name (moby v23.0.0, daemon/config
// SeccompProfileDefault); before, it is profile text, which then fails to load.
SeccompOption seccomp_option(const std::vector<std::string>& security_opt, bool engine_knows_builtin);

}  // namespace dse::compliance
