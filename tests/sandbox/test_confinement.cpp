// Each check confines a forked child, never the test process itself: confinement cannot be undone.
#include <catch2/catch.hpp>

#include <fcntl.h>
#include <linux/landlock.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>

#include "sandbox/landlock.hpp"
#include "sandbox/syscall_filter.hpp"

namespace {

// The child's exit code: what body returns (0 to 125), or 126 when it threw or failed to set up.
int in_child(const std::function<int()>& body) {
  const pid_t pid = ::fork();
  REQUIRE(pid >= 0);
  if (pid == 0) {
    int code = 126;
    try {
      code = body();
    } catch (...) {
    }
    ::_exit(code);
  }
  int status = 0;
  REQUIRE(::waitpid(pid, &status, 0) == pid);
  REQUIRE(WIFEXITED(status));
  return WEXITSTATUS(status);
}

bool readable(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return false;
  ::close(fd);
  return true;
}

// The kernel's own answer, asked directly: the ABI version, or 0 where Landlock is absent or a syscall filter
// refuses it (Docker's default profile, nspawn's).
long landlock_abi() {
  const long abi = ::syscall(SYS_landlock_create_ruleset, nullptr, 0, LANDLOCK_CREATE_RULESET_VERSION);
  return abi < 0 ? 0 : abi;
}

}  // namespace

TEST_CASE("restrict_reads_to leaves only the given directories readable, and nothing writable") {
  const auto directory = std::filesystem::temp_directory_path() / ("dse-landlock-" + std::to_string(::getpid()));
  std::filesystem::create_directories(directory);
  std::ofstream(directory / "cert.pem") << "x";
  const auto cert = (directory / "cert.pem").string();
  REQUIRE(readable("/etc/passwd"));
  const long abi = landlock_abi();
  const int code = in_child([&] {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) return 120;
    const auto result = dse::sandbox::restrict_reads_to({directory.string()});
    if (!result) return 121;
    // Without Landlock it degrades (the caller warns), and nothing is restricted.
    if (abi == 0)
      return result->outcome == dse::sandbox::LandlockOutcome::unsupported && readable("/etc/passwd") ? 0 : 122;
    if (result->outcome != dse::sandbox::LandlockOutcome::applied || result->abi != abi) return 123;
    if (!readable(cert)) return 1;
    if (readable("/etc/passwd")) return 2;
    if (::open((directory / "new").c_str(), O_WRONLY | O_CREAT | O_CLOEXEC, 0600) >= 0) return 3;
    return 0;
  });
  std::filesystem::remove_all(directory);
  CHECK(code == 0);
}

TEST_CASE("restrict_reads_to fails for a directory that does not exist") {
  CHECK(in_child([] {
          ::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0);
          const auto result = dse::sandbox::restrict_reads_to({"/nonexistent/dse"});
          return !result && result.error().starts_with("open /nonexistent/dse") ? 0 : 1;
        }) == 0);
}

TEST_CASE("the web side's filter refuses socket, connect and execve with EPERM, counts them, and allows the rest") {
  const int code = in_child([] {
    if (!dse::sandbox::install_web_side_filter()) return 121;
    if (::socket(AF_UNIX, SOCK_STREAM, 0) != -1 || errno != EPERM) return 1;
    if (::connect(-1, nullptr, 0) != -1 || errno != EPERM) return 2;  // EBADF without the filter
    char* const argv[] = {const_cast<char*>("/bin/true"), nullptr};
    if (::execve("/bin/true", argv, nullptr) != -1 || errno != EPERM) return 3;
    if (::getpid() <= 0 || !readable("/etc/passwd")) return 4;  // what it does not refuse
    const auto calls = dse::sandbox::refused_calls();
    if (calls.size() != 3) return 5;
    for (const auto& [number, count] : calls) {
      const auto name = dse::sandbox::syscall_name(number);
      if (count != 1 || (name != "socket" && name != "connect" && name != "execve")) return 6;
    }
    return 0;
  });
  CHECK(code == 0);
}

TEST_CASE("refused_syscall_names holds the calls an escape needs") {
  const auto names = dse::sandbox::refused_syscall_names();
  for (const auto* name : {"socket", "connect", "execve", "execveat", "ptrace", "fork", "bpf", "setns"}) {
    CHECK(std::find(names.begin(), names.end(), name) != names.end());
  }
#if defined(__x86_64__)
  CHECK(dse::sandbox::syscall_name(59) == "execve");
#endif
  CHECK(dse::sandbox::syscall_name(1023) == "unknown_1023");
}
