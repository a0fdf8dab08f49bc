#pragma once
// How many audit records the kernel sent that never reached us, from the serial numbers in their
// "audit(1796077535.226:2)" stamps. Every record on the multicast group carries one (events of several
// records share it), the kernel hands them out in order (kernel/audit.c audit_serial()), and a record the
// socket could not take (ENOBUFS) or the kernel's rate limit dropped leaves its serial unseen. The kernel's
// own `lost` count (AUDIT_GET) would need CAP_AUDIT_CONTROL, which the collector does not hold; nor does it
// know of our socket's overflow. Records the backlog limit refused got no serial: the kernel logs those.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string_view>

namespace dse::kernel {

// The serial in a record's text ("audit(SECONDS.MILLIS:SERIAL): ..."); nullopt when it has none.
std::optional<std::uint64_t> audit_serial(std::string_view text);

class AuditSerials {
 public:
  // Serials awaited at once; beyond, a skipped serial is counted lost at once (a burst of loss, bounded memory).
  static constexpr std::size_t max_awaited = 65536;

  // Returns how many records are known lost with this one (beyond max_awaited).
  std::uint64_t saw(std::uint64_t serial);
  // Called about once a second: a serial skipped before the previous tick and still not seen is lost (records
  // from CPUs that raced arrive a few serials out of order, within microseconds). Returns how many.
  std::uint64_t tick();
  // After subscribing again: what was sent while we were not subscribed is not a loss of the socket.
  void restart();

 private:
  std::optional<std::uint64_t> m_highest;
  std::set<std::uint64_t> m_recent;  // skipped since the last tick
  std::set<std::uint64_t> m_older;   // skipped before it: lost at the next
};

}  // namespace dse::kernel
