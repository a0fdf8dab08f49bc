#include "config/flags.hpp"

#include <algorithm>
#include <set>

#include "config/flag_specs.hpp"
#include "config/value_parsers.hpp"

namespace dse::config {

namespace {

template <class T>
Expected<bool> assign(T& target, Expected<T> parsed) {
  if (!parsed) return Error{parsed.error()};
  target = std::move(*parsed);
  return true;
}

template <class T>
Expected<bool> append(std::vector<T>& target, Expected<T> parsed) {
  if (!parsed) return Error{parsed.error()};
  target.push_back(std::move(*parsed));
  return true;
}

// One line per setting: its parser checks the value, the setting says where it goes.
Expected<bool> apply_value(Config& config, std::string_view name, const std::string& value) {
  if (name == "web.listen-address") return append(config.web.listen_addresses, http::parse_listen_address(value));
  if (name == "web.systemd-socket") return assign(config.web.systemd_socket, parse_bool(value));
  if (name == "web.telemetry-path") return assign(config.web.telemetry_path, parse_telemetry_path(value));
  if (name == "web.config.file") return assign(config.web.config_file, parse_non_empty(value));
  if (name == "web.header-timeout") return assign(config.web.header_timeout, parse_positive_duration(value));
  if (name == "docker.host") return assign(config.monitor.docker.host, docker::parse_docker_host(value));
  if (name == "docker.tls-verify") return assign(config.docker_tls_verify, parse_bool(value));
  if (name == "docker.cert-path") return assign(config.docker_cert_path, parse_non_empty(value));
  if (name == "docker.timeout") return assign(config.monitor.docker.timeout, parse_positive_duration(value));
  if (name == "docker.resync-interval") return assign(config.monitor.resync_interval, parse_duration(value));
  if (name == "metrics.container-labels") return assign(config.metrics, parse_container_labels(value, config.metrics));
  if (name == "metrics.docker-labels") return assign(config.metrics.docker_labels, metrics::parse_docker_labels(value));
  if (name == "metrics.aggregate-only") return assign(config.metrics.aggregate_only, parse_bool(value));
  if (name == "compliance.weak-profile-noncompliant") {
    return assign(config.policy.weak_profile_noncompliant, parse_bool(value));
  }
  if (name == "collector.seccomp-audit") return assign(config.monitor.seccomp_audit, parse_bool(value));
  if (name == "proc.path") return assign(config.monitor.proc_path, parse_absolute_path(value));
  if (name == "host.root") return assign(config.monitor.host_root, parse_absolute_path(value));
  if (name == "exclude.name") return append(config.exclusions.names, state::parse_name_pattern(value));
  if (name == "exclude.label") return append(config.exclusions.labels, state::parse_label_rule(value));
  if (name == "log.level") return assign(config.log.level, parse_log_level(value));
  if (name == "log.format") return assign(config.log.format, parse_log_format(value));
  return true;
}

void clear_list(Config& config, std::string_view name) {
  if (name == "web.listen-address") config.web.listen_addresses.clear();
  if (name == "exclude.name") config.exclusions.names.clear();
  if (name == "exclude.label") config.exclusions.labels.clear();
}

Expected<std::vector<Setting>> settings_from_args(const std::vector<std::string_view>& args) {
  std::vector<Setting> settings;
  for (std::size_t i = 0; i < args.size(); ++i) {
    const std::string_view arg = args[i] == "-h" ? "--help" : args[i];
    if (!arg.starts_with("--")) return Error{"unexpected argument '" + std::string(arg) + "' (see --help)"};
    const auto eq = arg.find('=');
    const auto name = arg.substr(2, eq == std::string_view::npos ? std::string_view::npos : eq - 2);
    const auto* spec = find_spec(name);
    const auto origin = "flag --" + std::string(name);
    // --no-FLAG turns a toggle off, as kingpin's boolean flags do.
    if (spec == nullptr && name.starts_with("no-")) {
      if (const auto* negated = find_spec(name.substr(3)); negated != nullptr && negated->kind == Kind::toggle) {
        if (eq != std::string_view::npos) return Error{origin + " takes no value"};
        settings.push_back({std::string(name.substr(3)), "false", origin});
        continue;
      }
    }
    if (spec == nullptr) return Error{"unknown flag --" + std::string(name) + " (see --help)"};
    if (spec->value_name.empty() && spec->kind != Kind::toggle) {
      if (eq != std::string_view::npos) return Error{origin + " takes no value"};
      settings.push_back({std::string(name), "", origin});
    } else if (eq != std::string_view::npos) {
      settings.push_back({std::string(name), std::string(arg.substr(eq + 1)), origin});
    } else if (spec->kind == Kind::toggle) {
      settings.push_back({std::string(name), "true", origin});
    } else if (i + 1 < args.size()) {
      settings.push_back({std::string(name), std::string(args[++i]), origin});
    } else {
      return Error{origin + " needs a value"};
    }
  }
  return settings;
}

Expected<Config> defaults_from(const Environment& env) {
  Config config;
  const auto docker_host = env("DOCKER_HOST");
  auto host = docker::parse_docker_host(docker_host && !docker_host->empty() ? *docker_host
                                                                              : docker::default_docker_host);
  if (!host) return Error{"environment DOCKER_HOST: " + host.error()};
  config.monitor.docker.host = *host;
  if (auto pinned = env("DOCKER_API_VERSION")) config.monitor.docker.api_version = *pinned;
  // As the Docker CLI: any non-empty DOCKER_TLS_VERIFY turns verification on.
  if (auto verify = env("DOCKER_TLS_VERIFY"); verify && !verify->empty()) config.docker_tls_verify = true;
  if (auto path = env("DOCKER_CERT_PATH"); path && !path->empty()) {
    config.docker_cert_path = *path;
  } else if (auto home = env("HOME"); home && !home->empty()) {
    config.docker_cert_path = *home + "/.docker";
  }
  return config;
}

Expected<bool> resolve_tls(Config& config) {
  if (!config.docker_tls_verify) return true;
  if (config.monitor.docker.host.transport != docker::DockerHost::Transport::tcp) {
    return Error{"flag --docker.tls-verify: needs a tcp:// Docker host, not " + config.monitor.docker.host.to_string()};
  }
  if (config.docker_cert_path.empty()) return Error{"flag --docker.cert-path: no certificate directory (set it or HOME)"};
  if (!config.monitor.docker.host.port_given) config.monitor.docker.host.port = "2376";  // the TLS port, as the Docker CLI
  const auto& dir = config.docker_cert_path;
  config.monitor.docker.tls = docker::TlsFiles{dir + "/ca.pem", dir + "/cert.pem", dir + "/key.pem"};
  return true;
}

// Applies settings in order. A list flag given on the command line replaces the file's list.
Expected<bool> apply_all(Config& config, const std::vector<Setting>& settings, bool from_command_line) {
  std::set<std::string> lists_seen;
  for (const auto& setting : settings) {
    const auto* spec = find_spec(setting.name);
    if (spec == nullptr) return Error{setting.origin + ": unknown setting"};
    if (spec->kind == Kind::command_line_only) {
      if (!from_command_line) return Error{setting.origin + ": allowed on the command line only"};
      if (setting.name == "version") config.show_version = true;
      if (setting.name == "help") config.show_help = true;
      if (setting.name == "config.file") config.config_file = setting.value;
      if (setting.name == "output") {
        if (setting.value != "table" && setting.value != "json") {
          return Error{setting.origin + ": want table or json, got '" + setting.value + "'"};
        }
        config.output = setting.value == "json" ? OutputFormat::json : OutputFormat::table;
      }
      continue;
    }
    if (setting.clear || (from_command_line && spec->kind == Kind::list && lists_seen.insert(setting.name).second)) {
      clear_list(config, setting.name);
      if (setting.clear) continue;
    }
    if (auto applied = apply_value(config, setting.name, setting.value); !applied) {
      return Error{setting.origin + ": " + applied.error()};
    }
  }
  return true;
}

}  // namespace

Expected<Config> load_config(std::vector<std::string_view> args, const Environment& env,
                             const FileReader& read_file) {
  const bool audit = !args.empty() && args.front() == "audit";
  if (audit) args.erase(args.begin());
  auto from_args = settings_from_args(args);
  if (!from_args) return Error{from_args.error()};
  auto config = defaults_from(env);
  if (!config) return config;
  config->audit = audit;
  if (audit) config->log.level = "warn";  // the report is the output; logs only for trouble
  const bool has_output = std::any_of(from_args->begin(), from_args->end(), [](const Setting& s) { return s.name == "output"; });
  if (has_output && !audit) return Error{"flag --output: only with the audit command"};
  // First pass: only to learn --config.file (and --help/--version, which need no file).
  Config probe;
  if (auto applied = apply_all(probe, *from_args, true); !applied) return Error{applied.error()};
  if (!probe.config_file.empty() && !probe.show_help && !probe.show_version) {
    if (!read_file) return Error{"flag --config.file: not supported here"};
    auto text = read_file(probe.config_file);
    if (!text) return Error{"flag --config.file: " + text.error()};
    auto from_file = settings_from_yaml(*text, probe.config_file);
    if (!from_file) return Error{from_file.error()};
    if (auto applied = apply_all(*config, *from_file, false); !applied) return Error{applied.error()};
  }
  if (auto applied = apply_all(*config, *from_args, true); !applied) return Error{applied.error()};
  if (auto tls = resolve_tls(*config); !tls) return Error{tls.error()};
  if (config->web.listen_addresses.empty()) config->web.listen_addresses.push_back({"", 10521});
  if (!config->web.config_file.empty() && !config->show_help && !config->show_version) {
    if (!read_file) return Error{"flag --web.config.file: not supported here"};
    auto text = read_file(config->web.config_file);
    if (!text) return Error{"flag --web.config.file: " + text.error()};
    auto web = http::parse_web_config(*text, config->web.config_file);
    if (!web) return Error{web.error()};
    config->web.config = std::move(*web);
  }
  return config;
}

Expected<Config> parse_flags(const std::vector<std::string_view>& args, const Environment& env) {
  return load_config(args, env, {});
}

}  // namespace dse::config
