#pragma once
// What this binary is: *_build_info{version,revision,compiler,default_profile} and --version, as Prometheus
// exporters say it.
#include <string>
#include <string_view>

namespace dse {

struct BuildInfo {
  BuildInfo(const char* version) : version(version) {}  // tests and benchmarks: a version alone
  BuildInfo(std::string_view version, std::string_view revision, std::string_view compiler)
      : version(version), revision(revision), compiler(compiler) {}
  std::string_view version;
  std::string_view revision = "unknown";  // the git commit it was built from
  std::string_view compiler = "unknown";  // e.g. "GNU 12.2.0"
  // The Docker default profile compiled in, the baseline of "risky" (lib/compliance/default_profile_release.txt).
  std::string_view default_profile = "unknown";  // e.g. "docker.io 28.5.2+dfsg4-5"
};

// This build's.
BuildInfo current_build();
// --version: "docker-seccomp-exporter, version 0.1.0 (revision: 3abb042f1c2d)" and a line per detail.
std::string version_text();

}  // namespace dse
