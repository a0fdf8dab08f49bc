#pragma once
// The OCI runtime's own checks, after the engine's loader has set the profile up: what runc and crun refuse
// when they start a container, each rule from the runtime's source (cited in oci_runtime.cpp) and seen live.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dse::compliance {

// runc before 1.2 refuses every seccomp flag; runc 1.2 and later know three; crun knows four and refuses an
// errno on an action that returns none. unknown: /info does not say, so every runtime's refusals apply (the
// strictest reading), and the reason says so.
enum class OciRuntime { unknown, runc_1_1, runc, crun };

// From /info's default runtime: its name or path ("runc", "/usr/bin/crun") and version ("1.1.5", "1.3.6").
OciRuntime oci_runtime(std::string_view name, std::string_view version);
// "runc 1.1", "runc >= 1.2", "crun", "the runtime (not named by the engine: the strictest reading)".
std::string runtime_label(OciRuntime runtime);

// A profile as the engine hands it to the runtime (runtime-spec LinuxSeccomp), after its includes/excludes.
struct InstalledRule {
  std::vector<std::string> names;
  std::string action;
  bool has_args = false;   // applies to some calls only
  bool errno_ret = false;  // errnoRet given
};

struct InstalledFilter {
  std::string default_action;
  std::vector<InstalledRule> rules;
  bool default_errno_ret = false;
  std::vector<std::string> architectures;  // with the archMap entry of the engine's architecture
  std::vector<std::string> flags;
  std::string listener_path;
};

// The runtime's error when it refuses to start the container, nullopt when it installs the filter.
std::optional<std::string> runtime_refusal(const InstalledFilter& filter, OciRuntime runtime);

}  // namespace dse::compliance
