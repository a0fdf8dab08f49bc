// The exporter's side of the profile decoder's differential test (tests/reference/moby_profile.go is the
// other): the same input, one JSON string per line, and the same output, one JSON object per line, from
// decode_profile and setup_seccomp for a container on this host (amd64, this kernel).
#include <sys/utsname.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "compliance/capabilities.hpp"
#include "compliance/seccomp_setup.hpp"

using namespace dse::compliance;

namespace {

nlohmann::json setup(const std::string& body, const EngineContext& context) {
  const auto profile = decode_profile(body);
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
  EngineContext context;
  utsname host{};
  ::uname(&host);
  context.kernel = engine_kernel(host.release);
  context.capabilities = container_capabilities({}, {}, false);
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
