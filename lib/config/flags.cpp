#include "config/flags.hpp"

#include <algorithm>
#include <set>

#include "config/flag_specs.hpp"
#include "config/value_parsers.hpp"

namespace dse::config {

namespace {

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
  auto host =
      docker::parse_docker_host(docker_host && !docker_host->empty() ? *docker_host : docker::default_docker_host);
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
  if (config.docker_cert_path.empty())
    return Error{"flag --docker.cert-path: no certificate directory (set it or HOME)"};
  if (!config.monitor.docker.host.port_given)
    config.monitor.docker.host.port = "2376";  // the TLS port, as the Docker CLI
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
    if (spec->kind == Kind::command_line_only && !from_command_line) {
      return Error{setting.origin + ": allowed on the command line only"};
    }
    if (setting.clear || (from_command_line && spec->kind == Kind::list && lists_seen.insert(setting.name).second)) {
      if (spec->clear == nullptr) return Error{setting.origin + ": takes one value, not a list"};
      spec->clear(config);
      if (setting.clear) continue;
    }
    if (auto applied = spec->apply(config, setting.value); !applied)
      return Error{setting.origin + ": " + applied.error()};
  }
  return true;
}

}  // namespace

Expected<Config> load_config(std::vector<std::string_view> args, const Environment& env, const FileReader& read_file) {
  const bool audit = !args.empty() && args.front() == "audit";
  if (audit) args.erase(args.begin());
  auto from_args = settings_from_args(args);
  if (!from_args) return Error{from_args.error()};
  auto config = defaults_from(env);
  if (!config) return config;
  config->audit = audit;
  if (audit) config->log.level = "warn";  // the report is the output; logs only for trouble
  const bool has_output =
      std::any_of(from_args->begin(), from_args->end(), [](const Setting& s) { return s.name == "output"; });
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
