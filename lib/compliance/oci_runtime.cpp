#include "compliance/oci_runtime.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>

namespace dse::compliance {

namespace {

template <std::size_t N>
bool one_of(std::string_view value, const std::array<std::string_view, N>& known) {
  return std::find(known.begin(), known.end(), value) != known.end();
}

// runc and crun know the same actions (runc libcontainer/seccomp/config.go actions; crun
// src/libcrun/seccomp.c get_seccomp_action): any other fails the container's start.
bool known_action(std::string_view action) {
  return one_of(action, std::array<std::string_view, 9>{
                            "SCMP_ACT_KILL", "SCMP_ACT_KILL_PROCESS", "SCMP_ACT_KILL_THREAD", "SCMP_ACT_ERRNO",
                            "SCMP_ACT_TRAP", "SCMP_ACT_ALLOW", "SCMP_ACT_TRACE", "SCMP_ACT_LOG", "SCMP_ACT_NOTIFY"});
}

// runc libcontainer/seccomp/config.go archs (1.1.5: no RISCV64; 1.3.6: with it), ConvertStringToArch.
bool runc_knows_arch(std::string_view arch, bool riscv64) {
  constexpr std::array<std::string_view, 16> archs = {
      "SCMP_ARCH_X86",     "SCMP_ARCH_X86_64",   "SCMP_ARCH_X32",         "SCMP_ARCH_ARM",
      "SCMP_ARCH_AARCH64", "SCMP_ARCH_MIPS",     "SCMP_ARCH_MIPS64",      "SCMP_ARCH_MIPS64N32",
      "SCMP_ARCH_MIPSEL",  "SCMP_ARCH_MIPSEL64", "SCMP_ARCH_MIPSEL64N32", "SCMP_ARCH_PPC",
      "SCMP_ARCH_PPC64",   "SCMP_ARCH_PPC64LE",  "SCMP_ARCH_S390",        "SCMP_ARCH_S390X"};
  return one_of(arch, archs) || (riscv64 && arch == "SCMP_ARCH_RISCV64");
}

// crun 1.21 src/libcrun/seccomp.c: "SCMP_ARCH_" dropped, lowercased, then libseccomp 2.6's
// seccomp_arch_resolve_name (src/arch.c), which knows these.
bool crun_knows_arch(std::string_view arch) {
  if (arch.starts_with("SCMP_ARCH_")) arch.remove_prefix(10);
  std::string lower(arch.substr(0, 31));
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  constexpr std::array<std::string_view, 23> names = {
      "x86",    "x86_64",  "x32",      "arm",       "aarch64",     "loongarch64", "m68k",     "mips",
      "mipsel", "mips64",  "mipsel64", "mips64n32", "mipsel64n32", "parisc",      "parisc64", "ppc",
      "ppc64",  "ppc64le", "s390",     "s390x",     "riscv64",     "sh",          "sheb"};
  return one_of(std::string_view(lower), names);
}

std::optional<std::string> runc_refusal(const InstalledFilter& filter, bool v1_1) {
  // libcontainer/specconv/spec_linux.go SetupSeccomp, in its order: flags, architectures, actions.
  if (v1_1 && !filter.flags.empty()) return "seccomp flags are not yet supported by runc";
  for (const auto& flag : filter.flags) {
    if (!one_of(std::string_view(flag),
                std::array<std::string_view, 3>{"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
                                                "SECCOMP_FILTER_FLAG_LOG"})) {
      return "seccomp flag " + flag + " is not known to runc";
    }
  }
  for (const auto& arch : filter.architectures) {
    if (!runc_knows_arch(arch, !v1_1)) return "string " + arch + " is not a valid arch for seccomp";
  }
  // libcontainer/seccomp/seccomp_linux.go InitSeccomp: notify is for rules, never write's; then the parent
  // (process_linux.go) needs a listener to hand the notify fd to.
  if (filter.default_action == "SCMP_ACT_NOTIFY") return "SCMP_ACT_NOTIFY cannot be used as default action";
  bool notify = false;
  for (const auto& rule : filter.rules) {
    if (rule.action != "SCMP_ACT_NOTIFY") continue;
    notify = true;
    if (std::find(rule.names.begin(), rule.names.end(), "write") != rule.names.end()) {
      return "SCMP_ACT_NOTIFY cannot be used for the write syscall";
    }
  }
  if (notify && filter.listener_path.empty()) return std::string(v1_1 ? "" : "seccomp ") + "listenerPath is not set";
  return std::nullopt;
}

std::optional<std::string> crun_refusal(const InstalledFilter& filter) {
  // crun 1.21 src/libcrun/seccomp.c: libcrun_apply_seccomp's flags, libcrun_generate_seccomp's errno and
  // architecture checks. Without a listener a notify rule is installed (its calls fail with ENOSYS).
  for (const auto& flag : filter.flags) {
    if (!one_of(std::string_view(flag),
                std::array<std::string_view, 4>{"SECCOMP_FILTER_FLAG_TSYNC", "SECCOMP_FILTER_FLAG_SPEC_ALLOW",
                                                "SECCOMP_FILTER_FLAG_LOG", "SECCOMP_FILTER_FLAG_WAIT_KILLABLE_RECV"})) {
      return "unknown seccomp option `" + flag + "`";
    }
  }
  const auto returns_errno = [](std::string_view action) {
    return action == "SCMP_ACT_ERRNO" || action == "SCMP_ACT_TRACE";
  };
  if (filter.default_errno_ret && !returns_errno(filter.default_action)) {
    return "errno value specified for action `" + filter.default_action + "`";
  }
  for (const auto& arch : filter.architectures) {
    if (!crun_knows_arch(arch)) return "seccomp unknown architecture `" + arch + "`";
  }
  for (const auto& rule : filter.rules) {
    if (rule.errno_ret && !returns_errno(rule.action)) return "errno value specified for action `" + rule.action + "`";
  }
  return std::nullopt;
}

}  // namespace

OciRuntime oci_runtime(std::string_view name, std::string_view version) {
  if (const auto slash = name.rfind('/'); slash != std::string_view::npos) name.remove_prefix(slash + 1);
  if (name == "crun") return OciRuntime::crun;
  if (name != "runc") return OciRuntime::unknown;
  if (version.starts_with('v')) version.remove_prefix(1);
  int major = 0;
  int minor = 0;
  const char* end = version.data() + version.size();
  const auto [dot, ec] = std::from_chars(version.data(), end, major);
  if (ec != std::errc{} || dot == end || *dot != '.') return OciRuntime::unknown;
  if (std::from_chars(dot + 1, end, minor).ec != std::errc{}) return OciRuntime::unknown;
  return major == 1 && minor < 2 ? OciRuntime::runc_1_1 : OciRuntime::runc;
}

std::string runtime_label(OciRuntime runtime) {
  switch (runtime) {
    case OciRuntime::runc_1_1: return "runc < 1.2";
    case OciRuntime::runc: return "runc >= 1.2";
    case OciRuntime::crun: return "crun";
    case OciRuntime::unknown: break;
  }
  return "the runtime (the engine does not name it: runc's and crun's checks both apply)";
}

std::optional<std::string> runtime_refusal(const InstalledFilter& filter, OciRuntime runtime) {
  if (!known_action(filter.default_action)) return "invalid default action \"" + filter.default_action + "\"";
  for (const auto& rule : filter.rules) {
    if (!known_action(rule.action)) return "invalid action \"" + rule.action + "\"";
  }
  switch (runtime) {
    case OciRuntime::runc_1_1: return runc_refusal(filter, true);
    case OciRuntime::runc: return runc_refusal(filter, false);
    case OciRuntime::crun: return crun_refusal(filter);
    case OciRuntime::unknown: break;
  }
  if (auto refusal = runc_refusal(filter, true)) return refusal;
  return crun_refusal(filter);
}

}  // namespace dse::compliance
