#pragma once
// The event loop that ties Docker to the state: subscribe to events, scan, re-inspect on change.
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>
#include <unordered_set>

#include "docker/engine_client.hpp"
#include "docker/event.hpp"
#include "monitor/host_files.hpp"
#include "monitor/options.hpp"
#include "monitor/scan_book.hpp"
#include "monitor/verdict_latency.hpp"
#include "monitor/work_queue.hpp"
#include "state/exporter_state.hpp"

namespace dse::docker {
struct TlsContext;
}  // namespace dse::docker

namespace dse::monitor {

class Monitor {
 public:
  // A new client for each connection to the engine (a session).
  using ClientFactory = std::function<std::shared_ptr<docker::EngineClient>(const boost::asio::any_io_executor&)>;

  // The Docker client on options.docker.host; tls: the client TLS context for a tcp:// engine with TLS, else
  // nullptr.
  Monitor(Options options, state::ExporterState& state, std::shared_ptr<docker::TlsContext> tls = nullptr);
  // Sessions on clients from make_client (a unit test's recorded engine).
  Monitor(Options options, state::ExporterState& state, ClientFactory make_client);

  // Runs until cancelled: connects, scans and follows events; reconnects when the engine goes away.
  boost::asio::awaitable<void> run();
  // Called once, after the first full scan or the first failure to get one (systemd's READY=1).
  void on_first_outcome(std::function<void()> callback) { m_on_first_outcome = std::move(callback); }
  // Whether run() has ended (an exception escaped it, or the loop destroyed it). Until then it is connected
  // and following events, or reconnecting. What feeds the systemd watchdog asks this: a monitor that died
  // must not be reported healthy.
  bool ended() const { return m_ended; }

 private:
  // Shared: inspects still in flight keep the session's client alive after the stream ended.
  using ClientPtr = std::shared_ptr<docker::EngineClient>;

  boost::asio::awaitable<bool> run_session(ClientPtr client);
  boost::asio::awaitable<void> follow_events(ClientPtr client, docker::BodyStream& events);
  boost::asio::awaitable<void> full_scan(ClientPtr client, std::uint64_t session);
  boost::asio::awaitable<void> resync_periodically(ClientPtr client, std::uint64_t session);
  boost::asio::awaitable<void> inspect(ClientPtr client, std::string id, std::uint64_t session);
  // early: take the answer of the /info asked as the session started (the session's first scan).
  boost::asio::awaitable<bool> reload_daemon_info(ClientPtr client, std::uint64_t session, bool early = false);
  boost::asio::awaitable<Expected<docker::Response>> daemon_info_answer(ClientPtr client, bool early);
  void ask_info_early(const ClientPtr& client);
  boost::asio::awaitable<void> scan_daemon_info(ClientPtr client, std::uint64_t session);
  boost::asio::awaitable<void> probe_liveness(ClientPtr client, std::uint64_t session);

  // Spawns a task of this session; one that fails (an exception, std::bad_alloc included) is logged,
  // counted as an internal error and turns into a reconnect and rescan: never a silent death.
  void spawn(const ClientPtr& client, const char* task, boost::asio::awaitable<void> work);
  void task_failed(const char* task, std::exception_ptr failure);

  void start_session();
  void on_event(const ClientPtr& client, const docker::Event& event);
  void pump(const ClientPtr& client);
  void apply_inspect(const std::string& id, const Expected<docker::Response>& response);
  void store(docker::Container container, std::optional<kernel::Observation> observation);
  void store_held_answers();
  void settle_scan(const std::string& id);
  void finish_scan_if_settled();
  void inspect_failed(const std::string& id, const std::string& why);
  void finish_scan();
  void fail_scan(std::string_view why);
  void forget(const std::string& id);
  void first_outcome();
  void record_event_latency(const std::string& id);
  std::optional<kernel::Observation> observe_kernel(const docker::Container& container);
  std::optional<std::string> read_profile_file(const docker::Container& container);
  std::vector<std::string_view> known_ids() const;  // views of the state's ids
  void give_up_slot_if_slow(const ClientPtr& client, const std::string& id, std::uint64_t session);

  const Options m_options;
  ClientFactory m_make_client;
  state::ExporterState& m_state;
  HostFiles m_host_files;
  WorkQueue m_queue;
  std::uint64_t m_session = 0;  // bumps on every (re)connect; late results of older sessions are dropped
  VerdictLatency m_latency;
  ScanBook m_scan;  // this session's scan: outstanding containers, held answers, event marks
  // dockerd reads its --seccomp-profile file once, when it starts, and Podman its containers.conf: read
  // here once per connection (a restart drops the connection) and per profile /info reports, not at every
  // /info (a resync, a `daemon reload` event).
  struct DaemonProfileFile {
    std::uint64_t session = 0;
    std::string reported;                                            // the profile /info names
    docker::DaemonProfile profile = docker::DaemonProfile::unknown;  // the one that applies (Podman:
    std::string path;                                                // containers.conf's) and its path
    compliance::HostProfiles texts;
  } m_daemon_profile_file;
  // /info asked as a session starts, alongside /_ping and /events: on dockerd 28 it answered after the list
  // and 100 inspects, and every verdict waits for it. The session's first scan takes the answer when it is
  // a 200, else asks again at the negotiated version. No version is chosen yet: it is asked at the pinned
  // one, else at 1.41 (Docker 20.10's, which every engine the exporter supports answers, Podman's compat API
  // included; everything read from /info exists since 1.24).
  struct EarlyInfo;
  std::shared_ptr<EarlyInfo> m_early_info;
  docker::BodyStream* m_events = nullptr;  // the session's stream, closed to force a reconnect
  std::chrono::steady_clock::time_point m_scan_started;
  std::function<void()> m_on_first_outcome;
  bool m_ended = false;
};

}  // namespace dse::monitor
