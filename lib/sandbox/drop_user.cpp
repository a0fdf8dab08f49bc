#include "sandbox/drop_user.hpp"

#include <grp.h>
#include <linux/capability.h>
#include <pwd.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace dse::sandbox {

namespace {

Error failure(const std::string& what) { return Error{what + ": " + std::strerror(errno)}; }

}  // namespace

Expected<UserIds> look_up_user(const std::string& name) {
  passwd entry{};
  passwd* found = nullptr;
  std::vector<char> buffer(16 * 1024);
  const int error = ::getpwnam_r(name.c_str(), &entry, buffer.data(), buffer.size(), &found);
  if (error != 0) return Error{"cannot look up user " + name + ": " + std::strerror(error)};
  if (found == nullptr) return Error{"no such user: " + name};
  return UserIds{entry.pw_uid, entry.pw_gid};
}

Expected<bool> become(const UserIds& ids, bool keep_read_search) {
  if (keep_read_search && ::prctl(PR_SET_KEEPCAPS, 1, 0, 0, 0) != 0) return failure("prctl(PR_SET_KEEPCAPS)");
  if (::setgroups(0, nullptr) != 0) return failure("setgroups");
  if (::setresgid(ids.gid, ids.gid, ids.gid) != 0) return failure("setresgid");
  if (::setresuid(ids.uid, ids.uid, ids.uid) != 0) return failure("setresuid");
  if (!keep_read_search) return true;
  // Every other capability goes; this one stays permitted and effective.
  __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
  __user_cap_data_struct data[2]{};
  data[0].effective = data[0].permitted = 1U << CAP_DAC_READ_SEARCH;
  if (::syscall(SYS_capset, &header, data) != 0) return failure("capset");
  ::prctl(PR_SET_KEEPCAPS, 0, 0, 0, 0);
  return true;
}

}  // namespace dse::sandbox
