#include "sandbox/spawn_self.hpp"

#include <fcntl.h>
#include <spawn.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string_view>

#include "util/read_file.hpp"

extern char** environ;

namespace dse::sandbox {

namespace {

Error failure(const std::string& what, int code) { return Error{what + ": " + std::strerror(code)}; }

bool systemd_variable(std::string_view entry) {
  for (const std::string_view name :
       {"NOTIFY_SOCKET=", "LISTEN_FDS=", "LISTEN_PID=", "LISTEN_FDNAMES=", "WATCHDOG_USEC=", "WATCHDOG_PID="}) {
    if (entry.starts_with(name)) return true;
  }
  return false;
}

struct FileActions {
  posix_spawn_file_actions_t actions{};
  FileActions() { posix_spawn_file_actions_init(&actions); }
  ~FileActions() { posix_spawn_file_actions_destroy(&actions); }
};

struct Descriptors {
  std::vector<int> fds;
  ~Descriptors() {
    for (const int fd : fds) ::close(fd);
  }
};

}  // namespace

Expected<Spawned> spawn_self(const std::vector<int>& passed, const std::string& marker, const std::string& value) {
  const auto cmdline = read_file("/proc/self/cmdline");
  if (!cmdline) return Error{"cannot read this process's arguments: " + cmdline.error()};
  std::vector<std::string> arguments;
  for (std::string_view rest = *cmdline; !rest.empty();) {
    const auto end = rest.find('\0');
    arguments.emplace_back(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  std::vector<char*> argv;
  for (auto& argument : arguments) argv.push_back(argument.data());
  argv.push_back(nullptr);
  std::vector<std::string> entries{marker + "=" + value};
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (!systemd_variable(*entry) && !std::string_view(*entry).starts_with(marker + "=")) entries.emplace_back(*entry);
  }
  std::vector<char*> envp;
  for (auto& entry : entries) envp.push_back(entry.data());
  envp.push_back(nullptr);

  int pair[2];
  if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, pair) != 0) return failure("socketpair", errno);
  // A scrape is megabytes: fewer, larger rounds through the kernel (capped at net.core.wmem_max; as a hint).
  const int buffer_bytes = 4 * 1024 * 1024;
  for (const int fd : pair) ::setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buffer_bytes, sizeof buffer_bytes);
  // Moved above every target number first, so that no dup2 below overwrites a source not yet copied.
  Descriptors sources;
  std::vector<int> handed{pair[1]};
  handed.insert(handed.end(), passed.begin(), passed.end());
  for (const int fd : handed) {
    const int high = ::fcntl(fd, F_DUPFD_CLOEXEC, 100);
    if (high < 0) {
      ::close(pair[0]);
      ::close(pair[1]);
      return failure("fcntl(F_DUPFD_CLOEXEC)", errno);
    }
    sources.fds.push_back(high);
  }
  ::close(pair[1]);
  FileActions files;
  for (std::size_t i = 0; i < sources.fds.size(); ++i) {
    posix_spawn_file_actions_adddup2(&files.actions, sources.fds[i], link_descriptor + static_cast<int>(i));
  }
  posix_spawn_file_actions_addclosefrom_np(&files.actions, link_descriptor + static_cast<int>(sources.fds.size()));
  pid_t pid = -1;
  if (const int rc = ::posix_spawn(&pid, "/proc/self/exe", &files.actions, nullptr, argv.data(), envp.data());
      rc != 0) {
    ::close(pair[0]);
    return failure("posix_spawn /proc/self/exe", rc);
  }
  return Spawned{pid, pair[0]};
}

}  // namespace dse::sandbox
