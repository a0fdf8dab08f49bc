#pragma once
// Settings in the Prometheus exporter style: command-line flags (--web.listen-address, --log.level, ...),
// optionally on top of a YAML file (--config.file) that holds the same settings by the same names.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/evidence.hpp"
#include "config/listen_address.hpp"
#include "config/web_config.hpp"
#include "docker/host.hpp"
#include "monitor/exclusions.hpp"
#include "monitor/exporter_state.hpp"
#include "util/expected.hpp"

namespace dse::config {

enum class LogFormat { logfmt, json };
enum class OutputFormat { table, json };

struct Config {
  ListenAddress listen_address{"", 10521};
  std::string telemetry_path = "/metrics";
  std::chrono::milliseconds header_timeout{10'000};
  std::string web_config_file;  // --web.config.file, read into web
  WebConfig web;
  docker::DockerHost docker_host;
  std::string docker_api_version;  // DOCKER_API_VERSION: pins the version, skips negotiation
  bool docker_tls_verify = false;  // DOCKER_TLS_VERIFY
  std::string docker_cert_path;    // DOCKER_CERT_PATH, else ~/.docker
  std::optional<docker::TlsFiles> docker_tls;  // set when TLS is on
  std::chrono::milliseconds docker_timeout{10'000};
  std::chrono::milliseconds resync_interval{300'000};  // 0: no periodic resync
  std::string log_level = "info";
  LogFormat log_format = LogFormat::logfmt;
  monitor::MetricsOptions metrics;
  monitor::Exclusions exclusions;
  compliance::Policy policy;
  std::string proc_path = "/proc";
  std::string config_file;
  bool audit = false;  // the "audit" command: scan once, report, exit 0/1/2
  OutputFormat output = OutputFormat::table;
  bool show_version = false;
  bool show_help = false;
};

// One setting from the command line or the config file; origin names it in errors.
struct Setting {
  std::string name;  // the flag name without "--", e.g. "web.listen-address"
  std::string value;
  std::string origin;  // "flag --web.listen-address" or "config file F: key web.listen-address"
  bool clear = false;  // empties a list setting (a config file's list replaces, it does not add)
};

using Environment = std::function<std::optional<std::string>(const char* name)>;
using FileReader = std::function<Expected<std::string>(const std::string& path)>;

// args excludes argv[0]; a first argument "audit" selects the one-shot audit. Defaults, then the
// environment, then the config file, then the flags.
Expected<Config> load_config(std::vector<std::string_view> args, const Environment& env,
                             const FileReader& read_file);
// The same without a config file (--config.file is an error here).
Expected<Config> parse_flags(const std::vector<std::string_view>& args, const Environment& env);

// Reads a config file's YAML into settings; errors name the key or the line.
Expected<std::vector<Setting>> settings_from_yaml(const std::string& text, const std::string& path);

std::string usage();

}  // namespace dse::config
