#include "service/sd_notify.hpp"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>

#include "service/environment_number.hpp"

namespace dse::service {

namespace {

// WATCHDOG_USEC and WATCHDOG_PID: 0 is no watchdog and no process.
std::optional<long long> positive(const std::optional<std::string>& text) {
  const auto value = environment_number(text);
  return value && *value > 0 ? value : std::nullopt;
}

}  // namespace

SdNotifier SdNotifier::from_environment(const Environment& env, long own_pid) {
  SdNotifier notifier;
  const auto socket = env("NOTIFY_SOCKET");
  if (socket && (socket->starts_with('/') || socket->starts_with('@')) &&
      socket->size() < sizeof(sockaddr_un::sun_path)) {
    notifier.m_socket_path = *socket;
  }
  const auto usec = positive(env("WATCHDOG_USEC"));
  const auto pid = positive(env("WATCHDOG_PID"));
  if (usec && (!pid || *pid == own_pid)) notifier.m_watchdog_interval = std::chrono::microseconds(*usec / 2);
  return notifier;
}

bool SdNotifier::notify(std::string_view message) const {
  if (!enabled()) return false;
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::memcpy(address.sun_path, m_socket_path.data(), m_socket_path.size());
  if (address.sun_path[0] == '@') address.sun_path[0] = '\0';
  const auto length = static_cast<socklen_t>(offsetof(sockaddr_un, sun_path) + m_socket_path.size());
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  // Never blocking: a receiver that stopped reading (its buffer full) must not stall the event loop, which
  // would stop everything else, the watchdog pings this sends included.
  const auto sent = ::sendto(fd, message.data(), message.size(), MSG_NOSIGNAL | MSG_DONTWAIT,
                             reinterpret_cast<const sockaddr*>(&address), length);
  ::close(fd);
  return sent == static_cast<ssize_t>(message.size());
}

}  // namespace dse::service
