#include "compliance/capabilities.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <string_view>

namespace dse::compliance {

namespace {

// capabilities(7), CAP_CHOWN (0) to CAP_CHECKPOINT_RESTORE (40).
constexpr std::array<std::string_view, 41> all_capabilities = {
    "CAP_CHOWN",
    "CAP_DAC_OVERRIDE",
    "CAP_DAC_READ_SEARCH",
    "CAP_FOWNER",
    "CAP_FSETID",
    "CAP_KILL",
    "CAP_SETGID",
    "CAP_SETUID",
    "CAP_SETPCAP",
    "CAP_LINUX_IMMUTABLE",
    "CAP_NET_BIND_SERVICE",
    "CAP_NET_BROADCAST",
    "CAP_NET_ADMIN",
    "CAP_NET_RAW",
    "CAP_IPC_LOCK",
    "CAP_IPC_OWNER",
    "CAP_SYS_MODULE",
    "CAP_SYS_RAWIO",
    "CAP_SYS_CHROOT",
    "CAP_SYS_PTRACE",
    "CAP_SYS_PACCT",
    "CAP_SYS_ADMIN",
    "CAP_SYS_BOOT",
    "CAP_SYS_NICE",
    "CAP_SYS_RESOURCE",
    "CAP_SYS_TIME",
    "CAP_SYS_TTY_CONFIG",
    "CAP_MKNOD",
    "CAP_LEASE",
    "CAP_AUDIT_WRITE",
    "CAP_AUDIT_CONTROL",
    "CAP_SETFCAP",
    "CAP_MAC_OVERRIDE",
    "CAP_MAC_ADMIN",
    "CAP_SYSLOG",
    "CAP_WAKE_ALARM",
    "CAP_BLOCK_SUSPEND",
    "CAP_AUDIT_READ",
    "CAP_PERFMON",
    "CAP_BPF",
    "CAP_CHECKPOINT_RESTORE",
};

// moby caps.DefaultCapabilities.
constexpr std::array<std::string_view, 14> docker_default_capabilities = {
    "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FSETID",           "CAP_FOWNER",
    "CAP_MKNOD",   "CAP_NET_RAW",      "CAP_SETGID",           "CAP_SETUID",
    "CAP_SETFCAP", "CAP_SETPCAP",      "CAP_NET_BIND_SERVICE", "CAP_SYS_CHROOT",
    "CAP_KILL",    "CAP_AUDIT_WRITE",
};

// containers/common pkg/config/default.go DefaultCapabilities (containers.conf's default_capabilities).
constexpr std::array<std::string_view, 11> podman_default_capabilities = {
    "CAP_CHOWN",   "CAP_DAC_OVERRIDE", "CAP_FOWNER",  "CAP_FSETID", "CAP_KILL",       "CAP_NET_BIND_SERVICE",
    "CAP_SETFCAP", "CAP_SETGID",       "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT",
};

// NormalizeLegacyCapabilities: upper case, "CAP_" prefixed unless it is "ALL".
std::vector<std::string> normalized(const std::vector<std::string>& names) {
  std::vector<std::string> result;
  for (auto name : names) {
    std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::toupper(c); });
    if (name != "ALL" && !name.starts_with("CAP_")) name = "CAP_" + name;
    result.push_back(std::move(name));
  }
  return result;
}

bool contains(const std::vector<std::string>& list, std::string_view name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

}  // namespace

std::set<std::string> container_capabilities(const std::vector<std::string>& cap_add,
                                             const std::vector<std::string>& cap_drop, bool privileged,
                                             DefaultCapabilities defaults) {
  std::set<std::string> caps;
  if (privileged) return {all_capabilities.begin(), all_capabilities.end()};
  const auto add = normalized(cap_add);
  const auto drop = normalized(cap_drop);
  if (contains(add, "ALL")) {
    for (const auto cap : all_capabilities) {
      if (!contains(drop, cap)) caps.emplace(cap);
    }
  } else if (contains(drop, "ALL")) {
    caps.insert(add.begin(), add.end());
  } else {
    const auto keep = [&](std::string_view cap) {
      if (!contains(drop, cap)) caps.emplace(cap);
    };
    if (defaults == DefaultCapabilities::podman)
      std::for_each(podman_default_capabilities.begin(), podman_default_capabilities.end(), keep);
    else
      std::for_each(docker_default_capabilities.begin(), docker_default_capabilities.end(), keep);
    caps.insert(add.begin(), add.end());
  }
  std::erase_if(caps, [](const std::string& cap) {
    return std::find(all_capabilities.begin(), all_capabilities.end(), cap) == all_capabilities.end();
  });
  return caps;
}

}  // namespace dse::compliance
