#pragma once
// The web side (app/web_side.cpp), as the engine side sees it: whether it runs, how often it was restarted,
// what its confinement is by the kernel's word (/proc/<pid>/status) and by its own report, and the system
// calls its filter refused.
#include <cstdint>
#include <map>
#include <optional>
#include <string>

namespace dse::state {

struct WebSideStats {
  bool separated = false;  // --web.separate-process: the endpoint runs in a process of its own
  bool up = false;         // running, and its last heartbeat is recent
  std::uint64_t starts = 0;
  // "exit_code_N", "signal_SIGKILL", "protocol_error" (a malformed request ends it), "heartbeat_missed", ...
  std::map<std::string, std::uint64_t> exits_by_cause;
  std::map<std::string, std::uint64_t> refused_by_syscall;
  // Of the running process, read from /proc/<pid>/status at its first report (it has confined itself then).
  std::optional<std::uint64_t> seccomp_filters;
  std::optional<std::uint64_t> engine_seccomp_filters;  // the engine side's own, for comparison
  std::optional<std::uint64_t> uid;
  bool landlock = false;  // as it reports
};

}  // namespace dse::state
