// The monitor's bookkeeping: what it does with what Docker answered (an inspect, a failure, a list), and
// how a scan settles. No I/O but reading /proc and, through HostFiles, the profile files the engine names;
// the flow that asks Docker is in monitor.cpp.

#include <algorithm>

#include "compliance/checks.hpp"
#include "monitor/monitor.hpp"
#include "util/log.hpp"
#include "util/startup_trace.hpp"

namespace dse::monitor {

namespace {

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
  auto profile_file = read_profile_file(container);
  m_state.syscalls.know(container.id);
  m_state.containers.upsert(std::move(container), std::move(observation), std::move(profile_file));
  record_event_latency(id);
  m_state.uninspectable.erase(id);
}

void Monitor::store_held_answers() {
  for (auto& held : m_scan.take_held()) store(std::move(held.container), std::move(held.kernel));
}

// Podman keeps a custom profile's path in SecurityOpt: its text, bounded as the daemon's file; one that
// cannot be read (or a relative path) is counted, and the profile is unknown (applicable_profile).
std::optional<std::string> Monitor::read_profile_file(const docker::Container& container) {
  if (!m_state.daemon.seccomp.podman) return std::nullopt;
  const auto option = compliance::container_seccomp_option(container, m_state.daemon.seccomp);
  auto text = m_host_files.read_container_profile(option);
  if (!text) return std::nullopt;
  if (!*text) {
    ++m_state.profile_file_read_errors;
    log::warn("container seccomp profile file not read",
              {{"container", docker::short_id(container.id)}, {"path", option.profile}, {"err", text->error()}});
    return std::nullopt;
  }
  return std::move(**text);
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

// Every id a list's absence can make vanish. Uninspectable ones too: without a record of their own, nothing
// else would ever forget one that left without a destroy event (or with one the stream dropped).
std::vector<std::string_view> Monitor::known_ids() const {
  std::vector<std::string_view> ids;
  ids.reserve(m_state.containers.size() + m_state.uninspectable.size());
  for (const auto& [id, record] : m_state.containers.records()) ids.emplace_back(id);
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
  startup::mark(startup::Phase::scan_done);
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
