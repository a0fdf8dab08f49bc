// One datagram from the audit multicast group, as the kernel (or anything that can send to it) delivers:
// netlink framing, record text, syscall naming.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "kernel/audit_record.hpp"
#include "kernel/syscall_names.hpp"
#include "state/syscall_observations.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static dse::kernel::SyscallNames names;
  dse::state::SyscallObservations observations;
  const std::string_view datagram(reinterpret_cast<const char*>(data), size);
  (void)dse::kernel::decode_audit_datagram(datagram, [&](const dse::kernel::SeccompRecord& record) {
    observations.record("c", record.action, names.name(record.arch, record.syscall));
  });
  // The record text alone, without framing: every byte of the input reaches the field parser.
  (void)dse::kernel::parse_seccomp_record(datagram);
  return 0;
}
