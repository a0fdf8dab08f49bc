#include "monitor/audit_collector.hpp"

#include <linux/audit.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <cerrno>
#include <cstring>
#include <vector>

#include "util/read_file.hpp"
#include "util/log.hpp"

namespace dse::monitor {

namespace asio = boost::asio;

namespace {

// A pid's container is read again after this long: pids are reused, though rarely this fast.
constexpr auto pid_memory = std::chrono::seconds(2);
constexpr std::size_t max_remembered_pids = 8192;
// Bursts of records wait here while the loop does other work: 8 MiB holds ~40,000 of them.
constexpr int receive_buffer_bytes = 8 * 1024 * 1024;
constexpr auto retry_delay = std::chrono::seconds(30);
constexpr auto serial_tick = std::chrono::seconds(1);

int open_audit_socket(std::string& why) {
  const int fd = ::socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, NETLINK_AUDIT);
  if (fd < 0) {
    why = std::string("socket(AF_NETLINK, NETLINK_AUDIT): ") + std::strerror(errno);
    return -1;
  }
  sockaddr_nl address{};
  address.nl_family = AF_NETLINK;
  address.nl_groups = AUDIT_NLGRP_READLOG;  // read-only: nothing is asked of the audit daemon's socket
  if (::bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    why = std::string("joining the audit multicast group (needs CAP_AUDIT_READ, initial pid namespace): ") +
          std::strerror(errno);
    ::close(fd);
    return -1;
  }
  // As root beyond rmem_max; otherwise as much as rmem_max allows.
  if (::setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &receive_buffer_bytes, sizeof receive_buffer_bytes) != 0) {
    ::setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &receive_buffer_bytes, sizeof receive_buffer_bytes);
  }
  return fd;
}

}  // namespace

// Once a second: serials still unseen a tick after they were skipped are records lost.
asio::awaitable<void> AuditCollector::tick_serials() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (true) {
    timer.expires_after(serial_tick);
    co_await timer.async_wait(asio::use_awaitable);
    m_state.syscalls.add_lost(m_serials.tick());
  }
}

asio::awaitable<void> AuditCollector::run() {
  auto executor = co_await asio::this_coro::executor;
  m_state.syscalls.enabled = true;
  asio::co_spawn(executor, tick_serials(), asio::detached);
  std::vector<char> buffer(64 * 1024);
  while (true) {
    std::string why;
    const int fd = open_audit_socket(why);
    if (fd < 0) {
      log::error("seccomp audit collector cannot subscribe", {{"err", why}, {"retry_in_s", retry_delay.count()}});
      asio::steady_timer timer(executor, retry_delay);
      co_await timer.async_wait(asio::use_awaitable);
      continue;
    }
    asio::posix::stream_descriptor socket(executor, fd);
    m_state.syscalls.subscribed = true;
    m_serials.restart();
    int buffer_bytes = 0;
    socklen_t size = sizeof buffer_bytes;
    ::getsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buffer_bytes, &size);
    log::info("seccomp audit collector subscribed to the kernel's audit records",
              {{"receive_buffer_kib", buffer_bytes / 1024}});
    while (socket.is_open()) {
      co_await socket.async_wait(asio::posix::stream_descriptor::wait_read, asio::use_awaitable);
      while (true) {  // everything queued, then back to the loop
        const auto got = ::recv(fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
        if (got >= 0) {
          on_datagram(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
          continue;
        }
        if (errno == EINTR) continue;
        if (errno == EAGAIN || errno == EWOULDBLOCK) break;
        if (errno == ENOBUFS) {  // the kernel dropped what did not fit: counted (the records by their serials)
          ++m_state.syscalls.overflows;
          continue;
        }
        log::error("seccomp audit collector: recv failed; subscribing again", {{"err", std::strerror(errno)}});
        socket.close();
        break;
      }
    }
    m_state.syscalls.subscribed = false;
  }
}

void AuditCollector::on_datagram(std::string_view datagram) {
  const auto counts = kernel::decode_audit_datagram(
      datagram, [this](const kernel::SeccompRecord& record) { on_record(record); },
      [this](std::uint64_t serial) { m_state.syscalls.add_lost(m_serials.saw(serial)); });
  m_state.syscalls.malformed += counts.malformed;
}

void AuditCollector::on_record(const kernel::SeccompRecord& record) {
  const auto container = container_of(record.pid);
  if (!container) {
    ++m_state.syscalls.unattributed;
    return;
  }
  m_state.syscalls.record(*container, kernel::to_string(record.action), m_names.name(record.arch, record.syscall));
}

std::optional<std::string> AuditCollector::container_of(long long pid) {
  const auto now = std::chrono::steady_clock::now();
  auto found = m_pids.find(pid);
  if (found == m_pids.end() || now - found->second.read_at > pid_memory) {
    if (m_pids.size() >= max_remembered_pids) m_pids.clear();
    const auto cgroup = read_file(m_proc_path + "/" + std::to_string(pid) + "/cgroup");
    auto id = cgroup ? kernel::container_id_in_cgroup(*cgroup) : std::nullopt;
    found = m_pids.insert_or_assign(pid, Known{std::move(id), now}).first;
  }
  const auto& id = found->second.container_id;
  if (!id || !m_state.containers.records().contains(*id)) return std::nullopt;
  return id;
}

}  // namespace dse::monitor
