#include "monitor/monitor.hpp"

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <random>

#include "docker/client.hpp"
#include "docker/container_list.hpp"
#include "docker/line_decoder.hpp"
#include "monitor/event_reaction.hpp"
#include "util/failpoint.hpp"
#include "util/log.hpp"
#include "util/startup_trace.hpp"

namespace dse::monitor {

namespace asio = boost::asio;

namespace {

// {"type":["container","daemon"]}, URL-encoded.
constexpr const char* events_path = "/events?filters=%7B%22type%22%3A%5B%22container%22%2C%22daemon%22%5D%7D";
constexpr std::size_t max_concurrent_inspects = 8;
// An inspect still unanswered after slot_patience gives up its slot to the next one; at most
// max_inspects_in_flight wait at once, slow ones included (each is a connection to the engine).
constexpr std::size_t max_inspects_in_flight = 64;
constexpr auto slot_patience = std::chrono::seconds(1);
constexpr auto initial_backoff = std::chrono::milliseconds(500);
constexpr auto max_backoff = std::chrono::seconds(30);

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

Monitor::Monitor(Options options, state::ExporterState& state, std::shared_ptr<docker::TlsContext> tls)
    : Monitor(options, state,
              [host = options.docker.host, timeout = options.docker.timeout,
               tls = std::move(tls)](const asio::any_io_executor& executor) -> std::shared_ptr<docker::EngineClient> {
                return std::make_shared<docker::Client>(executor, host, timeout, tls);
              }) {}

Monitor::Monitor(Options options, state::ExporterState& state, ClientFactory make_client)
    : m_options(std::move(options)),
      m_make_client(std::move(make_client)),
      m_state(state),
      m_host_files(m_options.host_root),
      m_queue(max_concurrent_inspects, max_inspects_in_flight) {}

asio::awaitable<void> Monitor::run() {
  struct Ended {  // also when the loop destroys this frame, or an exception escapes
    Monitor& monitor;
    ~Ended() {
      monitor.m_ended = true;
      monitor.m_state.events_connected = false;
    }
  } ended{*this};
  auto executor = co_await asio::this_coro::executor;
  std::chrono::milliseconds backoff = initial_backoff;
  while (true) {
    auto client = m_make_client(executor);
    bool was_healthy = false;
    std::exception_ptr failure;
    try {
      was_healthy = co_await run_session(client);
    } catch (...) {  // the events reader included: e.g. std::bad_alloc under a memory limit
      failure = std::current_exception();
    }
    if (failure) {
      m_events = nullptr;  // the stream went with the session's frame
      ++m_session;
      task_failed("session", failure);
    }
    m_state.events_connected = false;
    first_outcome();
    if (was_healthy) backoff = initial_backoff;
    const auto delay = with_jitter(backoff);
    log::info("reconnecting to Docker", {{"in_ms", delay.count()}});
    co_await sleep_for(delay);
    failpoint("monitor");  // outside every handler: the monitor itself dies
    backoff = std::min<std::chrono::milliseconds>(backoff * 2, max_backoff);
  }
}

// One connection's lifetime. Returns whether it got as far as a complete scan.
asio::awaitable<bool> Monitor::run_session(ClientPtr client) {
  start_session();
  const auto session = m_session;
  ask_info_early(client);
  startup::mark(startup::Phase::ping_sent);
  const auto version = co_await client->negotiate(m_options.docker.api_version);
  if (!version) {
    m_state.count_request_error("ping");
    log::warn("Docker unreachable", {{"host", client->host().to_string()}, {"err", version.error()}});
    co_return false;
  }
  startup::mark(startup::Phase::ping_answered);
  // Subscribe before listing: an event for a container the list misses is then never lost.
  auto events = co_await client->stream(events_path);
  if (!events) {
    m_state.count_request_error("events");
    log::warn("subscribing to Docker events failed", {{"err", events.error()}});
    co_return false;
  }
  startup::mark(startup::Phase::events_subscribed);
  log::info("connected to Docker", {{"host", client->host().to_string()}, {"api", *version}});
  m_state.events_connected = true;
  spawn(client, "scan", full_scan(client, session));
  if (m_options.resync_interval.count() > 0) spawn(client, "resync", resync_periodically(client, session));
  spawn(client, "liveness", probe_liveness(client, session));
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
      log::warn("skipping undecodable Docker event", {{"err", event.error()}, {"line", line.substr(0, 200)}});
      return;
    }
    on_event(client, *event);
  };
  const auto on_overflow = [&] {
    m_state.count_request_error("events");
    log::warn("skipping a Docker event line longer than the limit");
  };
  while (true) {
    auto chunk = co_await events.read_some();
    if (!chunk) {
      m_state.count_request_error("events");
      log::warn("Docker events stream ended", {{"err", chunk.error()}});
      co_return;
    }
    failpoint("events");
    decoder.feed(*chunk, on_line, on_overflow);
  }
}

void Monitor::on_event(const ClientPtr& client, const docker::Event& event) {
  m_scan.event_seen();
  m_state.count_event(std::string(docker::event_action_label(event.action)));
  switch (reaction_to(event)) {
    case Reaction::ignore: return;
    case Reaction::reinspect:
      if (!docker::is_valid_container_ref(event.actor_id)) {
        m_state.count_request_error("events");
        log::warn("ignoring an event with an invalid container id", {{"id", event.actor_id.substr(0, 80)}});
        return;
      }
      m_scan.container_event(event.actor_id);
      m_latency.event(event.actor_id, event.time_nano, m_queue.in_flight(event.actor_id));
      m_queue.mark_dirty(event.actor_id);
      pump(client);
      return;
    case Reaction::remove: forget(event.actor_id); return;
    case Reaction::reload_daemon:
      spawn(client, "daemon_info", [](Monitor* self, ClientPtr c, std::uint64_t s) -> asio::awaitable<void> {
        co_await self->reload_daemon_info(std::move(c), s);
      }(this, client, m_session));
      return;
  }
}

void Monitor::pump(const ClientPtr& client) {
  while (auto id = m_queue.start_next()) {
    spawn(client, "inspect", inspect(client, std::move(*id), m_session));
  }
}

asio::awaitable<void> Monitor::inspect(ClientPtr client, std::string id, std::uint64_t session) {
  asio::steady_timer patience(client->executor(), slot_patience);
  patience.async_wait([this, client, id, session](const boost::system::error_code& ec) {
    if (!ec) give_up_slot_if_slow(client, id, session);  // not when cancelled: the answer came in time
  });
  const auto response = co_await client->get("/containers/" + id + "/json");
  patience.cancel();
  failpoint("inspect");
  if (session != m_session) co_return;
  if (m_queue.finish(id) != WorkQueue::Outcome::discard) apply_inspect(id, response);
  pump(client);
}

asio::awaitable<bool> Monitor::reload_daemon_info(ClientPtr client, std::uint64_t session, bool early) {
  const auto body = docker::ok_body(co_await daemon_info_answer(client, early));
  if (session != m_session) co_return false;
  auto info = body ? docker::parse_daemon_info(*body) : Expected<docker::DaemonInfo>(Error{body.error()});
  if (!info) {
    m_state.count_request_error("info");
    log::warn("reading Docker /info failed", {{"err", info.error()}});
    co_return false;
  }
  log::info("Docker's default seccomp profile",
            {{"version", info->server_version},
             {"profile", info->seccomp.supported ? info->seccomp.profile_name() : "none (no seccomp support)"}});
  auto& file = m_daemon_profile_file;
  if (const auto reported = info->seccomp.profile_name(); file.session != session || file.reported != reported) {
    auto profiles = m_host_files.read_engine_profiles(info->seccomp);
    if (profiles.daemon_file_failed) ++m_state.daemon_profile_read_errors;
    file = {session, reported, info->seccomp.profile, info->seccomp.profile_path, std::move(profiles.texts)};
  }
  info->seccomp.profile = file.profile;
  info->seccomp.profile_path = file.path;
  startup::mark(startup::Phase::info_answered);
  m_state.set_daemon(std::move(*info), file.texts);
  store_held_answers();
  co_return true;
}

// A full scan now and then catches whatever the stream missed; it never overlaps another scan.
asio::awaitable<void> Monitor::resync_periodically(ClientPtr client, std::uint64_t session) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (true) {
    timer.expires_after(m_options.resync_interval);
    co_await timer.async_wait(asio::use_awaitable);
    if (session != m_session) co_return;
    if (m_scan.in_progress()) continue;
    log::debug("periodic resync");
    co_await full_scan(client, session);
  }
}

// /info alongside the list and the inspects: on dockerd it takes as long as 200 inspects. Every verdict
// depends on the daemon's default profile, so the scan is complete only with it, and until the daemon is
// first known answers wait for it (see apply_inspect); it judges every container again when it arrives.
asio::awaitable<void> Monitor::full_scan(ClientPtr client, std::uint64_t session) {
  m_scan.begin();
  m_scan_started = std::chrono::steady_clock::now();
  spawn(client, "daemon_info", scan_daemon_info(client, session));
  const auto listed_at_seq = m_scan.event_seq();
  const auto body = docker::ok_body(co_await client->get("/containers/json?all=1"));
  if (session != m_session) co_return;
  startup::mark(startup::Phase::list_answered);
  failpoint("scan");
  auto ids = body ? docker::parse_container_list(*body) : Expected<docker::ContainerIds>(Error{body.error()});
  if (!ids) {
    m_state.count_request_error("containers_list");
    log::warn("listing containers failed", {{"err", ids.error()}});
    fail_scan("no container list");
    co_return;
  }
  // Known containers missing from the list are gone, unless an event touched them after it was asked for.
  for (const auto& id : m_scan.listed(std::move(*ids), listed_at_seq, known_ids())) forget(id);
  for (const auto id : m_scan.listed_ids()) m_queue.mark_dirty(std::string(id));
  finish_scan_if_settled();  // an empty host
  pump(client);
}

asio::awaitable<void> Monitor::scan_daemon_info(ClientPtr client, std::uint64_t session) {
  const bool read = co_await reload_daemon_info(client, session, true);
  if (session != m_session || !m_scan.in_progress()) co_return;
  if (!read) {
    fail_scan("no daemon info");
    co_return;
  }
  m_scan.info_arrived();
  finish_scan_if_settled();
}

}  // namespace dse::monitor
