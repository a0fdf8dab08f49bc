#include "app/web_side.hpp"

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <cstring>
#include <map>

#include "http/engine_link.hpp"
#include "kernel/proc_status.hpp"
#include "sandbox/spawn_self.hpp"
#include "sandbox/syscall_filter.hpp"
#include "util/log.hpp"
#include "util/read_file.hpp"

namespace dse::app {

namespace asio = boost::asio;
namespace link = http::link;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr auto heartbeat_limit = std::chrono::seconds(10);
constexpr auto answering_limit = std::chrono::seconds(5);
constexpr auto first_delay = std::chrono::milliseconds(50);
constexpr auto longest_delay = std::chrono::seconds(5);
constexpr auto short_life = std::chrono::seconds(10);

std::string cause_of(int status) {
  if (WIFEXITED(status)) return "exit_code_" + std::to_string(WEXITSTATUS(status));
  if (WIFSIGNALED(status)) {
    const char* name = ::sigabbrev_np(WTERMSIG(status));
    return name != nullptr ? std::string("signal_SIG") + name : "signal_" + std::to_string(WTERMSIG(status));
  }
  return "unknown";
}

std::optional<std::uint64_t> seccomp_filters_of(const std::string& status) {
  const auto parsed = kernel::parse_proc_status(status);
  if (!parsed || !parsed->filters) return std::nullopt;
  return static_cast<std::uint64_t>(*parsed->filters);
}

}  // namespace

struct WebSide::Impl {
  asio::any_io_executor executor;
  http::Routes routes;
  std::vector<int> listeners;
  state::ExporterState& state;
  std::unique_ptr<asio::local::stream_protocol::socket> link;
  pid_t pid = -1;
  Clock::time_point started, last_heartbeat;
  std::string cause;                                // set when this side ends the web side
  std::map<std::uint32_t, std::uint64_t> reported;  // the running web side's counts so far
  bool confinement_read = false;                    // its /proc status, read once it reported its confinement
  // The last scrape sent to the running web side: when, and at which generation of the verdicts.
  std::optional<std::pair<Clock::time_point, std::uint64_t>> last_metrics;
  bool stopping = false;
  std::chrono::milliseconds delay = first_delay;

  Impl(asio::any_io_executor executor, http::Routes routes, std::vector<int> listeners, state::ExporterState& state)
      : executor(std::move(executor)), routes(std::move(routes)), listeners(std::move(listeners)), state(state) {}

  Expected<bool> spawn();
  asio::awaitable<void> serve();
  asio::awaitable<void> watch_heartbeat(pid_t watched);
  asio::awaitable<void> reap();
  // An answer's outcome and text; the text of a scrape is shared with the renderer, never copied.
  struct Served {
    link::Outcome outcome = link::Outcome::yes;
    std::shared_ptr<const std::string> text;
  };
  Served answer(const link::Request& request);
  void take_report(const link::Report& report);
  void end(std::string why) {
    if (cause.empty()) cause = std::move(why);
    if (pid > 0) ::kill(pid, SIGKILL);
  }
};

WebSide::WebSide(asio::any_io_executor executor, http::Routes routes, std::vector<int> listeners,
                 state::ExporterState& state)
    : m_impl(std::make_unique<Impl>(std::move(executor), std::move(routes), std::move(listeners), state)) {
  m_impl->state.web_side.separated = true;
  if (const auto own = read_file("/proc/self/status"))
    m_impl->state.web_side.engine_seccomp_filters = seccomp_filters_of(*own);
}

WebSide::~WebSide() { stop(); }

Expected<bool> WebSide::start() { return m_impl->spawn(); }

Expected<bool> WebSide::Impl::spawn() {
  auto spawned = sandbox::spawn_self(listeners, web_side_marker,
                                     std::to_string(listeners.size()) + ":" + std::to_string(::getpid()));
  if (!spawned) return Error{spawned.error()};
  pid = spawned->pid;
  link = std::make_unique<asio::local::stream_protocol::socket>(executor);
  link->assign(asio::local::stream_protocol(), spawned->link);
  started = last_heartbeat = Clock::now();
  cause.clear();
  reported.clear();
  confinement_read = false;
  last_metrics.reset();
  ++state.web_side.starts;
  log::info("web side started", {{"pid", static_cast<long>(pid)}});
  return true;
}

asio::awaitable<void> WebSide::run() {
  auto& impl = *m_impl;
  while (!impl.stopping) {
    if (impl.pid > 0) {
      asio::co_spawn(impl.executor, impl.watch_heartbeat(impl.pid), asio::detached);
      co_await impl.serve();
      impl.state.web_side.up = false;
      co_await impl.reap();
      if (impl.stopping) break;
      impl.delay = Clock::now() - impl.started < short_life
                       ? std::min(impl.delay * 2, std::chrono::milliseconds(longest_delay))
                       : first_delay;
    }
    asio::steady_timer pause(impl.executor, impl.delay);
    co_await pause.async_wait(nothrow);
    if (impl.stopping) break;
    if (auto spawned = impl.spawn(); !spawned) {
      log::error("cannot start the web side", {{"err", spawned.error()}});
      impl.delay = std::min(impl.delay * 2, std::chrono::milliseconds(longest_delay));
    }
  }
}

void WebSide::stop() {
  auto& impl = *m_impl;
  impl.stopping = true;
  if (impl.pid > 0) {
    ::kill(impl.pid, SIGKILL);
    ::waitpid(impl.pid, nullptr, 0);
    impl.pid = -1;
  }
  // (Before the io_context goes: the socket belongs to it)
  impl.link.reset();
}

bool WebSide::answering() const { return m_impl->pid > 0 && Clock::now() - m_impl->last_heartbeat < answering_limit; }

namespace {

// The next request; nullopt once the link has ended; an error for a malformed one. A frame begun and never
// finished holds nothing for long: without heartbeats the web side is ended after 10 s.
asio::awaitable<std::optional<Expected<link::Request>>> read_request(asio::local::stream_protocol::socket& socket) {
  char length_bytes[4];
  auto [ec, read] = co_await asio::async_read(socket, asio::buffer(length_bytes), nothrow);
  if (ec) co_return std::nullopt;
  const auto length = link::decode_length({length_bytes, 4}, link::max_request_bytes);
  if (!length) co_return Expected<link::Request>(Error{length.error()});
  std::string payload(*length, '\0');
  std::tie(ec, read) = co_await asio::async_read(socket, asio::buffer(payload), nothrow);
  if (ec) co_return std::nullopt;
  co_return link::decode_request(payload);
}

}  // namespace

// One request at a time, as the web side asks them.
asio::awaitable<void> WebSide::Impl::serve() {
  auto& socket = *link;
  while (true) {
    auto request = co_await read_request(socket);
    if (!request) co_return;  // the web side ended (or was ended)
    if (!*request) {
      log::error("the web side sent a malformed request; ending it", {{"err", request->error()}});
      end("protocol_error");
      co_return;
    }
    const auto answered = answer(**request);
    const auto text = answered.text ? std::string_view(*answered.text) : std::string_view();
    const auto header = link::encode_answer_header(answered.outcome, text.size());
    auto [ec, written] =
        co_await asio::async_write(socket, std::array{asio::buffer(header), asio::buffer(text)}, nothrow);
    if (ec) co_return;
  }
}

WebSide::Impl::Served WebSide::Impl::answer(const link::Request& request) {
  const auto yes_or_none = [](bool yes) { return Served{yes ? link::Outcome::yes : link::Outcome::none, nullptr}; };
  const auto text = [](std::string owned) {
    return Served{link::Outcome::text, std::make_shared<const std::string>(std::move(owned))};
  };
  switch (request.ask) {
    case link::Ask::metrics: {
      // has_last: the web side is still writing the last text to a client. Then, as SharedScrapes shares a
      // rendering in one process, it serves that text again if no verdict changed within the share window.
      const auto now = Clock::now();
      const auto generation = state.containers.generation();
      if (request.has_last && last_metrics && now - last_metrics->first < scrape_share_window &&
          last_metrics->second == generation) {
        return {link::Outcome::unchanged, nullptr};
      }
      last_metrics.emplace(now, generation);
      return {link::Outcome::text, routes.render_metrics ? routes.render_metrics() : nullptr};
    }
    case link::Ask::status_page: return text(routes.render_status ? routes.render_status(request.page) : std::string());
    case link::Ask::profile: {
      auto profile = routes.render_profile ? routes.render_profile(request.name) : std::nullopt;
      return profile ? text(std::move(*profile)) : yes_or_none(false);
    }
    case link::Ask::ready: return yes_or_none(!routes.ready || routes.ready());
    case link::Ask::healthy:  // the same word as one process would give: healthy while it answers, unless told
      take_report(request.report);
      return yes_or_none(!routes.healthy || routes.healthy());
    case link::Ask::slow_client_dropped:
      if (routes.slow_client_dropped) routes.slow_client_dropped();
      return yes_or_none(true);
    case link::Ask::web_config_reload_failed:
      if (routes.web_config_reload_failed) routes.web_config_reload_failed();
      return yes_or_none(true);
  }
  return yes_or_none(false);
}

// A heartbeat (or a /-/healthy probe): the kernel's word on the web side's confinement, and the calls its filter
// refused since the last.
void WebSide::Impl::take_report(const link::Report& report) {
  last_heartbeat = Clock::now();
  auto& stats = state.web_side;
  stats.up = true;
  stats.landlock = report.landlock;
  // Once: it confines itself before its first report, and none of it can be undone (a heartbeat a second,
  // and every /-/healthy probe, would read the same file again).
  if (!confinement_read) {
    if (const auto status = read_file("/proc/" + std::to_string(pid) + "/status")) {
      stats.seccomp_filters = seccomp_filters_of(*status);
      stats.uid = kernel::real_uid(*status);
      confinement_read = true;
    }
  }
  for (const auto& [number, calls] : report.refused) {
    auto& before = reported[number];
    if (calls <= before) continue;
    const auto name = sandbox::syscall_name(number);
    stats.refused_by_syscall[name] += calls - before;
    log::warn("the web side's seccomp filter refused a system call",
              {{"syscall", name}, {"calls", calls - before}, {"pid", static_cast<long>(pid)}});
    before = calls;
  }
}

asio::awaitable<void> WebSide::Impl::watch_heartbeat(pid_t watched) {
  asio::steady_timer tick(executor);
  while (pid == watched && !stopping) {
    if (Clock::now() - last_heartbeat > heartbeat_limit) {
      log::error("the web side missed its heartbeat; ending it", {{"pid", static_cast<long>(pid)}});
      end("heartbeat_missed");
      co_return;
    }
    tick.expires_after(std::chrono::seconds(1));
    co_await tick.async_wait(nothrow);
  }
}

// The link has ended: the process has, or is about to (else it is ended). Waits up to half a second.
asio::awaitable<void> WebSide::Impl::reap() {
  if (pid <= 0) co_return;  // stop() reaped it
  boost::system::error_code ignored;
  link->close(ignored);
  int status = 0;
  asio::steady_timer pause(executor);
  for (int attempt = 0; ::waitpid(pid, &status, WNOHANG) == 0; ++attempt) {
    if (attempt == 50) {
      end("link_closed");
      ::waitpid(pid, &status, 0);
      break;
    }
    pause.expires_after(std::chrono::milliseconds(10));
    co_await pause.async_wait(nothrow);
    if (pid <= 0) co_return;
  }
  const auto why = cause.empty() ? cause_of(status) : cause;
  ++state.web_side.exits_by_cause[why];
  if (!stopping) log::error("the web side ended; starting it again", {{"pid", static_cast<long>(pid)}, {"cause", why}});
  pid = -1;
}

}  // namespace dse::app
