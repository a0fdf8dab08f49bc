#include "sandbox/landlock.hpp"

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <cstring>

namespace dse::sandbox {

namespace {

// The kernel's struct landlock_ruleset_attr as of ABI 6; Debian 12's header (Linux 6.1) has only its first field.
// The size passed tells the kernel which fields this program knows.
struct RulesetAttr {
  std::uint64_t handled_access_fs = 0;
  std::uint64_t handled_access_net = 0;
  std::uint64_t scoped = 0;
};

constexpr std::uint64_t fs_abi1 = (1ULL << 13) - 1;          // EXECUTE ... MAKE_SYM
constexpr std::uint64_t fs_refer = 1ULL << 13;               // ABI 2
constexpr std::uint64_t fs_truncate = 1ULL << 14;            // ABI 3
constexpr std::uint64_t fs_ioctl_dev = 1ULL << 15;           // ABI 5
constexpr std::uint64_t net_bind_connect_tcp = 3;            // ABI 4: BIND_TCP | CONNECT_TCP
constexpr std::uint64_t scope_abstract_unix_and_signal = 3;  // ABI 6
constexpr std::uint64_t read_file = 1ULL << 2, read_dir = 1ULL << 3;

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

Error failure(std::string_view what) { return Error{std::string(what) + ": " + std::strerror(errno)}; }

}  // namespace

Expected<LandlockResult> restrict_reads_to(const std::vector<std::string>& directories) {
  const long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  if (abi < 0) {
    if (errno == ENOSYS || errno == EOPNOTSUPP || errno == EPERM) return LandlockResult{};
    return failure("landlock_create_ruleset");
  }
  RulesetAttr attr;
  std::size_t attr_size = sizeof(attr.handled_access_fs);
  attr.handled_access_fs =
      fs_abi1 | (abi >= 2 ? fs_refer : 0) | (abi >= 3 ? fs_truncate : 0) | (abi >= 5 ? fs_ioctl_dev : 0);
  if (abi >= 4) {
    attr.handled_access_net = net_bind_connect_tcp;
    attr_size = offsetof(RulesetAttr, scoped);
  }
  if (abi >= 6) {
    attr.scoped = scope_abstract_unix_and_signal;
    attr_size = sizeof(attr);
  }
  Fd ruleset{static_cast<int>(::syscall(SYS_landlock_create_ruleset, &attr, attr_size, 0))};
  if (ruleset.fd < 0) return failure("landlock_create_ruleset");
  for (const auto& directory : directories) {
    Fd parent{::open(directory.c_str(), O_PATH | O_CLOEXEC | O_DIRECTORY)};
    if (parent.fd < 0) return failure("open " + directory);
    landlock_path_beneath_attr beneath{};
    beneath.allowed_access = read_file | read_dir;
    beneath.parent_fd = parent.fd;
    if (::syscall(SYS_landlock_add_rule, ruleset.fd, LANDLOCK_RULE_PATH_BENEATH, &beneath, 0) != 0) {
      return failure("landlock_add_rule " + directory);
    }
  }
  if (::syscall(SYS_landlock_restrict_self, ruleset.fd, 0) != 0) return failure("landlock_restrict_self");
  return LandlockResult{LandlockOutcome::applied, static_cast<int>(abi)};
}

}  // namespace dse::sandbox
