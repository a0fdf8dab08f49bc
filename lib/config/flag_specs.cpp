#include "config/flag_specs.hpp"

#include <algorithm>
#include <string>

#include "config/flags.hpp"

namespace dse::config {

const FlagSpec* find_spec(std::string_view name) {
  for (const auto& spec : flag_specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

std::string usage() {
  std::string text =
      "usage: docker-seccomp-exporter [flags]          serve Prometheus metrics, following Docker's events\n"
      "       docker-seccomp-exporter audit [flags]    scan once, print a report; exit 0 all compliant,\n"
      "                                                1 any non-compliant, 2 error\n"
      "       docker-seccomp-exporter profile learning [--from FILE]\n"
      "                                                Docker's default profile (or FILE) logging what it refuses\n"
      "       docker-seccomp-exporter profile suggest NAME [--exporter.url URL]\n"
      "                                                the profile a running exporter suggests for container NAME\n\n"
      "Checks every container against CIS Docker Benchmark 5.21: are its system calls filtered by seccomp?\n\n"
      "Flags:\n";
  for (const auto& spec : flag_specs) {
    std::string left = "  --" + std::string(spec.name);
    if (!spec.value_name.empty()) left += "=" + std::string(spec.value_name);
    left.resize(std::max<std::size_t>(left.size() + 2, 38), ' ');
    text += left + std::string(spec.help) + "\n";
  }
  text += "\nEnvironment: DOCKER_HOST, DOCKER_API_VERSION (pins the Docker API version).\n";
  return text;
}

}  // namespace dse::config
