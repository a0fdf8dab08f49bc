#include "sandbox/syscall_filter.hpp"

#include <sched.h>
#include <seccomp.h>
#include <signal.h>
#include <ucontext.h>

#include <array>
#include <atomic>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <string>

namespace dse::sandbox {

namespace {

constexpr std::string_view refused[] = {
    // Reaching anything new: Docker's socket above all.
    "socket", "socketpair", "connect", "bind",
    // Becoming another program, or starting one.
    "execve", "execveat", "fork", "vfork",
    // Reading or steering other processes.
    "ptrace", "process_vm_readv", "process_vm_writev", "process_madvise", "pidfd_getfd", "kcmp",
    // The kernel's larger surfaces.
    "bpf", "perf_event_open", "userfaultfd", "io_uring_setup", "io_uring_enter", "io_uring_register", "keyctl",
    "add_key", "request_key", "open_by_handle_at", "name_to_handle_at", "mount", "umount2", "pivot_root", "chroot",
    "setns", "unshare", "init_module", "finit_module", "delete_module", "kexec_load", "kexec_file_load", "reboot",
    "swapon", "swapoff", "acct", "quotactl", "iopl", "ioperm", "mknod", "mknodat", "memfd_create", "fsopen", "fsmount",
    "fspick", "move_mount", "open_tree"};

constexpr std::size_t counted_syscalls = 1024;
std::array<std::atomic<std::uint64_t>, counted_syscalls> refused_counts{};

// The call is not made; it returns -EPERM, as SCMP_ACT_ERRNO would, and is counted.
void on_refused(int, siginfo_t* info, void* context) {
  const int number = info->si_syscall;
  if (number >= 0 && static_cast<std::size_t>(number) < counted_syscalls) {
    refused_counts[static_cast<std::size_t>(number)].fetch_add(1, std::memory_order_relaxed);
  }
  auto* registers = static_cast<ucontext_t*>(context);
#if defined(__x86_64__)
  registers->uc_mcontext.gregs[REG_RAX] = -EPERM;
#elif defined(__aarch64__)
  registers->uc_mcontext.regs[0] = static_cast<unsigned long long>(-EPERM);
#else
#error "the web side's SIGSYS handler knows x86-64 and arm64"
#endif
}

struct Context {
  scmp_filter_ctx ctx = seccomp_init(SCMP_ACT_ALLOW);
  ~Context() { seccomp_release(ctx); }
};

Error failure(const std::string& what, int code) { return Error{what + ": " + std::strerror(-code)}; }

}  // namespace

std::vector<std::string_view> refused_syscall_names() {
  std::vector<std::string_view> names;
  for (const auto name : refused) {
    if (seccomp_syscall_resolve_name(std::string(name).c_str()) != __NR_SCMP_ERROR) names.push_back(name);
  }
  return names;
}

Expected<bool> install_web_side_filter() {
  struct sigaction action {};
  action.sa_sigaction = on_refused;
  action.sa_flags = SA_SIGINFO | SA_RESTART;
  sigemptyset(&action.sa_mask);
  if (::sigaction(SIGSYS, &action, nullptr) != 0)
    return Error{std::string("sigaction(SIGSYS): ") + std::strerror(errno)};
  Context context;
  if (context.ctx == nullptr) return Error{"seccomp_init failed"};
  for (const auto name : refused_syscall_names()) {
    const int number = seccomp_syscall_resolve_name(std::string(name).c_str());
    if (const int rc = seccomp_rule_add(context.ctx, SCMP_ACT_TRAP, number, 0); rc != 0) {
      return failure("seccomp_rule_add " + std::string(name), rc);
    }
  }
  // Threads (bcrypt's worker) yes, processes no. clone3 passes its flags in memory, where a filter cannot look:
  // ENOSYS makes glibc fall back to clone, as systemd and Chromium do.
  if (const int rc = seccomp_rule_add(context.ctx, SCMP_ACT_TRAP, SCMP_SYS(clone), 1,
                                      SCMP_A0(SCMP_CMP_MASKED_EQ, CLONE_THREAD, 0));
      rc != 0) {
    return failure("seccomp_rule_add clone", rc);
  }
  if (const int rc = seccomp_rule_add(context.ctx, SCMP_ACT_ERRNO(ENOSYS), SCMP_SYS(clone3), 0); rc != 0) {
    return failure("seccomp_rule_add clone3", rc);
  }
  if (const int rc = seccomp_load(context.ctx); rc != 0) return failure("seccomp_load", rc);
  return true;
}

std::string syscall_name(std::uint32_t number) {
  char* name = seccomp_syscall_resolve_num_arch(SCMP_ARCH_NATIVE, static_cast<int>(number));
  if (name == nullptr) return "unknown_" + std::to_string(number);
  std::string result(name);
  std::free(name);
  return result;
}

std::vector<std::pair<std::uint32_t, std::uint64_t>> refused_calls() {
  std::vector<std::pair<std::uint32_t, std::uint64_t>> calls;
  for (std::size_t number = 0; number < counted_syscalls; ++number) {
    if (const auto count = refused_counts[number].load(std::memory_order_relaxed)) {
      calls.emplace_back(static_cast<std::uint32_t>(number), count);
    }
  }
  return calls;
}

}  // namespace dse::sandbox
