#pragma once
// This process giving up a capability it needed only for a moment (capset(2), without libcap): out of its
// effective, permitted and inheritable sets, and so out of its ambient set, for good.
#include <string>

namespace dse::kernel {

// False with why filled when the kernel (or a seccomp filter refusing capset) would not.
bool drop_own_capability(int capability, std::string& why);
// Whether this process's effective set holds it.
bool holds_capability(int capability);

}  // namespace dse::kernel
