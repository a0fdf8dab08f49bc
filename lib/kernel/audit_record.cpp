#include "kernel/audit_record.hpp"

#include <charconv>
#include <cstring>

#include "kernel/audit_serials.hpp"
#include "util/key_values.hpp"

namespace dse::kernel {

namespace {

// struct nlmsghdr, read field by field: the datagram's bytes carry no alignment promise for us.
constexpr std::size_t netlink_header_bytes = 16;

std::uint32_t read_u32(std::string_view bytes, std::size_t at) {
  std::uint32_t value = 0;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}

std::uint16_t read_u16(std::string_view bytes, std::size_t at) {
  std::uint16_t value = 0;
  std::memcpy(&value, bytes.data() + at, sizeof value);
  return value;
}

template <class T>
bool parse_number(std::string_view text, T& out, int base = 10) {
  if (base == 16 && text.starts_with("0x")) text.remove_prefix(2);
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), out, base);
  return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::string_view to_string(SeccompAction action) {
  switch (action) {
    case SeccompAction::kill_process: return "kill_process";
    case SeccompAction::kill_thread: return "kill_thread";
    case SeccompAction::trap: return "trap";
    case SeccompAction::errno_: return "errno";
    case SeccompAction::user_notif: return "user_notif";
    case SeccompAction::trace: return "trace";
    case SeccompAction::log: return "log";
    case SeccompAction::allow: return "allow";
    case SeccompAction::unknown: return "unknown";
  }
  return "unknown";
}

// SECCOMP_RET_* of <linux/seccomp.h>, by SECCOMP_RET_ACTION_FULL (the top 16 bits).
SeccompAction action_of(std::uint32_t code) {
  switch (code & 0xffff0000U) {
    case 0x80000000U: return SeccompAction::kill_process;
    case 0x00000000U: return SeccompAction::kill_thread;
    case 0x00030000U: return SeccompAction::trap;
    case 0x00050000U: return SeccompAction::errno_;
    case 0x7fc00000U: return SeccompAction::user_notif;
    case 0x7ff00000U: return SeccompAction::trace;
    case 0x7ffc0000U: return SeccompAction::log;
    case 0x7fff0000U: return SeccompAction::allow;
    default: return SeccompAction::unknown;
  }
}

std::optional<SeccompRecord> parse_seccomp_record(std::string_view text) {
  SeccompRecord record;
  bool pid = false, arch = false, syscall = false, code = false;
  // A value that is not a number ends the parse: the record is refused.
  const bool numbers = for_each_key_value(text, ' ', [&](std::string_view key, std::string_view value) {
    // The first of each: the fields the kernel writes come before anything a later field could hold.
    if (key == "pid" && !pid) {
      pid = true;
      return parse_number(value, record.pid) && record.pid > 0;
    }
    if (key == "arch" && !arch) {
      arch = true;
      return parse_number(value, record.arch, 16);
    }
    if (key == "syscall" && !syscall) {
      syscall = true;
      return parse_number(value, record.syscall) && record.syscall >= 0;
    }
    if (key == "code" && !code) {
      code = true;
      std::uint32_t raw = 0;
      if (!parse_number(value, raw, 16)) return false;
      record.action = action_of(raw);
    }
    return true;
  });
  if (!numbers || !pid || !arch || !syscall || !code) return std::nullopt;
  return record;
}

DatagramCounts decode_audit_datagram(std::string_view datagram,
                                     const std::function<void(const SeccompRecord&)>& on_record,
                                     const std::function<void(std::uint64_t serial)>& on_serial) {
  DatagramCounts counts;
  while (datagram.size() >= netlink_header_bytes) {
    const auto length = read_u32(datagram, 0);
    const auto type = read_u16(datagram, 4);
    if (length < netlink_header_bytes || length > datagram.size()) {
      ++counts.malformed;
      return counts;
    }
    auto payload = datagram.substr(netlink_header_bytes, length - netlink_header_bytes);
    if (on_serial) {
      if (const auto serial = audit_serial(payload)) on_serial(*serial);
    }
    if (type == audit_seccomp_type) {
      while (!payload.empty() && payload.back() == '\0') payload.remove_suffix(1);
      if (auto record = parse_seccomp_record(payload)) {
        ++counts.records;
        on_record(*record);
      } else {
        ++counts.malformed;
      }
    }
    const auto aligned = (static_cast<std::size_t>(length) + 3) & ~std::size_t{3};  // NLMSG_ALIGN
    if (aligned >= datagram.size()) break;
    datagram.remove_prefix(aligned);
  }
  return counts;
}

}  // namespace dse::kernel
