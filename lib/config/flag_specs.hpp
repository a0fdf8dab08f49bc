#pragma once
// Every flag the exporter accepts, once: its name, its kind and its help. The parsers, the config file and
// --help all read this table.
#include <array>
#include <string_view>

namespace dse::config {

enum class Kind { value, list, toggle, command_line_only };

struct FlagSpec {
  std::string_view name;  // without "--"
  std::string_view value_name;
  Kind kind;
  std::string_view help;
};

inline constexpr std::array flag_specs = {
    FlagSpec{"web.listen-address", "ADDR", Kind::list, "Address to serve metrics on, [host]:port; repeatable (default \":10521\": all IPv4 and IPv6 addresses)."},
    FlagSpec{"web.systemd-socket", "", Kind::toggle, "Serve on the sockets systemd passes (socket activation, a .socket unit) instead of --web.listen-address."},
    FlagSpec{"web.telemetry-path", "PATH", Kind::value, "Path under which metrics are served (default \"/metrics\")."},
    FlagSpec{"web.config.file", "PATH", Kind::value, "TLS and basic auth for the endpoint, in the exporter-toolkit web config format (node_exporter's)."},
    FlagSpec{"web.header-timeout", "DURATION", Kind::value, "How long a client may take to send its request header (default 10s)."},
    FlagSpec{"docker.host", "URL", Kind::value, "Docker Engine API, unix:///path or tcp://host:port (default $DOCKER_HOST, else unix:///var/run/docker.sock)."},
    FlagSpec{"docker.tls-verify", "", Kind::toggle, "TLS to a tcp:// engine, verifying its certificate against ca.pem and presenting cert.pem/key.pem (default: $DOCKER_TLS_VERIFY set)."},
    FlagSpec{"docker.cert-path", "DIR", Kind::value, "Directory of ca.pem, cert.pem and key.pem (default $DOCKER_CERT_PATH, else ~/.docker)."},
    FlagSpec{"docker.timeout", "DURATION", Kind::value, "Deadline of each Docker request, e.g. 10s, 500ms (default 10s)."},
    FlagSpec{"docker.resync-interval", "DURATION", Kind::value, "Full rescan this often, to catch anything the events stream missed; 0 disables (default 5m)."},
    FlagSpec{"metrics.container-labels", "LIST", Kind::value, "Labels of per-container series, a comma list of id, name, image; id or name required (default id,name,image)."},
    FlagSpec{"metrics.docker-labels", "LIST", Kind::value, "Container labels to copy onto the per-container series as container_label_<key> (e.g. com.docker.compose.project,io.kubernetes.pod.namespace), so alerts reach the owner; at most 16."},
    FlagSpec{"metrics.aggregate-only", "", Kind::toggle, "Export only per-reason counts, no per-container series (very large hosts)."},
    FlagSpec{"compliance.weak-profile-noncompliant", "", Kind::toggle, "Judge containers whose custom profile is weak (default allow, or allowing syscalls Docker's default blocks) non-compliant, reason weak_profile (CIS itself accepts any profile)."},
    FlagSpec{"collector.seccomp-audit", "", Kind::toggle, "Count what containers' seccomp filters do (logged, killed, trapped syscalls) from the kernel's audit records; serves suggested profiles at /profiles/NAME.json. Needs CAP_AUDIT_READ and the host's pid namespace."},
    FlagSpec{"proc.path", "PATH", Kind::value, "procfs of the host, to read running containers' seccomp state (default /proc; in a container, run with --pid=host, or mount the host's /proc and name it here)."},
    FlagSpec{"host.root", "PATH", Kind::value, "The host's root file system, where profile files the engine names are read (the daemon's --seccomp-profile, Podman's SecurityOpt paths) (default /; /host when the exporter runs in a container with / mounted there)."},
    FlagSpec{"exclude.name", "REGEX", Kind::list, "Do not judge containers whose whole name matches; repeatable. Counted in docker_seccomp_excluded_containers."},
    FlagSpec{"exclude.label", "KEY[=VALUE]", Kind::list, "Do not judge containers with this label (and value); repeatable."},
    FlagSpec{"log.level", "LEVEL", Kind::value, "debug, info, warn or error (default info)."},
    FlagSpec{"log.format", "FORMAT", Kind::value, "logfmt or json (default logfmt)."},
    FlagSpec{"output", "FORMAT", Kind::command_line_only, "audit only: table (default) or json (schema in docs/audit.md)."},
    FlagSpec{"config.file", "PATH", Kind::command_line_only, "YAML file with the same settings, e.g. \"log: {level: debug}\"; flags win. Re-read on SIGHUP."},
    FlagSpec{"version", "", Kind::command_line_only, "Print the version and exit."},
    FlagSpec{"help", "", Kind::command_line_only, "Print this help and exit."},
};

// nullptr when there is no such flag.
const FlagSpec* find_spec(std::string_view name);

}  // namespace dse::config
