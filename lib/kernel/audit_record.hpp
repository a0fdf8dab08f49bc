#pragma once
// The kernel's seccomp audit records (type 1326, AUDIT_SECCOMP), as a NETLINK_AUDIT socket on the read-only
// multicast group delivers them: one netlink message per record, its payload the record's text, e.g.
//   audit(1796077535.226:2): auid=4294967295 uid=0 gid=0 ses=4294967295 pid=26428 comm="sll"
//   exe="/tmp/sll" sig=0 arch=c000003e syscall=110 compat=0 ip=0x7f8845966829 code=0x7ffc0000
// The kernel hex-encodes comm and exe when they hold a space or a quote, so fields split on spaces.
#include <cstdint>
#include <functional>
#include <optional>
#include <string_view>

namespace dse::kernel {

inline constexpr std::uint16_t audit_seccomp_type = 1326;

// The filter's action (the top 16 bits of code), named as the label values and as
// /proc/sys/kernel/seccomp/actions_logged names them.
enum class SeccompAction { kill_process, kill_thread, trap, errno_, user_notif, trace, log, allow, unknown };
std::string_view to_string(SeccompAction action);
SeccompAction action_of(std::uint32_t code);

struct SeccompRecord {
  long long pid = 0;
  std::uint32_t arch = 0;  // AUDIT_ARCH_*, e.g. 0xc000003e for x86_64: also libseccomp's arch token
  int syscall = -1;
  SeccompAction action = SeccompAction::unknown;
};

// One record's text; nullopt when a field is missing or malformed.
std::optional<SeccompRecord> parse_seccomp_record(std::string_view text);

// Every netlink message in one datagram: seccomp records to on_record, malformed messages counted in the
// return value. Messages of other types are skipped (the multicast group carries every audit record).
struct DatagramCounts {
  std::size_t records = 0;
  std::size_t malformed = 0;
};
// on_serial, when given, sees the stamp's serial of every message that has one (see audit_serials.hpp).
DatagramCounts decode_audit_datagram(std::string_view datagram,
                                     const std::function<void(const SeccompRecord&)>& on_record,
                                     const std::function<void(std::uint64_t serial)>& on_serial = nullptr);

}  // namespace dse::kernel
