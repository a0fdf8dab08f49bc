#pragma once
// The numbers systemd passes in the environment (NOTIFY_SOCKET's WATCHDOG_USEC and WATCHDOG_PID,
// LISTEN_PID and LISTEN_FDS): decimal, whole, not negative; anything else is no number.
#include <charconv>
#include <optional>
#include <string>

namespace dse::service {

inline std::optional<long long> environment_number(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < 0) return std::nullopt;
  return value;
}

}  // namespace dse::service
