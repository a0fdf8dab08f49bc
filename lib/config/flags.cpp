#include "config/flags.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <set>

namespace dse::config {

namespace {

enum class Kind { value, list, toggle, command_line_only };

struct FlagSpec {
  std::string_view name;  // without "--"
  std::string_view value_name;
  Kind kind;
  std::string_view help;
};

constexpr std::array flag_specs = {
    FlagSpec{"web.listen-address", "ADDR", Kind::value, "Address to serve metrics on, [host]:port (default \":10521\": all IPv4 and IPv6 addresses)."},
    FlagSpec{"web.telemetry-path", "PATH", Kind::value, "Path under which metrics are served (default \"/metrics\")."},
    FlagSpec{"web.config.file", "PATH", Kind::value, "TLS and basic auth for the endpoint, in the exporter-toolkit web config format (node_exporter's)."},
    FlagSpec{"web.header-timeout", "DURATION", Kind::value, "How long a client may take to send its request header (default 10s)."},
    FlagSpec{"docker.host", "URL", Kind::value, "Docker Engine API, unix:///path or tcp://host:port (default $DOCKER_HOST, else unix:///var/run/docker.sock)."},
    FlagSpec{"docker.tls-verify", "", Kind::toggle, "TLS to a tcp:// engine, verifying its certificate against ca.pem and presenting cert.pem/key.pem (default: $DOCKER_TLS_VERIFY set)."},
    FlagSpec{"docker.cert-path", "DIR", Kind::value, "Directory of ca.pem, cert.pem and key.pem (default $DOCKER_CERT_PATH, else ~/.docker)."},
    FlagSpec{"docker.timeout", "DURATION", Kind::value, "Deadline of each Docker request, e.g. 10s, 500ms (default 10s)."},
    FlagSpec{"docker.resync-interval", "DURATION", Kind::value, "Full rescan this often, to catch anything the events stream missed; 0 disables (default 5m)."},
    FlagSpec{"metrics.container-labels", "LIST", Kind::value, "Labels of per-container series, a comma list of id, name, image; id or name required (default id,name,image)."},
    FlagSpec{"metrics.aggregate-only", "", Kind::toggle, "Export only per-reason counts, no per-container series (very large hosts)."},
    FlagSpec{"compliance.weak-profile-noncompliant", "", Kind::toggle, "Judge containers whose custom profile is weak (default allow, or allowing syscalls Docker's default blocks) non-compliant, reason weak_profile (CIS itself accepts any profile)."},
    FlagSpec{"proc.path", "PATH", Kind::value, "procfs of the host, to read running containers' seccomp state (default /proc; /host/proc when the exporter runs in a container)."},
    FlagSpec{"exclude.name", "REGEX", Kind::list, "Do not judge containers whose whole name matches; repeatable. Counted in docker_seccomp_excluded_containers."},
    FlagSpec{"exclude.label", "KEY[=VALUE]", Kind::list, "Do not judge containers with this label (and value); repeatable."},
    FlagSpec{"log.level", "LEVEL", Kind::value, "debug, info, warn or error (default info)."},
    FlagSpec{"log.format", "FORMAT", Kind::value, "logfmt or json (default logfmt)."},
    FlagSpec{"output", "FORMAT", Kind::command_line_only, "audit only: table (default) or json (schema in docs/audit.md)."},
    FlagSpec{"config.file", "PATH", Kind::command_line_only, "YAML file with the same settings, e.g. \"log: {level: debug}\"; flags win. Re-read on SIGHUP."},
    FlagSpec{"version", "", Kind::command_line_only, "Print the version and exit."},
    FlagSpec{"help", "", Kind::command_line_only, "Print this help and exit."},
};

const FlagSpec* find_spec(std::string_view name) {
  for (const auto& spec : flag_specs) {
    if (spec.name == name) return &spec;
  }
  return nullptr;
}

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

Expected<bool> parse_bool(std::string_view text) {
  if (text == "true" || text.empty()) return true;
  if (text == "false") return false;
  return Error{"want true or false, got '" + std::string(text) + "'"};
}

Expected<monitor::MetricsOptions> parse_container_labels(std::string_view text, monitor::MetricsOptions options) {
  options.id_label = options.name_label = options.image_label = false;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const auto label = text.substr(0, comma);
    text = comma == std::string_view::npos ? std::string_view{} : text.substr(comma + 1);
    if (label == "id") options.id_label = true;
    else if (label == "name") options.name_label = true;
    else if (label == "image") options.image_label = true;
    else return Error{"unknown label '" + std::string(label) + "' (want id, name, image)"};
  }
  // Without id or name two containers could share a series: the exposition would be invalid.
  if (!options.id_label && !options.name_label) return Error{"needs id or name (or use metrics.aggregate-only)"};
  return options;
}

Expected<std::chrono::milliseconds> parse_positive_duration(std::string_view text) {
  auto duration = parse_duration(text);
  if (duration && duration->count() == 0) return Error{"must be greater than 0"};
  return duration;
}

Expected<std::string> parse_absolute_path(std::string_view text) {
  if (!text.starts_with('/')) return Error{"must be an absolute path"};
  return std::string(text);
}

Expected<std::string> parse_telemetry_path(std::string_view text) {
  if (!text.starts_with('/') || text == "/") return Error{"must start with '/' and not be '/'"};
  return std::string(text);
}

Expected<std::string> parse_non_empty(std::string_view text) {
  if (text.empty()) return Error{"must not be empty"};
  return std::string(text);
}

Expected<std::string> parse_log_level(std::string_view text) {
  if (text != "debug" && text != "info" && text != "warn" && text != "error") {
    return Error{"want debug, info, warn or error, got '" + std::string(text) + "'"};
  }
  return std::string(text);
}

Expected<LogFormat> parse_log_format(std::string_view text) {
  if (text == "logfmt") return LogFormat::logfmt;
  if (text == "json") return LogFormat::json;
  return Error{"want logfmt or json, got '" + std::string(text) + "'"};
}

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
  if (name == "web.listen-address") return assign(config.listen_address, parse_listen_address(value));
  if (name == "web.telemetry-path") return assign(config.telemetry_path, parse_telemetry_path(value));
  if (name == "web.config.file") return assign(config.web_config_file, parse_non_empty(value));
  if (name == "web.header-timeout") return assign(config.header_timeout, parse_positive_duration(value));
  if (name == "docker.host") return assign(config.docker_host, docker::parse_docker_host(value));
  if (name == "docker.tls-verify") return assign(config.docker_tls_verify, parse_bool(value));
  if (name == "docker.cert-path") return assign(config.docker_cert_path, parse_non_empty(value));
  if (name == "docker.timeout") return assign(config.docker_timeout, parse_positive_duration(value));
  if (name == "docker.resync-interval") return assign(config.resync_interval, parse_duration(value));
  if (name == "metrics.container-labels") return assign(config.metrics, parse_container_labels(value, config.metrics));
  if (name == "metrics.aggregate-only") return assign(config.metrics.aggregate_only, parse_bool(value));
  if (name == "compliance.weak-profile-noncompliant") {
    return assign(config.policy.weak_profile_noncompliant, parse_bool(value));
  }
  if (name == "proc.path") return assign(config.proc_path, parse_absolute_path(value));
  if (name == "exclude.name") return append(config.exclusions.names, monitor::parse_name_pattern(value));
  if (name == "exclude.label") return append(config.exclusions.labels, monitor::parse_label_rule(value));
  if (name == "log.level") return assign(config.log_level, parse_log_level(value));
  if (name == "log.format") return assign(config.log_format, parse_log_format(value));
  return true;
}

void clear_list(Config& config, std::string_view name) {
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
  config.docker_host = *host;
  if (auto pinned = env("DOCKER_API_VERSION")) config.docker_api_version = *pinned;
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
  if (config.docker_host.transport != docker::DockerHost::Transport::tcp) {
    return Error{"flag --docker.tls-verify: needs a tcp:// Docker host, not " + config.docker_host.to_string()};
  }
  if (config.docker_cert_path.empty()) return Error{"flag --docker.cert-path: no certificate directory (set it or HOME)"};
  if (!config.docker_host.port_given) config.docker_host.port = "2376";  // the TLS port, as the Docker CLI
  const auto& dir = config.docker_cert_path;
  config.docker_tls = docker::TlsFiles{dir + "/ca.pem", dir + "/cert.pem", dir + "/key.pem"};
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
  if (audit) config->log_level = "warn";  // the report is the output; logs only for trouble
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
  if (!config->web_config_file.empty() && !config->show_help && !config->show_version) {
    if (!read_file) return Error{"flag --web.config.file: not supported here"};
    auto text = read_file(config->web_config_file);
    if (!text) return Error{"flag --web.config.file: " + text.error()};
    auto web = parse_web_config(*text, config->web_config_file);
    if (!web) return Error{web.error()};
    config->web = std::move(*web);
  }
  return config;
}

Expected<Config> parse_flags(const std::vector<std::string_view>& args, const Environment& env) {
  return load_config(args, env, {});
}

std::string usage() {
  std::string text =
      "usage: docker-seccomp-exporter [flags]          serve Prometheus metrics, following Docker's events\n"
      "       docker-seccomp-exporter audit [flags]    scan once, print a report; exit 0 all compliant,\n"
      "                                                1 any non-compliant, 2 error\n\n"
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
