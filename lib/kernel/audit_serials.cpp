#include "kernel/audit_serials.hpp"

#include <charconv>

namespace dse::kernel {

std::optional<std::uint64_t> audit_serial(std::string_view text) {
  if (!text.starts_with("audit(")) return std::nullopt;
  const auto colon = text.find(':');
  const auto close = text.find(')');
  if (colon == std::string_view::npos || close == std::string_view::npos || colon > close) return std::nullopt;
  std::uint64_t serial = 0;
  const auto* first = text.data() + colon + 1;
  const auto* last = text.data() + close;
  const auto [end, ec] = std::from_chars(first, last, serial);
  if (ec != std::errc{} || end != last || first == last) return std::nullopt;
  return serial;
}

std::uint64_t AuditSerials::saw(std::uint64_t serial) {
  if (!m_highest) {
    m_highest = serial;
    return 0;
  }
  if (serial <= *m_highest) {  // a late arrival, or another record of an event already seen
    if (m_recent.erase(serial) == 0) m_older.erase(serial);
    return 0;
  }
  std::uint64_t lost = 0;
  for (auto missing = *m_highest + 1; missing < serial; ++missing) {
    if (m_recent.size() + m_older.size() >= max_awaited) {
      lost += serial - missing;
      break;
    }
    m_recent.insert(missing);
  }
  m_highest = serial;
  return lost;
}

std::uint64_t AuditSerials::tick() {
  const auto lost = m_older.size();
  m_older = std::move(m_recent);
  m_recent.clear();
  return lost;
}

void AuditSerials::restart() {
  m_highest.reset();
  m_recent.clear();
  m_older.clear();
}

}  // namespace dse::kernel
