// What the audit collector does per record, without the socket: decode the netlink message, name the
// syscall, count it for a container. Prints records per second on one core.
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "kernel/audit_record.hpp"
#include "kernel/syscall_names.hpp"
#include "state/syscall_observations.hpp"

int main(int argc, char** argv) {
  const long runs = argc > 1 ? std::strtol(argv[1], nullptr, 10) : 1'000'000;
  std::ifstream file(std::string(DSE_FIXTURES) + "/audit/seccomp_log_getppid.bin", std::ios::binary);
  std::stringstream bytes;
  bytes << file.rdbuf();
  const std::string datagram = bytes.str();  // one record, as the kernel sent it
  dse::kernel::SyscallNames names;
  dse::state::SyscallObservations observations;
  const std::string container(64, 'a');
  std::size_t records = 0;
  const auto start = std::chrono::steady_clock::now();
  for (long i = 0; i < runs; ++i) {
    records += dse::kernel::decode_audit_datagram(datagram, [&](const dse::kernel::SeccompRecord& record) {
                 observations.record(container, record.action, names.name(record.arch, record.syscall));
               }).records;
  }
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf("%zu records in %.3f s: %.0f records/s on one core\n", records, seconds,
              static_cast<double>(records) / seconds);
  return records == static_cast<std::size_t>(runs) ? 0 : 1;
}
