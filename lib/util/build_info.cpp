#include "util/build_info.hpp"

namespace dse {

// DSE_REVISION, DSE_COMPILER and DSE_DEFAULT_PROFILE are defined for this file alone (lib/CMakeLists.txt):
// a new commit recompiles one small file.
BuildInfo current_build() {
  BuildInfo build(DSE_VERSION, DSE_REVISION, DSE_COMPILER);
  build.default_profile = DSE_DEFAULT_PROFILE;
  return build;
}

std::string version_text() {
  const auto build = current_build();
  return "docker-seccomp-exporter, version " + std::string(build.version) +
         " (revision: " + std::string(build.revision) + ")\n  compiler:         " + std::string(build.compiler) +
         "\n  platform:         linux/" DSE_PROCESSOR "\n  default profile:  " + std::string(build.default_profile) +
         " (moby/profiles default.json)\n";
}

}  // namespace dse
