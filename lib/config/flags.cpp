#include "config/flags.hpp"

#include <array>
#include <charconv>

namespace dse::config {

namespace {

struct FlagSpec {
  std::string_view name;
  std::string_view value_name;  // empty: a boolean switch
  std::string_view help;
};

constexpr std::array flag_specs = {
    FlagSpec{"--web.listen-address", "ADDR", "Address to serve /metrics on, [host]:port (default \":10521\", all IPv4 and IPv6)."},
    FlagSpec{"--web.telemetry-path", "PATH", "Path under which metrics are served (default \"/metrics\")."},
    FlagSpec{"--docker.host", "URL", "Docker Engine API, unix:///path or tcp://host:port (default $DOCKER_HOST, else unix:///var/run/docker.sock)."},
    FlagSpec{"--docker.timeout", "DURATION", "Deadline of each Docker request, e.g. 10s, 500ms (default 10s)."},
    FlagSpec{"--log.level", "LEVEL", "debug, info, warn or error (default info)."},
    FlagSpec{"--log.format", "FORMAT", "logfmt or json (default logfmt)."},
    FlagSpec{"--version", "", "Print the version and exit."},
    FlagSpec{"--help", "", "Print this help and exit."},
};

Expected<std::chrono::milliseconds> parse_duration(std::string_view text) {
  long long amount = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), amount);
  const std::string_view unit(end, text.data() + text.size() - end);
  if (ec != std::errc{} || amount < 0) return Error{"invalid duration '" + std::string(text) + "'"};
  if (unit == "ms") return std::chrono::milliseconds(amount);
  if (unit == "s") return std::chrono::milliseconds(amount * 1000);
  if (unit == "m") return std::chrono::milliseconds(amount * 60'000);
  return Error{"invalid duration '" + std::string(text) + "' (use ms, s or m)"};
}

Expected<bool> apply(Config& config, std::string_view name, std::string_view value) {
  const auto fail = [&](const std::string& why) { return Error{"flag " + std::string(name) + ": " + why}; };
  if (name == "--web.listen-address") {
    auto address = parse_listen_address(value);
    if (!address) return fail(address.error());
    config.listen_address = *address;
  } else if (name == "--web.telemetry-path") {
    if (!value.starts_with('/') || value == "/") return fail("must start with '/' and not be '/'");
    config.telemetry_path = value;
  } else if (name == "--docker.host") {
    auto host = docker::parse_docker_host(value);
    if (!host) return fail(host.error());
    config.docker_host = *host;
  } else if (name == "--docker.timeout") {
    auto timeout = parse_duration(value);
    if (!timeout) return fail(timeout.error());
    if (timeout->count() == 0) return fail("must be greater than 0");
    config.docker_timeout = *timeout;
  } else if (name == "--log.level") {
    if (value != "debug" && value != "info" && value != "warn" && value != "error") {
      return fail("want debug, info, warn or error, got '" + std::string(value) + "'");
    }
    config.log_level = value;
  } else if (name == "--log.format") {
    if (value != "logfmt" && value != "json") return fail("want logfmt or json, got '" + std::string(value) + "'");
    config.log_format = value == "json" ? LogFormat::json : LogFormat::logfmt;
  }
  return true;
}

const FlagSpec* find_spec(std::string_view name) {
  for (const auto& spec : flag_specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

Expected<Config> defaults_from(const Environment& env) {
  Config config;
  const auto docker_host = env("DOCKER_HOST");
  auto host = docker::parse_docker_host(docker_host && !docker_host->empty() ? *docker_host
                                                                              : docker::default_docker_host);
  if (!host) return Error{"environment DOCKER_HOST: " + host.error()};
  config.docker_host = *host;
  if (auto pinned = env("DOCKER_API_VERSION")) config.docker_api_version = *pinned;
  return config;
}

}  // namespace

Expected<Config> parse_flags(const std::vector<std::string_view>& args, const Environment& env) {
  auto config = defaults_from(env);
  if (!config) return config;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i] == "-h" ? "--help" : args[i];
    const std::string_view name = arg.substr(0, arg.find('='));
    const auto* spec = find_spec(name);
    if (spec == nullptr) return Error{"unknown flag " + std::string(name) + " (see --help)"};
    if (spec->value_name.empty()) {
      if (name.size() != arg.size()) return Error{"flag " + std::string(name) + " takes no value"};
      (name == "--version" ? config->show_version : config->show_help) = true;
      continue;
    }
    std::string_view value;
    if (name.size() < arg.size()) {
      value = arg.substr(name.size() + 1);
    } else if (i + 1 < args.size()) {
      value = args[++i];
    } else {
      return Error{"flag " + std::string(name) + " needs a value"};
    }
    if (auto applied = apply(*config, name, value); !applied) return Error{applied.error()};
  }
  return config;
}

std::string usage() {
  std::string text =
      "usage: docker-seccomp-exporter [flags]\n\n"
      "Exports CIS Docker Benchmark 5.21 (seccomp filtering) verdicts for every container as Prometheus metrics.\n\n"
      "Flags:\n";
  for (const auto& spec : flag_specs) {
    std::string left = "  " + std::string(spec.name);
    if (!spec.value_name.empty()) left += "=" + std::string(spec.value_name);
    left.resize(std::max<std::size_t>(left.size() + 2, 34), ' ');
    text += left + std::string(spec.help) + "\n";
  }
  text += "\nEnvironment: DOCKER_HOST, DOCKER_API_VERSION (pins the Docker API version).\n";
  return text;
}

}  // namespace dse::config
