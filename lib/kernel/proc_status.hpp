#pragma once
// The kernel's word on a process's seccomp state: /proc/<pid>/status ("Seccomp:", "Seccomp_filters:").
#include <optional>
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace dse::kernel {

enum class SeccompMode { disabled, strict, filter, unknown };

std::string_view to_string(SeccompMode mode);

struct ProcSeccomp {
  SeccompMode mode = SeccompMode::unknown;
  std::optional<int> filters;  // Seccomp_filters:, Linux >= 5.9
};

// Fails when the text has no usable Seccomp: line (kernel without CONFIG_SECCOMP, or not a status file).
Expected<ProcSeccomp> parse_proc_status(std::string_view status);

// The real uid of a /proc/<pid>/status ("Uid:" real effective saved filesystem); nullopt without one.
std::optional<unsigned long> real_uid(std::string_view status);

// True if /proc/<pid>/cgroup places the process in this container's cgroup: the pid is really the
// container's (not a recycled pid, not a process of another pid namespace).
bool cgroup_belongs_to(std::string_view cgroup, std::string_view container_id);

// The container a process belongs to, by the last 64-hex run in its /proc/<pid>/cgroup (docker-<id>.scope,
// /docker/<id>, libpod-<id>.scope); nullopt for a process of no container.
std::optional<std::string> container_id_in_cgroup(std::string_view cgroup);

}  // namespace dse::kernel
