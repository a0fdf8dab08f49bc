#include "config/restart_only.hpp"

#include <algorithm>
#include <functional>

namespace dse::config {

namespace {

bool same_addresses(const std::vector<http::ListenAddress>& a, const std::vector<http::ListenAddress>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(),
                    [](const auto& x, const auto& y) { return x.host == y.host && x.port == y.port; });
}

struct RestartOnly {
  const char* name;
  std::function<bool(const Config&, const Config&)> same;
};

// Every setting not applied by app::RuntimeSettings::apply belongs here; test_restart_only checks each.
const std::vector<RestartOnly>& restart_only_settings() {
  static const std::vector<RestartOnly> settings = {
      {"web.listen-address",
       [](const Config& a, const Config& b) { return same_addresses(a.web.listen_addresses, b.web.listen_addresses); }},
      {"web.systemd-socket",
       [](const Config& a, const Config& b) { return a.web.systemd_socket == b.web.systemd_socket; }},
      {"web.telemetry-path",
       [](const Config& a, const Config& b) { return a.web.telemetry_path == b.web.telemetry_path; }},
      // The file's contents are re-read when it changes; another path needs a restart.
      {"web.config.file", [](const Config& a, const Config& b) { return a.web.config_file == b.web.config_file; }},
      {"web.header-timeout",
       [](const Config& a, const Config& b) { return a.web.header_timeout == b.web.header_timeout; }},
      {"docker.host",
       [](const Config& a, const Config& b) {
         return a.monitor.docker.host.to_string() == b.monitor.docker.host.to_string();
       }},
      {"docker.tls-verify",
       [](const Config& a, const Config& b) { return a.docker_tls_verify == b.docker_tls_verify; }},
      // The TLS files are derived from it (config::resolve_tls).
      {"docker.cert-path", [](const Config& a, const Config& b) { return a.docker_cert_path == b.docker_cert_path; }},
      {"docker.timeout",
       [](const Config& a, const Config& b) { return a.monitor.docker.timeout == b.monitor.docker.timeout; }},
      {"docker.resync-interval",
       [](const Config& a, const Config& b) { return a.monitor.resync_interval == b.monitor.resync_interval; }},
      {"DOCKER_API_VERSION",
       [](const Config& a, const Config& b) { return a.monitor.docker.api_version == b.monitor.docker.api_version; }},
      {"collector.seccomp-audit",
       [](const Config& a, const Config& b) { return a.monitor.seccomp_audit == b.monitor.seccomp_audit; }},
      {"proc.path", [](const Config& a, const Config& b) { return a.monitor.proc_path == b.monitor.proc_path; }},
      {"host.root", [](const Config& a, const Config& b) { return a.monitor.host_root == b.monitor.host_root; }},
      {"log.format", [](const Config& a, const Config& b) { return a.log.format == b.log.format; }},
  };
  return settings;
}

}  // namespace

std::vector<std::string> restart_only_changes(const Config& running, const Config& fresh) {
  std::vector<std::string> changed;
  for (const auto& setting : restart_only_settings()) {
    if (!setting.same(running, fresh)) changed.emplace_back(setting.name);
  }
  return changed;
}

}  // namespace dse::config
