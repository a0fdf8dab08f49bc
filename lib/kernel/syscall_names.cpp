#include "kernel/syscall_names.hpp"

#include <seccomp.h>

#include <algorithm>
#include <cstdlib>

namespace dse::kernel {

const std::string& SyscallNames::name(std::uint32_t arch, int number) {
  const auto key = std::make_pair(arch, number);
  if (const auto found = m_cache.find(key); found != m_cache.end()) return found->second;
  // libseccomp's arch tokens are the AUDIT_ARCH_* values (SCMP_ARCH_X86_64 == AUDIT_ARCH_X86_64).
  char* resolved = seccomp_syscall_resolve_num_arch(arch, number);
  std::string name = resolved != nullptr ? resolved : "unknown_" + std::to_string(number);
  std::free(resolved);
  if (m_cache.size() >= 4096) m_cache.clear();  // a hostile stream of numbers stays bounded
  return m_cache.emplace(key, std::move(name)).first->second;
}

const std::vector<std::string>& native_syscall_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> list;
    // x86_64 numbers end below 500, its x32 variants start at 512; no architecture needs more than 4096.
    for (int number = 0; number < 4096; ++number) {
      char* resolved = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, number);
      if (resolved != nullptr) list.emplace_back(resolved);
      std::free(resolved);
    }
    std::sort(list.begin(), list.end());
    list.erase(std::unique(list.begin(), list.end()), list.end());
    return list;
  }();
  return names;
}

}  // namespace dse::kernel
