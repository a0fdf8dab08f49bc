#pragma once
// Starting this program again as a helper process (the web side, app/web_side.cpp): /proc/self/exe with this
// process's own arguments, a fresh address space (exec, as OpenSSH re-executes its privilege-separated child),
// and only the descriptors it is given.
#include <sys/types.h>

#include <string>
#include <vector>

#include "util/expected.hpp"

namespace dse::sandbox {

struct Spawned {
  pid_t pid = -1;
  int link = -1;  // this side of a socketpair whose other end is the child's descriptor 3 (close-on-exec here)
};

inline constexpr int link_descriptor = 3;
inline constexpr int first_passed_descriptor = 4;

// passed become descriptors 4, 5, ... in the child, which closes every other; marker=value is added to its
// environment, and systemd's own variables (NOTIFY_SOCKET, LISTEN_*, WATCHDOG_*) are removed from it.
Expected<Spawned> spawn_self(const std::vector<int>& passed, const std::string& marker, const std::string& value);

}  // namespace dse::sandbox
