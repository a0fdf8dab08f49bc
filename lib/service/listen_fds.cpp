#include "service/listen_fds.hpp"

#include <string>

#include "service/environment_number.hpp"

namespace dse::service {

namespace {

// SD_LISTEN_FDS_START in sd-daemon.h: the first passed descriptor.
constexpr int first_passed_fd = 3;

}  // namespace

Expected<std::vector<int>> listen_fds(const Environment& env, long own_pid) {
  const std::string hint = " (start the service through its .socket unit, or drop --web.systemd-socket)";
  const auto pid = env("LISTEN_PID");
  if (!pid) return Error{"--web.systemd-socket: systemd passed no sockets: LISTEN_PID is not set" + hint};
  const auto parsed_pid = environment_number(pid);
  // As sd_listen_fds(3): sockets passed to another process (a parent that exec'd us without them) are not ours.
  if (parsed_pid != own_pid) return Error{"--web.systemd-socket: LISTEN_PID=" + *pid + " is not this process" + hint};
  const auto text = env("LISTEN_FDS");
  const auto count = environment_number(text);
  if (!count)
    return Error{"--web.systemd-socket: LISTEN_FDS is missing or not a number: \"" + text.value_or("") + "\""};
  if (*count == 0) return Error{"--web.systemd-socket: systemd passed no sockets (LISTEN_FDS=0)" + hint};
  if (*count > 64)
    return Error{"--web.systemd-socket: LISTEN_FDS=" + *text + " is more sockets than an endpoint needs (at most 64)"};
  std::vector<int> fds;
  for (int fd = first_passed_fd; fd < first_passed_fd + static_cast<int>(*count); ++fd) fds.push_back(fd);
  return fds;
}

}  // namespace dse::service
