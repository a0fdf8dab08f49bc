#pragma once
// The container's capability bounding set as dockerd computes it (moby oci/caps TweakCapabilities and
// DefaultCapabilities, 20.10): the seccomp profile's includes/excludes "caps" are evaluated against it.
#include <set>
#include <string>
#include <vector>

namespace dse::compliance {

// Docker's default set, plus CapAdd, minus CapDrop ("ALL" in either, names with or without "CAP_" and in
// any case, as NormalizeLegacyCapabilities takes them); every capability when privileged. Unknown names,
// which dockerd refuses at create, are ignored.
std::set<std::string> container_capabilities(const std::vector<std::string>& cap_add,
                                             const std::vector<std::string>& cap_drop, bool privileged);

}  // namespace dse::compliance
