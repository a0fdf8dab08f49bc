#include "util/build_info.hpp"

namespace dse {

// DSE_REVISION and DSE_COMPILER are defined for this file alone (lib/CMakeLists.txt): a new commit
// recompiles one small file.
BuildInfo current_build() { return BuildInfo(DSE_VERSION, DSE_REVISION, DSE_COMPILER); }

std::string version_text() {
  const auto build = current_build();
  return "docker-seccomp-exporter, version " + std::string(build.version) + " (revision: " +
         std::string(build.revision) + ")\n  compiler:         " + std::string(build.compiler) +
         "\n  platform:         linux/" DSE_PROCESSOR "\n";
}

}  // namespace dse
