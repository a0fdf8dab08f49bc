#pragma once
// Landlock (Linux >= 5.13): this process, and whatever it starts, may from now on read only beneath the given
// directories and write nowhere. Where the kernel has it (ABI 4 and later), TCP bind and connect are refused too,
// and (ABI 6) signals to processes outside the sandbox and abstract unix sockets.
#include <string>
#include <vector>

#include "util/expected.hpp"

namespace dse::sandbox {

enum class LandlockOutcome {
  applied,
  unsupported,  // the kernel has no Landlock (or it is disabled, or a syscall filter refuses it)
};

struct LandlockResult {
  LandlockOutcome outcome = LandlockOutcome::unsupported;
  int abi = 0;  // the kernel's Landlock ABI version, 0 when unsupported
};

// Requires no_new_privs (or CAP_SYS_ADMIN). A directory that does not exist is an error.
Expected<LandlockResult> restrict_reads_to(const std::vector<std::string>& directories);

}  // namespace dse::sandbox
