#pragma once
// The kernel's process events (the proc connector: NETLINK_CONNECTOR, CN_IDX_PROC; linux/cn_proc.h), which
// tell of every fork, exec and exit on the host as it happens. They let the audit collector give a record to
// its container even when the process is gone before its /proc/<pid>/cgroup could be read: a child belongs
// to its parent's container from the moment of its fork. Subscribing needs CAP_NET_ADMIN in the initial user
// and pid namespaces (drivers/connector/cn_proc.c, cn_proc_mcast_ctl).
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>

namespace dse::kernel {

struct ProcEvent {
  enum class Kind { fork, exec, exit } kind = Kind::fork;
  // fork: the parent's process (tgid) and the child's thread and process ids; exec and exit: the thread
  // and its process. A new thread is a fork whose child_pid differs from its child_tgid.
  long long parent_tgid = 0;
  long long pid = 0;
  long long tgid = 0;
};

// Every connector message in one datagram: fork, exec and exit events to on_event; other events (uid, comm,
// ...) skipped; messages that are not process events, or are cut short, counted in the return value.
std::size_t decode_proc_connector_datagram(std::string_view datagram,
                                           const std::function<void(const ProcEvent&)>& on_event);

// The socket, subscribed (PROC_CN_MCAST_LISTEN), non-blocking; -1 with why filled when it cannot be.
int open_proc_connector(std::string& why);

}  // namespace dse::kernel
