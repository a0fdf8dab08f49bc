#pragma once
// What the engine installs for a profile in one container: moby's setupSeccomp (profiles/seccomp/
// seccomp_linux.go, 20.10; vendor/github.com/moby/profiles/seccomp/seccomp_linux.go, 28.5) evaluating each rule's
// includes/excludes against the container's capabilities, the engine's architecture and kernel, then runc's
// SetupSeccomp (libcontainer/specconv) and its action names (libcontainer/seccomp ConvertStringToAction).
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "compliance/oci_runtime.hpp"
#include "compliance/seccomp_profile.hpp"
#include "util/expected.hpp"

namespace dse::compliance {

struct EngineContext {
  std::string arch = "amd64";           // libseccomp's name for the engine's GOARCH (moby goToNative)
  std::optional<KernelVersion> kernel;  // the engine host's; unknown: taken as new enough for every rule
  std::set<std::string> capabilities;   // the container's bounding set, "CAP_..."
  // The engine's loader (seccomp_profile.hpp): moby/profiles refuses a rule with both 'name' and 'names'
  // before its includes/excludes are looked at; 20.10 refused it only in a rule that applies.
  MobyLoader loader = MobyLoader::v20_10;
  OciRuntime runtime = OciRuntime::unknown;  // whose start-time checks follow the loader's
  // The default profile "risky" is measured against, set up for the same container: the engine's own
  // (Podman's file); empty for Docker's default, compiled in.
  std::string baseline{};
  auto operator<=>(const EngineContext&) const = default;  // a key of the analyses kept
};

// nullopt: no filter at all (no default action and no rule that applies, moby's and runc's "assume seccomp
// disabled"). An error: the engine refuses to start the container with this profile.
Expected<std::optional<InstalledFilter>> setup_seccomp(const SeccompProfile& profile, const EngineContext& context);

// The engine's architecture as /info reports it (uname -m: x86_64, aarch64, ...) in moby's native names.
std::string engine_arch(const std::string& uname_machine);
// /info KernelVersion ("6.1.0-28-amd64"), read as moby's parseRelease reads uname -r.
std::optional<KernelVersion> engine_kernel(const std::string& release);

}  // namespace dse::compliance
