// The monitor's session flow without a socket: a recorded engine answers the list, /info and the inspects
// from tests/fixtures, and the test writes Docker's events into the stream. The loop runs until what the
// test waits for holds, or a deadline.
#include <catch2/catch.hpp>

#include <algorithm>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <deque>
#include <map>
#include <set>
#include <sstream>

#include "docker/container.hpp"
#include "docker/engine_client.hpp"
#include "fixtures.hpp"
#include "monitor/monitor.hpp"

namespace asio = boost::asio;
using dse::Expected;
using dse::docker::Response;

namespace {

// Something a coroutine waits for until the test says: more events, or an answer let go.
struct Signal {
  explicit Signal(const asio::any_io_executor& executor) : timer(executor, asio::steady_timer::time_point::max()) {}
  asio::awaitable<void> wait() {
    boost::system::error_code ignored;
    co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ignored));
    timer.expires_at(asio::steady_timer::time_point::max());
  }
  void raise() { timer.cancel(); }
  asio::steady_timer timer;
};

struct EventsChannel : Signal {
  using Signal::Signal;
  std::deque<std::string> pending;
  bool ended = false;
};

// The engine's side: what it answers now, what it holds back, and every request it saw.
struct RecordedEngine {
  std::map<std::string, Response> answers;              // by path; missing: 404, as dockerd for a gone container
  std::map<std::string, std::shared_ptr<Signal>> held;  // answered (as of the request) once let go
  std::vector<std::string> asked;
  int sessions = 0;
  std::optional<std::string> refused_version;  // e.g. "/v1.41/": answered 400, as an older engine does
  bool unreachable = false;                    // the ping fails: no session gets further
  std::shared_ptr<EventsChannel> events;       // the current session's stream
};

class RecordedStream final : public dse::docker::BodyStream {
 public:
  explicit RecordedStream(std::shared_ptr<EventsChannel> channel) : m_channel(std::move(channel)) {}
  asio::awaitable<Expected<std::string>> read_some() override {
    while (m_channel->pending.empty() && !m_channel->ended) co_await m_channel->wait();
    if (m_channel->pending.empty()) co_return dse::Error{"stream closed by the engine"};
    auto bytes = std::move(m_channel->pending.front());
    m_channel->pending.pop_front();
    co_return bytes;
  }
  void close() override {
    m_channel->ended = true;
    m_channel->raise();
  }

 private:
  std::shared_ptr<EventsChannel> m_channel;
};

class RecordedClient final : public dse::docker::EngineClient {
 public:
  RecordedClient(asio::any_io_executor executor, std::shared_ptr<RecordedEngine> engine)
      : m_executor(std::move(executor)),
        m_engine(std::move(engine)),
        m_host(*dse::docker::parse_docker_host("unix:///recorded.sock")) {}

  asio::awaitable<Expected<std::string>> negotiate(std::string) override {
    ++m_engine->sessions;
    if (m_engine->unreachable) co_return dse::Error{"connect: No such file or directory"};
    co_return std::string("1.41");
  }
  using EngineClient::get;
  asio::awaitable<Expected<Response>> get(std::string path, std::optional<std::chrono::milliseconds>) override {
    // As the engine: a path's own version ("/v1.41/info", asked before the negotiation ends) is dropped.
    if (path.starts_with("/v1.")) {
      if (m_engine->refused_version && path.starts_with(*m_engine->refused_version)) {
        co_return Response{
            400, R"({"message":"client version 1.41 is too new. Maximum supported API version is 1.40"})", {}};
      }
      path.erase(0, path.find('/', 1));
    }
    m_engine->asked.push_back(path);
    const auto found = m_engine->answers.find(path);
    Response answer = found != m_engine->answers.end() ? found->second : Response{404, R"({"message":"gone"})", {}};
    if (const auto held = m_engine->held.find(path); held != m_engine->held.end()) {
      const auto signal = held->second;
      co_await signal->wait();
    }
    co_return answer;
  }
  asio::awaitable<Expected<std::unique_ptr<dse::docker::BodyStream>>> stream(std::string) override {
    m_engine->events = std::make_shared<EventsChannel>(m_executor);
    co_return std::unique_ptr<dse::docker::BodyStream>(std::make_unique<RecordedStream>(m_engine->events));
  }
  const dse::docker::DockerHost& host() const override { return m_host; }
  const asio::any_io_executor& executor() const override { return m_executor; }

 private:
  asio::any_io_executor m_executor;
  std::shared_ptr<RecordedEngine> m_engine;
  dse::docker::DockerHost m_host;
};

const std::vector<std::string> recorded_names = {"custom",  "exited",       "plain",    "priv",
                                                 "running", "unconf_colon", "unconf_eq"};

std::string id_of(const std::string& name) {
  return dse::docker::parse_inspect(dse::test::fixture("inspect/" + name + ".json"))->id;
}

std::string inspect_path(const std::string& name) { return "/containers/" + id_of(name) + "/json"; }

// A recorded event line (events.jsonl) with this action, about the container with this id.
std::string event_line(const std::string& action, const std::string& id) {
  std::istringstream lines(dse::test::fixture("events.jsonl"));
  const std::string recorded_id = "9e9effb4679d67535ee0c2634f1988039f1094653bafb076a64b9e744702321c";
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"Action\":\"" + action + "\"") == std::string::npos) continue;
    for (auto at = line.find(recorded_id); at != std::string::npos; at = line.find(recorded_id)) {
      line.replace(at, recorded_id.size(), id);
    }
    return line + "\n";
  }
  throw std::runtime_error("no recorded " + action + " event");
}

// The monitor on the recorded engine, and the loop that runs it. The loop goes first when the session
// ends: the coroutines it destroys still see the monitor and the state.
struct Session {
  Session() {
    for (const auto& name : recorded_names) {
      engine->answers[inspect_path(name)] = {200, dse::test::fixture("inspect/" + name + ".json"), {}};
    }
    engine->answers["/containers/json?all=1"] = {200, dse::test::fixture("containers_list.json"), {}};
    engine->answers["/info"] = {200, dse::test::fixture("info/default.json"), {}};
    engine->answers["/_ping"] = {200, "OK", {}};
  }
  ~Session() {
    engine->events.reset();  // its timer goes with the loop
    engine->held.clear();
  }
  void start() {
    asio::co_spawn(io, monitor.run(), [this](std::exception_ptr failure) { escaped = failure != nullptr; });
  }
  template <class Condition>
  bool run_until(Condition done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!done()) {
      if (std::chrono::steady_clock::now() > deadline) return false;
      io.run_one_for(std::chrono::milliseconds(10));
    }
    return true;
  }
  // Runs what is ready now, without waiting: what the engine answered at once has been handled after it.
  void drain() {
    while (io.poll() > 0) {
    }
  }
  bool asked_everything() const {
    for (const auto& name : recorded_names) {
      if (std::find(engine->asked.begin(), engine->asked.end(), inspect_path(name)) == engine->asked.end())
        return false;
    }
    return true;
  }
  void push_event(const std::string& action, const std::string& name) {
    engine->events->pending.push_back(event_line(action, id_of(name)));
    engine->events->raise();
  }
  std::optional<dse::compliance::Reason> reason(const std::string& name) const {
    const auto& records = state.containers.records();
    const auto found = records.find(id_of(name));
    if (found == records.end()) return std::nullopt;
    return found->second.verdict.reason;
  }
  static dse::monitor::Options options() {
    dse::monitor::Options options;
    options.resync_interval = std::chrono::milliseconds(0);
    options.proc_path = "/nonexistent-proc";  // the two running containers' kernel word: unknown, counted
    return options;
  }

  dse::state::ExporterState state;
  std::shared_ptr<RecordedEngine> engine = std::make_shared<RecordedEngine>();
  dse::monitor::Monitor monitor{options(), state, [engine = engine](const asio::any_io_executor& executor) {
                                  return std::make_shared<RecordedClient>(executor, engine);
                                }};
  bool escaped = false;
  asio::io_context io;
};

}  // namespace

using dse::compliance::Reason;

TEST_CASE("Monitor session: a scan judges every listed container, once /info is known") {
  Session session;
  session.engine->held["/info"] = std::make_shared<Signal>(session.io.get_executor());
  session.start();
  REQUIRE(session.run_until([&] { return session.state.events_connected; }));
  // Every inspect answered, /info not yet: no verdict without the daemon's default profile.
  REQUIRE(session.run_until([&] { return session.asked_everything(); }));
  session.drain();
  CHECK(session.state.containers.size() == 0);
  CHECK_FALSE(session.state.last_scan_ok);
  session.engine->held["/info"]->raise();
  REQUIRE(session.run_until([&] { return session.state.last_scan_ok; }));
  CHECK(session.state.containers.size() == recorded_names.size());
  CHECK(session.reason("plain") == Reason::default_profile);
  CHECK(session.reason("unconf_eq") == Reason::unconfined);
  CHECK(session.reason("priv") == Reason::privileged);
  CHECK(session.state.kernel_read_errors == 2);
  CHECK(session.state.docker_up());
  CHECK_FALSE(session.escaped);
}

TEST_CASE("Monitor session: an event that overtakes an inspect gets the newer answer; a 404 mid-scan vanishes") {
  Session session;
  const auto plain = inspect_path("plain");
  session.engine->held[plain] = std::make_shared<Signal>(session.io.get_executor());
  session.engine->answers.erase(inspect_path("exited"));  // removed between the list and its inspect
  session.start();
  REQUIRE(session.run_until([&] { return session.asked_everything(); }));
  session.drain();
  // While plain's first inspect is out, it is restarted unconfined: the event's inspect must win.
  auto& answer = session.engine->answers[plain].body;
  answer.replace(answer.find(R"("SecurityOpt": null)"), 19, R"("SecurityOpt": ["seccomp=unconfined"])");
  const auto first_answer = session.engine->held[plain];
  session.engine->held.erase(plain);  // the next inspect is answered at once
  session.push_event("update", "plain");
  session.drain();
  first_answer->raise();  // the first inspect's answer, as of its request, arrives after the event
  REQUIRE(session.run_until([&] { return session.state.last_scan_ok; }));
  REQUIRE(session.run_until([&] { return session.reason("plain") == Reason::unconfined; }));
  CHECK(std::count(session.engine->asked.begin(), session.engine->asked.end(), plain) == 2);
  CHECK_FALSE(session.reason("exited"));
  CHECK(session.state.containers.size() == recorded_names.size() - 1);
  CHECK(session.state.events_by_action.at("update") == 1);
}

TEST_CASE("Monitor session: a destroy event forgets; a reconnect rescans and drops what left meanwhile") {
  Session session;
  session.start();
  REQUIRE(session.run_until([&] { return session.state.last_scan_ok; }));
  session.push_event("destroy", "custom");
  REQUIRE(session.run_until([&] { return !session.reason("custom"); }));
  CHECK(session.state.containers.size() == recorded_names.size() - 1);
  // The engine restarts; priv was removed while the stream was down (no destroy event ever comes).
  session.engine->answers.erase(inspect_path("priv"));
  std::string list = "[";
  for (const auto& name : recorded_names) {
    if (name != "priv" && name != "custom")
      list += std::string(list.size() > 1 ? "," : "") + R"({"Id":")" + id_of(name) + "\"}";
  }
  session.engine->answers["/containers/json?all=1"].body = list + "]";
  session.engine->events->ended = true;
  session.engine->events->raise();
  REQUIRE(session.run_until([&] { return !session.state.events_connected; }));
  CHECK(session.state.request_errors_by_endpoint.at("events") == 1);
  REQUIRE(session.run_until([&] { return session.engine->sessions == 2 && session.state.last_scan_ok; }));
  CHECK_FALSE(session.reason("priv"));
  CHECK(session.reason("plain") == Reason::default_profile);
  CHECK(session.state.docker_up());
}

TEST_CASE("Monitor session: /info asked early at a version the engine refuses is asked again, not a failure") {
  Session session;
  session.engine->refused_version = "/v1.41/";
  session.start();
  REQUIRE(session.run_until([&] { return session.state.last_scan_ok; }));
  CHECK(std::count(session.engine->asked.begin(), session.engine->asked.end(), "/info") == 1);
  CHECK(session.state.containers.size() == recorded_names.size());
  CHECK(session.engine->sessions == 1);
  CHECK(session.state.request_errors_by_endpoint.at("info") == 0);
}

TEST_CASE(
    "Monitor session: sessions that end before their early /info is taken leave the loop nothing to outlive (ASan)") {
  Session session;
  session.engine->unreachable = true;
  session.start();
  REQUIRE(session.run_until([&] { return session.state.request_errors_by_endpoint.at("ping") >= 2; }));
  CHECK((!session.state.docker_up() && session.state.request_errors_by_endpoint.at("info") == 0));
}
