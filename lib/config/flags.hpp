#pragma once
// Command-line flags in the Prometheus exporter style (--web.listen-address, --log.level, ...).
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "config/listen_address.hpp"
#include "docker/host.hpp"
#include "util/expected.hpp"

namespace dse::config {

enum class LogFormat { logfmt, json };

struct Config {
  ListenAddress listen_address{"", 10521};
  std::string telemetry_path = "/metrics";
  docker::DockerHost docker_host;
  std::string docker_api_version;  // DOCKER_API_VERSION: pins the version, skips negotiation
  std::chrono::milliseconds docker_timeout{10'000};
  std::string log_level = "info";
  LogFormat log_format = LogFormat::logfmt;
  bool show_version = false;
  bool show_help = false;
};

using Environment = std::function<std::optional<std::string>(const char* name)>;

// args excludes argv[0]. Errors name the flag.
Expected<Config> parse_flags(const std::vector<std::string_view>& args, const Environment& env);

std::string usage();

}  // namespace dse::config
