#pragma once
// The container's capability bounding set as dockerd computes it (moby oci/caps TweakCapabilities and
// DefaultCapabilities, 20.10), or Podman: the seccomp profile's includes/excludes "caps" are evaluated
// against it.
#include <set>
#include <string>
#include <vector>

namespace dse::compliance {

// Whose default set CapAdd and CapDrop are relative to: Docker's 14, or Podman's 11 (containers/common
// pkg/config/default.go DefaultCapabilities: no MKNOD, NET_RAW or AUDIT_WRITE; Podman 5.8's compat inspect
// reports CapAdd and CapDrop against it, seen live with the bounding set in /proc/<pid>/status).
enum class DefaultCapabilities { docker, podman };

// The default set, plus CapAdd, minus CapDrop ("ALL" in either, names with or without "CAP_" and in
// any case, as NormalizeLegacyCapabilities takes them); every capability when privileged. Unknown names,
// which dockerd refuses at create, are ignored.
std::set<std::string> container_capabilities(const std::vector<std::string>& cap_add,
                                             const std::vector<std::string>& cap_drop, bool privileged,
                                             DefaultCapabilities defaults = DefaultCapabilities::docker);

}  // namespace dse::compliance
