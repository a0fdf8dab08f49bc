#pragma once
// systemd's socket activation (sd_listen_fds(3)): the listening sockets a .socket unit passes to the
// service, as file descriptors from 3 on. Read directly rather than through libsystemd, as sd_notify is.
#include <vector>

#include "util/environment.hpp"
#include "util/expected.hpp"

namespace dse::service {

// The passed descriptors, when LISTEN_PID names this process and LISTEN_FDS counts at least one; else an
// error saying why none were passed (the usual cause: the service was started without its .socket unit).
Expected<std::vector<int>> listen_fds(const Environment& env, long own_pid);

}  // namespace dse::service
