#pragma once
// The daemon's seccomp set-up, from `GET /info` -> SecurityOptions.
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace dse::docker {

struct DaemonSeccomp {
  bool supported = false;  // a name=seccomp entry is present
  std::string profile;     // "default", "builtin", "unconfined" or a file path; empty when unknown
};

struct DaemonInfo {
  DaemonSeccomp seccomp;
  std::string server_version;
};

// Parses a SecurityOptions entry list such as ["name=seccomp,profile=default", "name=apparmor"].
// Engines before 1.13 sent bare names ("seccomp").
Expected<DaemonInfo> parse_daemon_info(std::string_view body);

}  // namespace dse::docker
