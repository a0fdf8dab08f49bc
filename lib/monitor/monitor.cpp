#include "monitor/monitor.hpp"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <random>

#include "compliance/profile_analysis.hpp"
#include "docker/container_list.hpp"
#include "docker/line_decoder.hpp"
#include "metrics/families.hpp"
#include "monitor/event_reaction.hpp"
#include "util/read_file.hpp"

namespace dse::monitor {

namespace asio = boost::asio;

namespace {

// {"type":["container","daemon"]}, URL-encoded.
constexpr const char* events_path = "/events?filters=%7B%22type%22%3A%5B%22container%22%2C%22daemon%22%5D%7D";
constexpr std::size_t max_concurrent_inspects = 8;
constexpr auto initial_backoff = std::chrono::milliseconds(500);
constexpr auto max_backoff = std::chrono::seconds(30);

double unix_now() {
  return std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
}

asio::awaitable<void> sleep_for(std::chrono::milliseconds duration) {
  asio::steady_timer timer(co_await asio::this_coro::executor, duration);
  co_await timer.async_wait(asio::use_awaitable);
}

std::chrono::milliseconds with_jitter(std::chrono::milliseconds base) {
  static thread_local std::minstd_rand random{std::random_device{}()};
  std::uniform_real_distribution<double> factor(0.8, 1.2);
  return std::chrono::milliseconds(static_cast<long long>(static_cast<double>(base.count()) * factor(random)));
}

}  // namespace

Monitor::Monitor(const config::Config& config, ExporterState& state, std::shared_ptr<docker::TlsContext> tls)
    : m_config(config), m_tls(std::move(tls)), m_state(state), m_queue(max_concurrent_inspects) {}

asio::awaitable<void> Monitor::run() {
  auto executor = co_await asio::this_coro::executor;
  std::chrono::milliseconds backoff = initial_backoff;
  while (true) {
    auto client = std::make_shared<docker::Client>(executor, m_config.docker_host, m_config.docker_timeout, m_tls);
    const bool was_healthy = co_await run_session(client);
    m_state.events_connected = false;
    first_outcome();
    if (was_healthy) backoff = initial_backoff;
    const auto delay = with_jitter(backoff);
    spdlog::info("reconnecting to Docker in {} ms", delay.count());
    co_await sleep_for(delay);
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, max_backoff);
  }
}

void Monitor::start_session() {
  ++m_session;
  m_scan_in_progress = false;
  m_event_seq = 0;
  m_last_event_seq.clear();
  m_latency.clear();
  m_scan_outstanding.clear();
  m_queue.clear();
  m_state.last_scan_ok = false;
}

// One connection's lifetime. Returns whether it got as far as a complete scan.
asio::awaitable<bool> Monitor::run_session(ClientPtr client) {
  start_session();
  const auto session = m_session;
  const auto version = co_await client->negotiate(m_config.docker_api_version);
  if (!version) {
    m_state.count_request_error("ping");
    spdlog::warn("Docker at {} unreachable: {}", client->host().to_string(), version.error());
    co_return false;
  }
  // Subscribe before listing: an event for a container the list misses is then never lost.
  auto events = co_await client->stream(events_path);
  if (!events) {
    m_state.count_request_error("events");
    spdlog::warn("subscribing to Docker events failed: {}", events.error());
    co_return false;
  }
  spdlog::info("connected to Docker at {} (API {})", client->host().to_string(), *version);
  m_state.events_connected = true;
  asio::co_spawn(co_await asio::this_coro::executor, full_scan(client, session), asio::detached);
  if (m_config.resync_interval.count() > 0) {
    asio::co_spawn(co_await asio::this_coro::executor, resync_periodically(client, session), asio::detached);
  }
  m_events = events->get();
  co_await follow_events(client, **events);
  m_events = nullptr;
  ++m_session;  // results still in flight belong to a dead session
  co_return m_state.last_scan_ok;
}

asio::awaitable<void> Monitor::follow_events(ClientPtr client, docker::BodyStream& events) {
  docker::LineDecoder decoder;
  const auto on_line = [&](std::string_view line) {
    auto event = docker::parse_event(line);
    if (!event) {
      m_state.count_request_error("events");
      spdlog::warn("skipping undecodable Docker event ({}): {:.200}", event.error(), line);
      return;
    }
    on_event(client, *event);
  };
  const auto on_overflow = [&] {
    m_state.count_request_error("events");
    spdlog::warn("skipping a Docker event line longer than the limit");
  };
  while (true) {
    auto chunk = co_await events.read_some();
    if (!chunk) {
      m_state.count_request_error("events");
      spdlog::warn("Docker events stream ended: {}", chunk.error());
      co_return;
    }
    decoder.feed(*chunk, on_line, on_overflow);
  }
}

void Monitor::on_event(const ClientPtr& client, const docker::Event& event) {
  ++m_event_seq;
  m_state.count_event(std::string(metrics::event_action_label(event.action)));
  switch (reaction_to(event)) {
    case Reaction::ignore: return;
    case Reaction::reinspect:
      if (!docker::is_valid_container_ref(event.actor_id)) {
        m_state.count_request_error("events");
        spdlog::warn("ignoring an event with an invalid container id: {:.80}", event.actor_id);
        return;
      }
      m_last_event_seq[event.actor_id] = m_event_seq;
      m_latency.event(event.actor_id, event.time_nano, m_queue.in_flight(event.actor_id));
      m_queue.mark_dirty(event.actor_id);
      pump(client);
      return;
    case Reaction::remove:
      forget(event.actor_id);
      return;
    case Reaction::reload_daemon:
      asio::co_spawn(client->executor(), reload_daemon_info(client, m_session), asio::detached);
      return;
  }
}

// How long the earliest event this verdict answers took to become one (Docker's clock and ours are the
// same host's).
void Monitor::record_event_latency(const std::string& id) {
  const auto event_nano = m_latency.answered(id);
  if (!event_nano) return;
  const auto now_nano = std::chrono::duration_cast<std::chrono::nanoseconds>(
                            std::chrono::system_clock::now().time_since_epoch()).count();
  m_state.event_to_verdict.observe(static_cast<double>(std::max<std::int64_t>(0, now_nano - *event_nano)) / 1e9);
}

void Monitor::forget(const std::string& id) {
  if (m_state.containers.erase(id)) spdlog::debug("container {} removed", docker::short_id(id));
  m_last_event_seq.erase(id);
  m_latency.forget(id);
  m_queue.forget(id);
  m_state.uninspectable.erase(id);
  settle_scan(id);
}

void Monitor::first_outcome() {
  if (!m_on_first_outcome) return;
  auto callback = std::move(m_on_first_outcome);
  m_on_first_outcome = nullptr;
  callback();
}

void Monitor::pump(const ClientPtr& client) {
  while (auto id = m_queue.start_next()) {
    asio::co_spawn(client->executor(), inspect(client, std::move(*id), m_session), asio::detached);
  }
}

asio::awaitable<void> Monitor::inspect(ClientPtr client, std::string id, std::uint64_t session) {
  const auto response = co_await client->get("/containers/" + id + "/json");
  if (session != m_session) co_return;
  if (m_queue.finish(id) != WorkQueue::Outcome::discard) apply_inspect(id, response);
  pump(client);
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
  m_state.containers.upsert(std::move(*container), std::move(observation));
  record_event_latency(id);
  m_state.uninspectable.erase(id);
  settle_scan(id);
}

// One container's inspect failed: counted and shown, its last verdict kept, retried at the next resync.
// It does not fail the scan: Docker answers, and every other container's verdict stands.
void Monitor::inspect_failed(const std::string& id, const std::string& why) {
  m_state.count_request_error("inspect");
  m_state.uninspectable.insert(id);
  m_latency.failed(id);
  spdlog::warn("inspect of {} failed: {}", docker::short_id(id), why);
  settle_scan(id);
}

// The kernel's word for a running container; unknown (and counted) when /proc cannot tell.
std::optional<kernel::Observation> Monitor::observe_kernel(const docker::Container& container) {
  if (container.state != "running" || container.pid <= 0) return std::nullopt;
  auto observation = kernel::observe_container(m_config.proc_path, container.pid, container.id);
  if (observation.seccomp.mode == kernel::SeccompMode::unknown) {
    ++m_state.kernel_read_errors;
    spdlog::warn("seccomp state of {} unknown: {}", docker::short_id(container.id), observation.error);
  }
  return observation;
}

// A daemon-wide custom profile is a file on the Docker host: analyse it when this process can read it.
std::optional<compliance::ProfileAnalysis> Monitor::read_daemon_profile(const docker::DaemonSeccomp& daemon) {
  if (!daemon.supported || !daemon.profile.starts_with('/')) return std::nullopt;
  const auto text = read_file(daemon.profile);
  auto analysis = text ? compliance::analyse_profile(*text) : Expected<compliance::ProfileAnalysis>(Error{text.error()});
  if (!analysis) {
    spdlog::warn("daemon seccomp profile {} not analysed: {}", daemon.profile, analysis.error());
    return std::nullopt;
  }
  return *analysis;
}

asio::awaitable<bool> Monitor::reload_daemon_info(ClientPtr client, std::uint64_t session) {
  const auto body = docker::ok_body(co_await client->get("/info"));
  if (session != m_session) co_return false;
  auto info = body ? docker::parse_daemon_info(*body) : Expected<docker::DaemonInfo>(Error{body.error()});
  if (!info) {
    m_state.count_request_error("info");
    spdlog::warn("reading Docker /info failed: {}", info.error());
    co_return false;
  }
  spdlog::info("Docker {} default seccomp profile: {}", info->server_version,
               info->seccomp.supported ? info->seccomp.profile : "none (no seccomp support)");
  auto daemon_profile = read_daemon_profile(info->seccomp);
  m_state.set_daemon(std::move(*info), std::move(daemon_profile));
  co_return true;
}

// A full scan now and then catches whatever the stream missed; it never overlaps another scan.
asio::awaitable<void> Monitor::resync_periodically(ClientPtr client, std::uint64_t session) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (true) {
    timer.expires_after(m_config.resync_interval);
    co_await timer.async_wait(asio::use_awaitable);
    if (session != m_session) co_return;
    if (m_scan_in_progress) continue;
    spdlog::debug("periodic resync");
    co_await full_scan(client, session);
  }
}

asio::awaitable<void> Monitor::full_scan(ClientPtr client, std::uint64_t session) {
  m_scan_in_progress = true;
  m_scan_started = std::chrono::steady_clock::now();
  // The daemon's default profile first: every verdict depends on it.
  if (!co_await reload_daemon_info(client, session)) {
    if (session == m_session) fail_scan("no daemon info");
    co_return;
  }
  const auto listed_at_seq = m_event_seq;
  const auto body = docker::ok_body(co_await client->get("/containers/json?all=1"));
  if (session != m_session) co_return;
  auto ids = body ? docker::parse_container_list(*body) : Expected<std::vector<std::string>>(Error{body.error()});
  if (!ids) {
    m_state.count_request_error("containers_list");
    spdlog::warn("listing containers failed: {}", ids.error());
    fail_scan("no container list");
    co_return;
  }
  std::unordered_set<std::string> listed(ids->begin(), ids->end());
  drop_vanished(listed, listed_at_seq);
  m_scan_outstanding = std::move(listed);
  for (const auto& id : *ids) m_queue.mark_dirty(id);
  if (m_scan_outstanding.empty()) finish_scan();  // an empty host
  pump(client);
}

// Known containers missing from the list are gone, unless an event touched them after the list was asked for.
void Monitor::drop_vanished(const std::unordered_set<std::string>& listed, std::uint64_t listed_at_seq) {
  std::vector<std::string> vanished;
  for (const auto& [id, record] : m_state.containers.records()) {
    const auto seen = m_last_event_seq.find(id);
    const bool touched_since_list = seen != m_last_event_seq.end() && seen->second > listed_at_seq;
    if (!listed.contains(id) && !touched_since_list) vanished.push_back(id);
  }
  for (const auto& id : vanished) forget(id);
}

void Monitor::settle_scan(const std::string& id) {
  if (m_scan_outstanding.erase(id) == 0) return;
  if (m_scan_outstanding.empty()) finish_scan();
}

void Monitor::finish_scan() {
  m_scan_in_progress = false;
  m_state.last_scan_ok = true;
  m_state.last_full_scan_unix_seconds = unix_now();
  first_outcome();
  const auto elapsed = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - m_scan_started);
  spdlog::info("full scan done: {} containers in {:.1f} ms{}", m_state.containers.size(), elapsed.count(),
               m_state.uninspectable.empty() ? std::string()
                                             : ", " + std::to_string(m_state.uninspectable.size()) + " could not be inspected");
}

// A scan that cannot complete leaves verdicts unproven: reconnect (with backoff) and scan again.
void Monitor::fail_scan(std::string_view why) {
  m_scan_in_progress = false;
  m_state.last_scan_ok = false;
  spdlog::warn("full scan failed ({}); reconnecting", why);
  if (m_events != nullptr) m_events->close();
}

}  // namespace dse::monitor
