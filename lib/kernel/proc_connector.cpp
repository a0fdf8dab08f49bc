#include "kernel/proc_connector.hpp"

#include <linux/cn_proc.h>
#include <linux/connector.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstddef>
#include <cstring>

namespace dse::kernel {

namespace {

// Copies a struct out of the datagram (which has no alignment promise); false when it does not fit.
template <typename T>
bool read_at(std::string_view bytes, std::size_t offset, T& out) {
  if (offset > bytes.size() || bytes.size() - offset < sizeof(T)) return false;
  std::memcpy(&out, bytes.data() + offset, sizeof(T));
  return true;
}

// One connector message's payload (after its cn_msg header); false when it is not a process event.
bool decode_event(std::string_view payload, const std::function<void(const ProcEvent&)>& on_event) {
  proc_event event{};
  // The event's header (what, cpu, timestamp) and the largest member used below must be there.
  constexpr auto header = offsetof(proc_event, event_data);
  if (payload.size() < header) return false;
  std::memcpy(&event, payload.data(), std::min(payload.size(), sizeof event));
  const auto data_size = payload.size() - header;
  switch (event.what) {
    case proc_event::PROC_EVENT_FORK:
      if (data_size < sizeof event.event_data.fork) return false;
      on_event({ProcEvent::Kind::fork, event.event_data.fork.parent_tgid, event.event_data.fork.child_pid,
                event.event_data.fork.child_tgid});
      return true;
    case proc_event::PROC_EVENT_EXEC:
      if (data_size < sizeof event.event_data.exec) return false;
      on_event({ProcEvent::Kind::exec, 0, event.event_data.exec.process_pid, event.event_data.exec.process_tgid});
      return true;
    case proc_event::PROC_EVENT_EXIT:
      // Only the pid and tgid are read: older kernels send a shorter exit event (no parent fields).
      if (data_size < 2 * sizeof(__kernel_pid_t)) return false;
      on_event({ProcEvent::Kind::exit, 0, event.event_data.exit.process_pid, event.event_data.exit.process_tgid});
      return true;
    default: return true;  // an event this collector does not need (uid, gid, sid, comm, ptrace, coredump, ack)
  }
}

}  // namespace

std::size_t decode_proc_connector_datagram(std::string_view datagram,
                                           const std::function<void(const ProcEvent&)>& on_event) {
  std::size_t malformed = 0;
  std::size_t offset = 0;
  while (datagram.size() - offset >= sizeof(nlmsghdr)) {
    nlmsghdr header{};
    read_at(datagram, offset, header);
    if (header.nlmsg_len < sizeof header || header.nlmsg_len > datagram.size() - offset) {
      ++malformed;  // a length that lies: the rest of the datagram cannot be framed
      return malformed;
    }
    const auto message = datagram.substr(offset + sizeof header, header.nlmsg_len - sizeof header);
    cn_msg connector{};
    if (!read_at(message, 0, connector) || connector.id.idx != CN_IDX_PROC || connector.id.val != CN_VAL_PROC ||
        connector.len > message.size() - sizeof connector ||
        !decode_event(message.substr(sizeof connector, connector.len), on_event)) {
      ++malformed;
    }
    offset += NLMSG_ALIGN(header.nlmsg_len);
    if (offset > datagram.size()) break;
  }
  if (offset < datagram.size()) ++malformed;  // trailing bytes too short for a header
  return malformed;
}

int open_proc_connector(std::string& why) {
  const int fd = ::socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_CONNECTOR);
  if (fd < 0) {
    why = std::string("socket(AF_NETLINK, NETLINK_CONNECTOR): ") + std::strerror(errno);
    return -1;
  }
  sockaddr_nl address{};
  address.nl_family = AF_NETLINK;
  address.nl_groups = CN_IDX_PROC;
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    why = std::string("joining the proc connector group (needs CAP_NET_ADMIN): ") + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  // nlmsghdr, cn_msg, then the operation (cn_msg ends in a flexible array: the bytes are laid out by hand).
  std::array<char, sizeof(nlmsghdr) + sizeof(cn_msg) + sizeof(proc_cn_mcast_op)> listen{};
  nlmsghdr header{};
  header.nlmsg_len = listen.size();
  header.nlmsg_type = NLMSG_DONE;
  header.nlmsg_pid = static_cast<__u32>(::getpid());
  cn_msg connector{};
  connector.id = {CN_IDX_PROC, CN_VAL_PROC};
  connector.len = sizeof(proc_cn_mcast_op);
  const proc_cn_mcast_op op = PROC_CN_MCAST_LISTEN;
  std::memcpy(listen.data(), &header, sizeof header);
  std::memcpy(listen.data() + sizeof header, &connector, sizeof connector);
  std::memcpy(listen.data() + sizeof header + sizeof connector, &op, sizeof op);
  if (::send(fd, listen.data(), listen.size(), 0) != static_cast<ssize_t>(listen.size())) {
    why = std::string("PROC_CN_MCAST_LISTEN: ") + std::strerror(errno);
    ::close(fd);
    return -1;
  }
  // Bursts of forks wait here while the loop does other work (as root beyond rmem_max).
  constexpr int receive_buffer_bytes = 4 * 1024 * 1024;
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &receive_buffer_bytes, sizeof receive_buffer_bytes) != 0) {
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof receive_buffer_bytes);
  }
  return fd;
}

}  // namespace dse::kernel
