// The exporter's side of the profile decoder's differential test (tests/reference/moby_profile.go is the
// other): the same input, one JSON string per line, and the same output, one JSON object per line, from
// decode_profile and setup_seccomp for a container on this host (amd64, this kernel).
//   profile_setup [--engine VERSION|podman] [CAPS]
//     VERSION: the engine's /info ServerVersion (default 20.10.24), whose loader rules apply as the exporter
//     applies them, then Debian 12's runc 1.1.5's; podman: Podman 5.8's /info (containers/common's loader), then
//     crun's checks; CAPS: the bounding capabilities, comma-separated (default: Docker's).
#include <sys/utsname.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "compliance/capabilities.hpp"
#include "compliance/checks.hpp"
#include "compliance/seccomp_setup.hpp"
#include "docker/daemon_info.hpp"

using namespace dse::compliance;

namespace {

nlohmann::json setup(const std::string& body, const EngineContext& context) {
  const auto profile = decode_profile(body, context.loader);
  if (!profile) return {{"effect", "invalid"}, {"error", profile.error()}};
  const auto filter = setup_seccomp(*profile, context);
  if (!filter) return {{"effect", "invalid"}, {"error", filter.error()}};
  if (!*filter) return {{"effect", "no_filter"}};
  nlohmann::json rules = nlohmann::json::array();
  for (const auto& rule : (*filter)->rules) {
    rules.push_back({{"names", rule.names}, {"action", rule.action}, {"args", rule.has_args ? 1 : 0}});
  }
  return {{"effect", "filter"}, {"defaultAction", (*filter)->default_action}, {"rules", rules}};
}

}  // namespace

int main(int argc, char** argv) {
  nlohmann::json info_doc = {{"ServerVersion", "20.10.24"}};
  if (argc > 2 && std::string_view(argv[1]) == "--engine") {
    info_doc["ServerVersion"] = argv[2];
    // Podman's compat /info: BuildahVersion marks it, crun its runtime (as sid's Podman 5.8 answers)
    if (std::string_view(argv[2]) == "podman") {
      info_doc = {{"ServerVersion", "5.8.0"},
                  {"BuildahVersion", "1.42.0"},
                  {"DefaultRuntime", "crun"},
                  {"Runtimes", {{"crun", {{"path", "/usr/bin/crun"}}}}}};
    }
    argc -= 2;
    argv += 2;
  }
  const auto info = dse::docker::parse_daemon_info(info_doc.dump());
  if (!info) {
    std::cerr << "profile_setup: " << info.error() << '\n';
    return 2;
  }
  EngineContext context;
  utsname host{};
  ::uname(&host);
  context.kernel = engine_kernel(host.release);
  context.loader = engine_loader(info->seccomp);
  context.capabilities = container_capabilities(
      {}, {}, false, info->seccomp.podman ? DefaultCapabilities::podman : DefaultCapabilities::docker);
  // the reference restates Debian 12's runc 1.1.5, the host's, or crun 1.21 for Podman
  context.runtime =
      info->seccomp.podman ? oci_runtime(info->seccomp.runtime, info->seccomp.runtime_version) : OciRuntime::runc_1_1;
  if (argc > 1) {
    context.capabilities.clear();
    std::stringstream list(argv[1]);
    for (std::string cap; std::getline(list, cap, ',');) context.capabilities.insert(cap);
  }
  for (std::string line; std::getline(std::cin, line);) {
    const auto body = nlohmann::json::parse(line).get<std::string>();
    std::cout << setup(body, context).dump() << '\n';
  }
  return 0;
}
