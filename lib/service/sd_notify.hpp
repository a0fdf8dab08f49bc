#pragma once
// systemd's notify protocol (Type=notify): datagrams to $NOTIFY_SOCKET. Spoken directly rather than
// through libsystemd: it is one sendto(), and the exporter then needs no library that is not on every host.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "util/environment.hpp"

namespace dse::service {

class SdNotifier {
 public:
  // Inert when NOTIFY_SOCKET is unset (not under systemd, or Type=simple).
  static SdNotifier from_environment(const Environment& env, long own_pid);

  bool enabled() const { return !m_socket_path.empty(); }
  // Sends e.g. "READY=1" or "STOPPING=1"; returns false if it could not be delivered.
  bool notify(std::string_view message) const;
  // Half of WATCHDOG_USEC when the watchdog is on for this process, as sd_watchdog_enabled() decides.
  std::optional<std::chrono::microseconds> watchdog_interval() const { return m_watchdog_interval; }

 private:
  std::string m_socket_path;  // '@' first: an abstract socket
  std::optional<std::chrono::microseconds> m_watchdog_interval;
};

}  // namespace dse::service
