#pragma once
// Giving up root: the web side (app/web_process.cpp) becomes an unprivileged user once its listeners are open
// and its files read.
#include <sys/types.h>

#include <string>

#include "util/expected.hpp"

namespace dse::sandbox {

struct UserIds {
  uid_t uid = 0;
  gid_t gid = 0;
};

// Looked up before Landlock hides /etc/passwd.
Expected<UserIds> look_up_user(const std::string& name);

// Only root may: drops every supplementary group, then becomes ids. keep_read_search keeps one capability,
// CAP_DAC_READ_SEARCH, so that a rotated TLS key readable by root alone can still be read; call it only where
// Landlock limits what may be read (the capability then reaches no further than Landlock allows).
Expected<bool> become(const UserIds& ids, bool keep_read_search);

}  // namespace dse::sandbox
