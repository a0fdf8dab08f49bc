#include "kernel/syscall_names.hpp"

#include <seccomp.h>

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

}  // namespace dse::kernel
