#include "kernel/own_capabilities.hpp"

#include <linux/capability.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dse::kernel {

namespace {

bool read_sets(__user_cap_header_struct& header, __user_cap_data_struct (&data)[_LINUX_CAPABILITY_U32S_3]) {
  header = {_LINUX_CAPABILITY_VERSION_3, 0};
  return ::syscall(SYS_capget, &header, data) == 0;
}

}  // namespace

bool drop_own_capability(int capability, std::string& why) {
  __user_cap_header_struct header{};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
  if (!read_sets(header, data)) {
    why = std::string("capget: ") + std::strerror(errno);
    return false;
  }
  const auto word = static_cast<unsigned>(capability) / 32;
  const auto bit = 1u << (static_cast<unsigned>(capability) % 32);
  data[word].effective &= ~bit;
  data[word].permitted &= ~bit;
  data[word].inheritable &= ~bit;
  if (::syscall(SYS_capset, &header, data) != 0) {
    why = std::string("capset: ") + std::strerror(errno);
    return false;
  }
  return true;
}

bool holds_capability(int capability) {
  __user_cap_header_struct header{};
  __user_cap_data_struct data[_LINUX_CAPABILITY_U32S_3]{};
  if (!read_sets(header, data)) return false;
  return (data[capability / 32].effective & (1u << (capability % 32))) != 0;
}

}  // namespace dse::kernel
