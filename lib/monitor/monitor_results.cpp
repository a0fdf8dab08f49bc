// The monitor's bookkeeping: what it does with what Docker answered (an inspect, a failure, a list), and
// how a scan settles. No I/O but reading /proc and profile files (the daemon's, Podman's and containers.conf); the flow
// that asks Docker is in monitor.cpp.

#include <algorithm>
#include <filesystem>

#include "compliance/checks.hpp"
#include "compliance/seccomp_option.hpp"
#include "docker/containers_conf.hpp"
#include "monitor/monitor.hpp"
#include "util/log.hpp"
#include "util/read_file.hpp"

namespace dse::monitor {

namespace {

// Docker's default profile is 20 KB; the engine names the file, so what is read of it is bounded.
constexpr std::size_t max_profile_bytes = 1024 * 1024;

double unix_now() { return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count(); }

}  // namespace

void Monitor::start_session() {
  ++m_session;
  m_scan.reset();
  m_latency.clear();
  m_queue.clear();
  m_state.last_scan_ok = false;
  // What is known of the daemon may be another engine's now (a restart, an upgrade): answers wait for /info.
  m_state.daemon_known = false;
}

// How long the earliest event this verdict answers took to become one (Docker's clock and ours are the
// same host's).
void Monitor::record_event_latency(const std::string& id) {
  const auto event_nano = m_latency.answered(id);
  if (!event_nano) return;
  const auto now_nano =
      std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch()).count();
  m_state.event_to_verdict.observe(static_cast<double>(std::max<std::int64_t>(0, now_nano - *event_nano)) / 1e9);
}

void Monitor::forget(const std::string& id) {
  if (m_state.forget(id)) log::debug("container removed", {{"container", docker::short_id(id)}});
  m_latency.forget(id);
  m_queue.forget(id);
  m_scan.forget(id);
  finish_scan_if_settled();
}

void Monitor::first_outcome() {
  if (!m_on_first_outcome) return;
  auto callback = std::move(m_on_first_outcome);
  m_on_first_outcome = nullptr;
  callback();
}

// Also a result that events overtook while it was in flight: it is newer than the stored one, and the
// work queue inspects that container again.
void Monitor::apply_inspect(const std::string& id, const Expected<docker::Response>& response) {
  if (!response || (response->status != 200 && response->status != 404)) {
    inspect_failed(id, response ? "HTTP " + std::to_string(response->status) : response.error());
    return;
  }
  if (response->status == 404) {  // gone between event (or list) and inspect
    forget(id);
    return;
  }
  auto container = docker::parse_inspect(response->body);
  if (!container) {
    inspect_failed(id, container.error());
    return;
  }
  read_profile_file(*container);
  auto observation = observe_kernel(*container);
  if (m_state.daemon_known) {
    store(std::move(*container), std::move(observation));
  } else {  // no verdict without the daemon's default profile: held until /info answers
    m_scan.hold(id, {std::move(*container), std::move(observation)});
  }
  settle_scan(id);
}

void Monitor::store(docker::Container container, std::optional<kernel::Observation> observation) {
  const auto id = container.id;
  if (m_state.daemon.seccomp.podman) count_relative_profile_path(container);
  m_state.syscalls.know(container.id);
  m_state.containers.upsert(std::move(container), std::move(observation));
  record_event_latency(id);
  m_state.uninspectable.erase(id);
}

void Monitor::store_held_answers() {
  for (auto& held : m_scan.take_held()) store(std::move(held.container), std::move(held.kernel));
}

// One container's inspect failed: counted and shown, its last verdict kept, retried at the next resync.
// It does not fail the scan: Docker answers, and every other container's verdict stands.
void Monitor::inspect_failed(const std::string& id, const std::string& why) {
  m_state.count_request_error("inspect");
  m_state.uninspectable.insert(id);
  m_latency.failed(id);
  log::warn("inspect failed", {{"container", docker::short_id(id)}, {"err", why}});
  settle_scan(id);
}

// The kernel's word for a running container; unknown (and counted) when /proc cannot tell.
std::optional<kernel::Observation> Monitor::observe_kernel(const docker::Container& container) {
  // A paused container's processes are frozen, not gone: their filter is as readable as a running one's.
  if ((container.state != "running" && container.state != "paused") || container.pid <= 0) return std::nullopt;
  auto observation = kernel::observe_container(m_options.proc_path, container.pid, container.id);
  if (observation.seccomp.mode == kernel::SeccompMode::unknown) {
    ++m_state.kernel_read_errors;
    log::warn("seccomp state unknown", {{"container", docker::short_id(container.id)}, {"err", observation.error}});
  }
  return observation;
}

// A daemon-wide custom profile is a file on the Docker host: read it when this process can. The path
// comes from the engine: never a FIFO or a device, never more than max_profile_bytes, never blocking. It is
// analysed per container (its rules depend on the container's capabilities); one that dockerd could not
// decode is counted here and judged invalid_profile in every container it applies to.
std::optional<std::string> Monitor::read_daemon_profile(const docker::DaemonSeccomp& daemon) {
  if (!daemon.supported || daemon.profile != docker::DaemonProfile::file || !daemon.profile_path.starts_with('/')) {
    return std::nullopt;
  }
  auto text = read_regular_file(on_host(daemon.profile_path), max_profile_bytes);
  const auto decoded = text ? compliance::decode_profile(*text, compliance::engine_loader(daemon))
                            : Expected<compliance::SeccompProfile>(Error{text.error()});
  if (!decoded) {
    ++m_state.daemon_profile_read_errors;
    log::warn("daemon seccomp profile not read", {{"path", daemon.profile_path}, {"err", decoded.error()}});
  }
  if (!text) return std::nullopt;
  return std::move(*text);
}

// Podman's /info says "profile=default" whatever containers.conf sets (Podman 4.3 to 5.8): the files it reads,
// in its order (the package's, the admin's and its drop-ins by name, root's and its), under --host.root; the
// last setting wins.
// Without a setting, /etc/containers/seccomp.json replaces the package's file when it exists (containers/common
// pkg/config SeccompOverridePath; seen live on Podman 5.8: a profile written there applies to the next
// container, service running): the admin's file, judged as a daemon-wide custom profile. The package's file
// is Podman's default, the baseline of "risky" there.
void Monitor::read_podman_default(docker::DaemonSeccomp& daemon) const {
  if (auto text = read_regular_file(on_host(std::string(docker::podman_default_profile_path)), max_profile_bytes)) {
    daemon.podman_default_profile = std::move(*text);
  } else {
    log::warn("Podman's default seccomp profile not read; Docker's is the baseline", {{"err", text.error()}});
  }
  // containers/common pkg/config new.go systemConfigs, for root: then root's own file (its home from passwd
  // when the service has no HOME) and its drop-ins. CONTAINERS_CONF, in the service's environment, is not seen.
  std::vector<std::string> files = {"/usr/share/containers/containers.conf"};
  const auto with_drop_ins = [&](const std::string& file) {
    files.push_back(file);
    std::error_code ec;
    std::vector<std::string> drop_ins;
    for (const auto& entry : std::filesystem::directory_iterator(on_host(file + ".d"), ec)) {
      if (entry.path().extension() == ".conf") drop_ins.push_back(file + ".d/" + entry.path().filename().string());
    }
    std::sort(drop_ins.begin(), drop_ins.end());
    files.insert(files.end(), drop_ins.begin(), drop_ins.end());
  };
  with_drop_ins("/etc/containers/containers.conf");
  with_drop_ins("/root/.config/containers/containers.conf");
  std::optional<std::string> profile;
  for (const auto& file : files) {
    const auto text = read_regular_file(on_host(file), max_profile_bytes);
    if (!text) continue;
    if (auto value = docker::containers_conf_seccomp_profile(*text)) profile = std::move(value);
  }
  if (!profile || profile->empty()) {
    std::error_code exists_ec;
    if (!std::filesystem::exists(on_host(std::string(docker::podman_override_profile_path)), exists_ec)) return;
    profile = std::string(docker::podman_override_profile_path);
  }
  if (*profile == docker::podman_default_profile_path) return;  // Podman's default
  log::info("Podman's default seccomp profile, from containers.conf", {{"profile", *profile}});
  std::tie(daemon.profile, daemon.profile_path) = docker::parse_daemon_profile(*profile);  // "unconfined" too
}

// Podman keeps a custom profile's path in SecurityOpt: its text is read here, bounded as the daemon's file.
// Read for any engine (the daemon may not be known yet); only Podman's verdicts use it.
void Monitor::read_profile_file(docker::Container& container) {
  const auto option = compliance::seccomp_option(container.security_opt, false);
  if (option.kind != compliance::SeccompOption::Kind::custom || !option.profile.starts_with('/')) return;
  auto text = read_regular_file(on_host(option.profile), max_profile_bytes);
  if (!text) {
    ++m_state.profile_file_read_errors;
    log::warn("container seccomp profile file not read",
              {{"container", docker::short_id(container.id)}, {"path", option.profile}, {"err", text.error()}});
    return;
  }
  container.seccomp_profile_file = std::move(*text);
}

// Podman opened a relative path against its client's (or service's) working directory, which it does not
// record: the profile is unknown here (applicable_profile), and counted with the files that could not be read.
void Monitor::count_relative_profile_path(const docker::Container& container) {
  const auto option = compliance::seccomp_option(container.security_opt, false);
  if (option.kind != compliance::SeccompOption::Kind::custom || option.profile.starts_with('/')) return;
  ++m_state.profile_file_read_errors;
  log::warn("container seccomp profile file not read",
            {{"container", docker::short_id(container.id)},
             {"path", option.profile},
             {"err", "a relative path, opened against the Podman client's working directory, which is not recorded"}});
}

std::string Monitor::on_host(const std::string& path) const {
  return m_options.host_root == "/" ? path : m_options.host_root + path;
}

// Every id a list's absence can make vanish. Uninspectable ones too: without a record of their own, nothing
// else would ever forget one that left without a destroy event (or with one the stream dropped).
std::vector<std::string> Monitor::known_ids() const {
  std::vector<std::string> ids;
  ids.reserve(m_state.containers.size() + m_state.uninspectable.size());
  for (const auto& [id, record] : m_state.containers.records()) ids.push_back(id);
  for (const auto& id : m_state.uninspectable) {
    if (!m_state.containers.records().contains(id)) ids.push_back(id);
  }
  return ids;
}

void Monitor::settle_scan(const std::string& id) {
  m_scan.settle(id);
  finish_scan_if_settled();
}

void Monitor::finish_scan_if_settled() {
  if (m_scan.take_completion()) finish_scan();
}

void Monitor::finish_scan() {
  m_state.last_scan_ok = true;
  m_state.last_full_scan_unix_seconds = unix_now();
  first_outcome();
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_scan_started);
  log::info("full scan done", {{"containers", m_state.containers.size()},
                               {"duration_ms", fmt::format("{:.1f}", elapsed.count())},
                               {"uninspectable", m_state.uninspectable.size()}});
}

// A scan that cannot complete leaves verdicts unproven: reconnect (with backoff) and scan again.
void Monitor::fail_scan(std::string_view why) {
  m_scan.fail();
  m_state.last_scan_ok = false;
  log::warn("full scan failed; reconnecting", {{"err", why}});
  if (m_events != nullptr) m_events->close();
}

}  // namespace dse::monitor
