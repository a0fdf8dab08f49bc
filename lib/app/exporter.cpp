#include <fmt/ranges.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include "app/docker_tls.hpp"
#include "app/run.hpp"
#include "app/runtime_settings.hpp"
#include "app/web_side.hpp"
#include "compliance/learning_profile.hpp"
#include "http/server.hpp"
#include "http/status_page.hpp"
#include "kernel/self_process.hpp"
#include "metrics/exposition.hpp"
#include "metrics/process_families.hpp"
#include "metrics/render.hpp"
#include "metrics/web_side_families.hpp"
#include "monitor/audit_collector.hpp"
#include "monitor/monitor.hpp"
#include "sandbox/drop_user.hpp"
#include "service/listen_fds.hpp"
#include "service/sd_notify.hpp"
#include "util/log.hpp"
#include "util/startup_trace.hpp"

namespace dse::app {

namespace asio = boost::asio;

namespace {

// The watchdog is fed from the loop itself, so a loop that stops making progress stops feeding it; and
// only while the monitor runs (connected or reconnecting): a service that lost its view of Docker for
// good is restarted by systemd rather than reported healthy.
// With the endpoint in its own process, also only while that process answers its heartbeat.
asio::awaitable<void> ping_watchdog(const service::SdNotifier& notifier, std::chrono::microseconds interval,
                                    const monitor::Monitor& monitor, const WebSide* web_side) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  bool said = false;
  while (true) {
    if (monitor.ended()) {
      if (!said) log::error("the monitor stopped; no longer feeding the systemd watchdog");
      said = true;
    } else if (web_side != nullptr && !web_side->answering()) {
      log::warn("the web side does not answer; not feeding the systemd watchdog");
    } else {
      notifier.notify("WATCHDOG=1");
    }
    timer.expires_after(interval);
    co_await timer.async_wait(asio::use_awaitable);
  }
}

// Each scrape connection is a file descriptor: lift the soft limit to the hard one, as Go programs do.
// Under the systemd unit this may be refused (its syscall filter), where LimitNOFILE= does the same.
void raise_open_files_limit() {
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &limit);
  }
}

std::optional<std::string> suggested_profile_for(const state::ExporterState& state, std::string_view name) {
  for (const auto& [id, record] : state.containers.records()) {
    if (record.container.name != name) continue;
    if (auto profile = state.suggested_profile(record)) return profile;
  }
  return std::nullopt;
}

// Scrapes rendered from the state at request time, a rendering shared by the clients that ask while it is still
// being written to another (a burst of scrapers, or clients that never read it), for at most scrape_share_window and
// never past a change of any verdict: 80 such clients cost one rendering, not 80.
class SharedScrapes {
 public:
  std::shared_ptr<const std::string> render(const state::ExporterState& state, const RuntimeSettings& settings) {
    const auto now = std::chrono::steady_clock::now();
    if (auto last = m_exposition.held_answer();
        last && m_generation == state.containers.generation() && now - m_rendered_at < scrape_share_window) {
      return last;
    }
    const auto process = kernel::read_own_process_stats();
    auto process_text = process ? metrics::render_text(metrics::build_process_families(*process)) : "";
    process_text += metrics::render_text(metrics::build_web_side_families(state.web_side));
    auto rendered = m_exposition.render_shared(state, settings.label_options(), current_build(), process_text);
    if (state.docker_up() && startup::mark_first_render()) {
      log::info("start-up phases, ms on CLOCK_MONOTONIC", {{"phases", startup::summary()}});
    }
    m_generation = state.containers.generation();
    m_rendered_at = now;
    // A scrape of a large host builds megabytes of short-lived families: hand them back to the system
    // instead of letting the heap keep its high-water mark.
    ::malloc_trim(0);
    return rendered;
  }

 private:
  metrics::Exposition m_exposition;
  std::uint64_t m_generation = 0;
  std::chrono::steady_clock::time_point m_rendered_at;
};

// What the endpoint serves, rendered from the state at request time.
http::Routes make_routes(const config::Config& config, state::ExporterState& state, const RuntimeSettings& settings) {
  http::Routes routes;
  routes.telemetry_path = config.web.telemetry_path;
  routes.render_metrics = [&state, &settings, scrapes = std::make_shared<SharedScrapes>()] {
    return scrapes->render(state, settings);
  };
  routes.slow_client_dropped = [&state] { ++state.slow_clients_dropped; };
  routes.web_config_reload_failed = [&state] { ++state.config_reload_errors_by_file["web_config_file"]; };
  routes.ready = [&state] { return state.last_full_scan_unix_seconds.has_value(); };
  routes.render_status = [&state, &config](std::size_t page) {
    return http::render_status_page(state, config.web.telemetry_path, current_build().version, page);
  };
  if (config.monitor.seccomp_audit) {
    routes.render_profile = [&state](std::string_view name) { return suggested_profile_for(state, name); };
  }
  return routes;
}

}  // namespace

int run_exporter(const config::Config& config, const std::function<Expected<config::Config>()>& read_config,
                 const Environment& env) {
  auto tls = docker_tls(config);
  if (!tls) {
    log::error("cannot set up TLS to Docker", {{"err", tls.error()}});
    return exit_usage;
  }
  // State and monitor outlive the io_context: its destructor destroys coroutine frames that refer to them.
  state::ExporterState state;
  RuntimeSettings settings;
  settings.apply(config, state);
  monitor::Monitor monitor(config.monitor, state, *tls);
  monitor::AuditCollector audit_collector(config.monitor.proc_path, state);
  // (Outlives the io_context too; stop() lets its socket go before the io_context does)
  std::unique_ptr<WebSide> web_side;
  const auto notifier = service::SdNotifier::from_environment(env, static_cast<long>(::getpid()));
  asio::io_context io;

  raise_open_files_limit();
  auto web = config.web;
  if (web.systemd_socket) {
    auto passed = service::listen_fds(env, static_cast<long>(::getpid()));
    if (!passed) {
      log::error("cannot serve the endpoint", {{"err", passed.error()}});
      return exit_listen;
    }
    web.systemd_sockets = std::move(*passed);
  }
  if (web.separate_process && ::geteuid() == 0) {
    if (auto user = sandbox::look_up_user(web.user); !user) {
      log::error("cannot serve the endpoint: --web.user", {{"err", user.error()}});
      return exit_usage;
    }
  }
  // With a web side this process binds the listeners (a taken port is still its start-up error) and hands
  // them over; it never accepts on them.
  auto routes = make_routes(config, state, settings);
  auto server = http::Server::bind(io.get_executor(), web, web.separate_process ? http::Routes{} : routes);
  if (!server) {
    log::error("cannot serve the endpoint", {{"err", server.error()}});
    return exit_listen;
  }
  if (web.separate_process) {
    web_side = std::make_unique<WebSide>(io.get_executor(), std::move(routes), (*server)->descriptors(), state);
    if (auto started = web_side->start(); !started) {
      log::error("cannot start the endpoint's process", {{"err", started.error()}});
      return exit_listen;
    }
  }
  startup::mark(startup::Phase::listening);
  log::info("listening", {{"version", std::string(current_build().version)},
                          {"port", fmt::format("{}", fmt::join((*server)->ports(), ","))},
                          {"metrics_path", config.web.telemetry_path},
                          {"tls", config.web.config.tls ? "true" : "false"},
                          {"basic_auth", config.web.config.basic_auth_users.empty() ? "false" : "true"}});

  asio::signal_set stop_signals(io, SIGINT, SIGTERM);
  stop_signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log::info("shutting down", {{"signal", signal}});
    notifier.notify("STOPPING=1");
    (*server)->stop();
    if (web_side) web_side->stop();
    io.stop();
  });
  asio::signal_set reload_signal(io, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_hangup = [&](const boost::system::error_code& ec, int) {
    if (ec) return;
    notifier.notify("RELOADING=1");
    settings.reload(config, read_config, state);
    notifier.notify("READY=1");
    reload_signal.async_wait(on_hangup);
  };
  reload_signal.async_wait(on_hangup);

  monitor.on_first_outcome([&] { notifier.notify("READY=1"); });
  if (const auto interval = notifier.watchdog_interval()) {
    asio::co_spawn(io, ping_watchdog(notifier, *interval, monitor, web_side.get()), asio::detached);
  }
  if (web_side) {
    asio::co_spawn(io, web_side->run(), asio::detached);
  } else {
    asio::co_spawn(io, (*server)->run(), asio::detached);
  }
  if (config.monitor.seccomp_audit) {
    asio::co_spawn(io, audit_collector.run(), [](std::exception_ptr failure) {
      if (failure) log::error("the seccomp audit collector ended with an exception");
    });
  }
  asio::co_spawn(io, monitor.run(), [](std::exception_ptr failure) {
    if (failure) log::error("the monitor ended with an exception; /metrics now shows docker_up 0");
  });
  io.run();
  if (web_side) web_side->stop();
  return exit_ok;
}

}  // namespace dse::app
