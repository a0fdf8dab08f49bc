#include "monitor/audit_collector.hpp"

#include <linux/audit.h>
#include <linux/capability.h>
#include <linux/netlink.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/posix/stream_descriptor.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <array>
#include <cerrno>
#include <cstring>
#include <vector>

#include "kernel/own_capabilities.hpp"
#include "kernel/proc_connector.hpp"
#include "util/log.hpp"
#include "util/read_file.hpp"

namespace dse::monitor {

namespace asio = boost::asio;

namespace {

// Without process events, what /proc said of a pid is forgotten this often: pids are reused.
constexpr int ticks_of_pid_memory = 2;
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

// Once a second: serials still unseen a tick after they were skipped are records lost; exited processes
// are forgotten.
asio::awaitable<void> AuditCollector::tick() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  for (int ticks = 1;; ++ticks) {
    timer.expires_after(serial_tick);
    co_await timer.async_wait(asio::use_awaitable);
    m_state.syscalls.add_lost(m_serials.tick());
    m_state.syscalls.expire_pending(std::chrono::steady_clock::now());
    if (m_state.syscalls.process_tracking) {
      m_processes.sweep(std::chrono::steady_clock::now());
    } else if (ticks % ticks_of_pid_memory == 0) {
      m_processes = {};
    }
  }
}

asio::awaitable<void> AuditCollector::track_processes() {
  std::string why;
  const int fd = kernel::open_proc_connector(why);
  if (fd < 0) {
    log::warn(
        "seccomp audit collector: no process events; records of processes that exit at once may be "
        "unattributed",
        {{"err", why}});
    co_return;
  }
  // CAP_NET_ADMIN was needed to subscribe (and for the audit socket's buffer, opened first): not kept, for it
  // would let a bug reconfigure the host's network. A socket that fails later is not opened again.
  if (kernel::holds_capability(CAP_NET_ADMIN)) {
    if (std::string drop_why; !kernel::drop_own_capability(CAP_NET_ADMIN, drop_why)) {
      log::warn("seccomp audit collector: could not give up CAP_NET_ADMIN", {{"err", drop_why}});
    }
  }
  asio::posix::stream_descriptor socket(co_await asio::this_coro::executor, fd);
  m_process_events_fd = fd;
  m_processes = {};
  m_state.syscalls.process_tracking = true;
  log::info("seccomp audit collector follows the kernel's process events");
  while (m_process_events_fd >= 0) {
    co_await socket.async_wait(asio::posix::stream_descriptor::wait_read, asio::use_awaitable);
    drain_process_events();
  }
  m_state.syscalls.process_tracking = false;
}

void AuditCollector::drain_process_events() {
  std::array<char, 16 * 1024> buffer;
  while (m_process_events_fd >= 0) {
    const auto got = ::recv(m_process_events_fd, buffer.data(), buffer.size(), MSG_DONTWAIT);
    if (got >= 0) {
      on_process_datagram(std::string_view(buffer.data(), static_cast<std::size_t>(got)));
      continue;
    }
    if (errno == EINTR) continue;
    if (errno == ENOBUFS) {
      ++m_state.syscalls.process_event_overflows;
      continue;
    }
    if (errno != EAGAIN && errno != EWOULDBLOCK) {
      log::error("seccomp audit collector: reading process events failed; following them no longer",
                 {{"err", std::strerror(errno)}});
      m_process_events_fd = -1;
    }
    return;
  }
}

void AuditCollector::on_process_datagram(std::string_view datagram) {
  const auto now = std::chrono::steady_clock::now();
  m_state.syscalls.malformed += kernel::decode_proc_connector_datagram(datagram, [&](const kernel::ProcEvent& event) {
    switch (event.kind) {
      case kernel::ProcEvent::Kind::fork:
        if (event.pid == event.tgid) m_processes.forked(event.parent_tgid, event.tgid);  // not a new thread
        break;
      case kernel::ProcEvent::Kind::exec:
        m_processes.execed(event.tgid, [this](long long pid) { return read_cgroup(pid); });
        break;
      case kernel::ProcEvent::Kind::exit:
        if (event.pid == event.tgid) m_processes.exited(event.tgid, now);
        break;
    }
  });
}

asio::awaitable<void> AuditCollector::run() {
  auto executor = co_await asio::this_coro::executor;
  m_state.syscalls.enabled = true;
  asio::co_spawn(executor, tick(), asio::detached);
  asio::co_spawn(executor, track_processes(), asio::detached);
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
  const auto action = record.action;
  const auto& syscall = m_names.name(record.arch, record.syscall);
  if (m_state.containers.records().contains(*container)) {
    m_state.syscalls.record(*container, action, syscall);
  } else {  // a container being created, or of no engine this exporter watches
    m_state.syscalls.hold(*container, action, syscall, std::chrono::steady_clock::now());
  }
}

std::optional<std::string> AuditCollector::read_cgroup(long long pid) const {
  const auto cgroup = read_file(m_proc_path + "/" + std::to_string(pid) + "/cgroup");
  if (!cgroup) return std::nullopt;
  return kernel::container_id_in_cgroup(*cgroup).value_or("");
}

std::optional<std::string> AuditCollector::container_of(long long pid) {
  if (m_state.syscalls.process_tracking && !m_processes.placed(pid)) drain_process_events();
  return m_processes.container_of(pid, [this](long long tgid) { return read_cgroup(tgid); });
}

}  // namespace dse::monitor
