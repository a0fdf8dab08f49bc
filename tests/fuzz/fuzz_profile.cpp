// A seccomp profile as a container's SecurityOpt or the daemon's file carries it: decoded as dockerd
// decodes it, set up for a default container and a privileged one, analysed against Docker's default.
// What this corpus grows, test_profile_differential.py (DSE_DIFF_CORPUS) replays against moby's own code.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "compliance/capabilities.hpp"
#include "compliance/profile_analysis.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace dse::compliance;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  for (const bool privileged : {false, true}) {
    const EngineContext context{"amd64", KernelVersion{6, 1}, container_capabilities({}, {}, privileged)};
    const auto analysis = analyse_profile(text, context);
    if (analysis.effect != ProfileAnalysis::Effect::filter && !analysis.risky_allowed.empty()) __builtin_trap();
  }
  return 0;
}
