#pragma once
// Settings in the Prometheus exporter style: command-line flags (--web.listen-address, --log.level, ...),
// optionally on top of a YAML file (--config.file) that holds the same settings by the same names.
#include <string>
#include <string_view>
#include <vector>

#include "compliance/evidence.hpp"
#include "http/options.hpp"
#include "metrics/label_options.hpp"
#include "monitor/options.hpp"
#include "state/exclusions.hpp"
#include "util/environment.hpp"
#include "util/expected.hpp"
#include "util/logging.hpp"

namespace dse::config {

enum class OutputFormat { table, json };

// Each module's own options, composed; what only start-up needs stays here.
struct Config {
  http::Options web;               // web.*
  monitor::Options monitor;        // docker.*, proc.path
  bool docker_tls_verify = false;  // DOCKER_TLS_VERIFY; resolved into monitor.docker.tls
  std::string docker_cert_path;    // DOCKER_CERT_PATH, else ~/.docker
  LogOptions log;
  metrics::LabelOptions metrics;
  state::Exclusions exclusions;
  compliance::Policy policy;
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

// args excludes argv[0]; a first argument "audit" selects the one-shot audit. Defaults, then the
// environment, then the config file, then the flags.
Expected<Config> load_config(std::vector<std::string_view> args, const Environment& env, const FileReader& read_file);
// The same without a config file (--config.file is an error here).
Expected<Config> parse_flags(const std::vector<std::string_view>& args, const Environment& env);

// Reads a config file's YAML into settings; errors name the key or the line.
Expected<std::vector<Setting>> settings_from_yaml(const std::string& text, const std::string& path);

std::string usage();

}  // namespace dse::config
