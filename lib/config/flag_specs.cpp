#include "config/flag_specs.hpp"

#include <algorithm>
#include <string>

#include "config/flags.hpp"
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

Expected<bool> set(bool& target) {
  target = true;
  return true;
}

Expected<OutputFormat> parse_output_format(std::string_view text) {
  if (text == "table") return OutputFormat::table;
  if (text == "json") return OutputFormat::json;
  return Error{"want table or json, got '" + std::string(text) + "'"};
}

bool same_addresses(const std::vector<http::ListenAddress>& a, const std::vector<http::ListenAddress>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto& x, const auto& y) { return x.host == y.host && x.port == y.port; });
}

// In --help's order. A setting without .same is applied at a reload by app::RuntimeSettings::apply
// (test_restart_only checks each flag against what a reload really does).
constexpr FlagSpec specs[] = {
    {.name = "web.listen-address",
     .value_name = "ADDR",
     .kind = Kind::list,
     .help = "Address to serve metrics on, [host]:port; repeatable (default \":10521\": all IPv4 and IPv6 addresses).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return append(c.web.listen_addresses, http::parse_listen_address(v));
     },
     .clear = [](Config& c) { c.web.listen_addresses.clear(); },
     .same = [](const Config& a,
                const Config& b) { return same_addresses(a.web.listen_addresses, b.web.listen_addresses); }},
    {.name = "web.systemd-socket",
     .kind = Kind::toggle,
     .help = "Serve on the sockets systemd passes (socket activation, a .socket unit) instead of --web.listen-address.",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.web.systemd_socket, parse_bool(v));
     },
     .same = [](const Config& a, const Config& b) { return a.web.systemd_socket == b.web.systemd_socket; }},
    {.name = "web.telemetry-path",
     .value_name = "PATH",
     .kind = Kind::value,
     .help = "Path under which metrics are served (default \"/metrics\").",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.web.telemetry_path, parse_telemetry_path(v));
     },
     .same = [](const Config& a, const Config& b) { return a.web.telemetry_path == b.web.telemetry_path; }},
    // Its contents are re-read when they change (http::WebSettings); another path needs a restart.
    {.name = "web.config.file",
     .value_name = "PATH",
     .kind = Kind::value,
     .help = "TLS and basic auth for the endpoint, in the exporter-toolkit web config format (node_exporter's).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.web.config_file, parse_non_empty(v));
     },
     .same = [](const Config& a, const Config& b) { return a.web.config_file == b.web.config_file; }},
    {.name = "web.header-timeout",
     .value_name = "DURATION",
     .kind = Kind::value,
     .help = "How long a client may take to send its request header (default 10s).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.web.header_timeout, parse_positive_duration(v));
     },
     .same = [](const Config& a, const Config& b) { return a.web.header_timeout == b.web.header_timeout; }},
    {.name = "web.separate-process",
     .kind = Kind::toggle,
     .help = "Serve the endpoint from a process of its own, which never holds Docker's socket and confines itself "
             "(seccomp, Landlock, --web.user); default true.",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.web.separate_process, parse_bool(v));
     },
     .same = [](const Config& a, const Config& b) { return a.web.separate_process == b.web.separate_process; }},
    {.name = "web.user",
     .value_name = "USER",
     .kind = Kind::value,
     .help = "The user the endpoint's process becomes when the exporter starts as root (default \"nobody\").",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> { return assign(c.web.user, parse_non_empty(v)); },
     .same = [](const Config& a, const Config& b) { return a.web.user == b.web.user; }},
    {.name = "docker.host",
     .value_name = "URL",
     .kind = Kind::value,
     .help =
         "Docker Engine API, unix:///path or tcp://host:port (default $DOCKER_HOST, else unix:///var/run/docker.sock).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.monitor.docker.host, docker::parse_docker_host(v));
     },
     .same = [](const Config& a,
                const Config& b) { return a.monitor.docker.host.to_string() == b.monitor.docker.host.to_string(); }},
    {.name = "docker.tls-verify",
     .kind = Kind::toggle,
     .help = "TLS to a tcp:// engine, verifying its certificate against ca.pem and presenting cert.pem/key.pem "
             "(default: $DOCKER_TLS_VERIFY set).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.docker_tls_verify, parse_bool(v));
     },
     .same = [](const Config& a, const Config& b) { return a.docker_tls_verify == b.docker_tls_verify; }},
    // The TLS files are derived from it (config::resolve_tls).
    {.name = "docker.cert-path",
     .value_name = "DIR",
     .kind = Kind::value,
     .help = "Directory of ca.pem, cert.pem and key.pem (default $DOCKER_CERT_PATH, else ~/.docker).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.docker_cert_path, parse_non_empty(v));
     },
     .same = [](const Config& a, const Config& b) { return a.docker_cert_path == b.docker_cert_path; }},
    {.name = "docker.timeout",
     .value_name = "DURATION",
     .kind = Kind::value,
     .help = "Deadline of each Docker request, e.g. 10s, 500ms (default 10s).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.monitor.docker.timeout, parse_positive_duration(v));
     },
     .same = [](const Config& a, const Config& b) { return a.monitor.docker.timeout == b.monitor.docker.timeout; }},
    {.name = "docker.resync-interval",
     .value_name = "DURATION",
     .kind = Kind::value,
     .help = "Full rescan this often, to catch anything the events stream missed; 0 disables (default 5m).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.monitor.resync_interval, parse_duration(v));
     },
     .same = [](const Config& a, const Config& b) { return a.monitor.resync_interval == b.monitor.resync_interval; }},
    {.name = "metrics.container-labels",
     .value_name = "LIST",
     .kind = Kind::value,
     .help = "Labels of per-container series, a comma list of id, name, image; id or name required (default "
             "id,name,image).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.metrics, parse_container_labels(v, c.metrics));
     }},
    {.name = "metrics.docker-labels",
     .value_name = "LIST",
     .kind = Kind::value,
     .help = "Container labels to copy onto the per-container series as container_label_<key> (e.g. "
             "com.docker.compose.project,io.kubernetes.pod.namespace), so alerts reach the owner; at most 16.",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.metrics.docker_labels, metrics::parse_docker_labels(v));
     }},
    {.name = "metrics.aggregate-only",
     .kind = Kind::toggle,
     .help = "Export only per-reason counts, no per-container series (very large hosts).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.metrics.aggregate_only, parse_bool(v));
     }},
    {.name = "compliance.weak-profile-noncompliant",
     .kind = Kind::toggle,
     .help = "Judge containers whose custom profile is weak (default allow, or allowing syscalls Docker's default "
             "blocks) non-compliant, reason weak_profile (CIS itself accepts any profile).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.policy.weak_profile_noncompliant, parse_bool(v));
     }},
    {.name = "collector.seccomp-audit",
     .kind = Kind::toggle,
     .help = "Count what containers' seccomp filters do (logged, killed, trapped syscalls) from the kernel's audit "
             "records; serves suggested profiles at /profiles/NAME.json. Needs CAP_AUDIT_READ and the host's pid "
             "namespace.",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.monitor.seccomp_audit, parse_bool(v));
     },
     .same = [](const Config& a, const Config& b) { return a.monitor.seccomp_audit == b.monitor.seccomp_audit; }},
    {.name = "proc.path",
     .value_name = "PATH",
     .kind = Kind::value,
     .help = "procfs of the host, to read running containers' seccomp state (default /proc; in a container, run with "
             "--pid=host, or mount the host's /proc and name it here).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.monitor.proc_path, parse_absolute_path(v));
     },
     .same = [](const Config& a, const Config& b) { return a.monitor.proc_path == b.monitor.proc_path; }},
    {.name = "host.root",
     .value_name = "PATH",
     .kind = Kind::value,
     .help =
         "The host's root file system, where profile files the engine names are read (the daemon's --seccomp-profile, "
         "Podman's SecurityOpt paths) (default /; /host when the exporter runs in a container with / mounted there).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.monitor.host_root, parse_absolute_path(v));
     },
     .same = [](const Config& a, const Config& b) { return a.monitor.host_root == b.monitor.host_root; }},
    {.name = "exclude.name",
     .value_name = "REGEX",
     .kind = Kind::list,
     .help =
         "Do not judge containers whose whole name matches; repeatable. Counted in docker_seccomp_excluded_containers.",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return append(c.exclusions.names, state::parse_name_pattern(v));
     },
     .clear = [](Config& c) { c.exclusions.names.clear(); }},
    {.name = "exclude.label",
     .value_name = "KEY[=VALUE]",
     .kind = Kind::list,
     .help = "Do not judge containers with this label (and value); repeatable.",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return append(c.exclusions.labels, state::parse_label_rule(v));
     },
     .clear = [](Config& c) { c.exclusions.labels.clear(); }},
    {.name = "log.level",
     .value_name = "LEVEL",
     .kind = Kind::value,
     .help = "debug, info, warn or error (default info).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.log.level, parse_log_level(v));
     }},
    {.name = "log.format",
     .value_name = "FORMAT",
     .kind = Kind::value,
     .help = "logfmt or json (default logfmt).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.log.format, parse_log_format(v));
     },
     .same = [](const Config& a, const Config& b) { return a.log.format == b.log.format; }},
    {.name = "output",
     .value_name = "FORMAT",
     .kind = Kind::command_line_only,
     .help = "audit only: table (default) or json (schema in docs/audit.md).",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       return assign(c.output, parse_output_format(v));
     }},
    {.name = "config.file",
     .value_name = "PATH",
     .kind = Kind::command_line_only,
     .help = "YAML file with the same settings, e.g. \"log: {level: debug}\"; flags win. Re-read on SIGHUP.",
     .apply = [](Config& c, const std::string& v) -> Expected<bool> {
       c.config_file = v;
       return true;
     }},
    {.name = "version",
     .kind = Kind::command_line_only,
     .help = "Print the version and exit.",
     .apply = [](Config& c, const std::string&) -> Expected<bool> { return set(c.show_version); }},
    {.name = "help",
     .kind = Kind::command_line_only,
     .help = "Print this help and exit.",
     .apply = [](Config& c, const std::string&) -> Expected<bool> { return set(c.show_help); }},
};

}  // namespace

std::span<const FlagSpec> flag_specs() { return specs; }

const FlagSpec* find_spec(std::string_view name) {
  for (const auto& spec : specs) {
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
  for (const auto& spec : specs) {
    std::string left = "  --" + std::string(spec.name);
    if (!spec.value_name.empty()) left += "=" + std::string(spec.value_name);
    left.resize(std::max<std::size_t>(left.size() + 2, 38), ' ');
    text += left + std::string(spec.help) + "\n";
  }
  text += "\nEnvironment: DOCKER_HOST, DOCKER_API_VERSION (pins the Docker API version).\n";
  return text;
}

}  // namespace dse::config
