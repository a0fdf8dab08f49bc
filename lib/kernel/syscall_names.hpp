#pragma once
// Syscall numbers to names, per architecture, as libseccomp knows them (the audit record gives the number
// and the AUDIT_ARCH of the calling process; a 32-bit process on x86_64 has other numbers).
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace dse::kernel {

class SyscallNames {
 public:
  // The name, or "unknown_<number>" when libseccomp does not know it (a syscall newer than the library).
  const std::string& name(std::uint32_t arch, int number);

 private:
  std::map<std::pair<std::uint32_t, int>, std::string> m_cache;  // bounded by the syscalls that exist
};

// Every syscall libseccomp knows for this process's own architecture, sorted: what a deny-list profile
// (default allow) lets through unless it names it.
const std::vector<std::string>& native_syscall_names();

}  // namespace dse::kernel
