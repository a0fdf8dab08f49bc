#include "monitor/run.hpp"

#include <spdlog/spdlog.h>
#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <ctime>
#include <iostream>

#include "audit/report.hpp"
#include "docker/client.hpp"
#include "http/basic_auth.hpp"
#include "http/server.hpp"
#include "http/status_page.hpp"
#include "metrics/exposition.hpp"
#include "monitor/monitor.hpp"
#include "service/sd_notify.hpp"

namespace dse::monitor {

namespace asio = boost::asio;

namespace {

void apply_runtime_settings(const config::Config& config, ExporterState& state) {
  state.metrics_options = config.metrics;
  state.set_rules(config.policy, config.exclusions);
  spdlog::set_level(spdlog::level::from_str(config.log_level));
}

// Only some settings can change while running; the others are reported, not silently ignored.
void reload(const config::Config& running, const std::function<Expected<config::Config>()>& read_config,
            ExporterState& state) {
  auto fresh = read_config();
  if (!fresh) {
    spdlog::error("reload failed, keeping the running configuration: {}", fresh.error());
    return;
  }
  if (fresh->listen_address.host != running.listen_address.host ||
      fresh->listen_address.port != running.listen_address.port || fresh->telemetry_path != running.telemetry_path ||
      fresh->docker_host.to_string() != running.docker_host.to_string() ||
      fresh->docker_timeout != running.docker_timeout || fresh->log_format != running.log_format ||
      fresh->proc_path != running.proc_path || fresh->resync_interval != running.resync_interval) {
    spdlog::warn("reload: web.*, docker.*, proc.path and log.format changes take effect only after a restart");
  }
  apply_runtime_settings(*fresh, state);
  spdlog::info("configuration reloaded");
}

asio::awaitable<void> ping_watchdog(const service::SdNotifier& notifier, std::chrono::microseconds interval) {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (true) {
    notifier.notify("WATCHDOG=1");
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

// Certificates are read once, at start-up: a missing or bad file is a configuration error.
Expected<std::shared_ptr<docker::TlsContext>> docker_tls(const config::Config& config) {
  if (!config.docker_tls) return std::shared_ptr<docker::TlsContext>{};
  auto context = docker::make_tls_context(*config.docker_tls);
  if (!context) return Error{"flag --docker.tls-verify: " + context.error()};
  return *context;
}

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

// What the endpoint serves, rendered from the state at request time.
http::Routes make_routes(const config::Config& config, const ExporterState& state) {
  http::Routes routes;
  routes.telemetry_path = config.telemetry_path;
  routes.render_metrics = [&state, exposition = std::make_shared<metrics::Exposition>()] {
    auto text = exposition->render(state, DSE_VERSION);
    // A scrape of a large host builds megabytes of short-lived families: hand them back to the system
    // instead of letting the heap keep its high-water mark.
    ::malloc_trim(0);
    return text;
  };
  routes.render_status = [&state, &config] { return http::render_status_page(state, config.telemetry_path, DSE_VERSION); };
  if (!config.web.basic_auth_users.empty()) {
    auto auth = std::make_shared<http::BasicAuth>(config.web.basic_auth_users);
    routes.authorize = [auth](std::string_view authorization) { return auth->authorized(authorization); };
  }
  return routes;
}

}  // namespace

int run_audit(const config::Config& config) {
  auto tls = docker_tls(config);
  if (!tls) {
    spdlog::error("{}", tls.error());
    return exit_audit_error;
  }
  ExporterState state;
  apply_runtime_settings(config, state);
  Monitor monitor(config, state, *tls);
  asio::io_context io;
  monitor.on_first_outcome([&] { io.stop(); });
  asio::co_spawn(io, monitor.run(), asio::detached);
  io.run();
  if (!state.last_scan_ok) {
    spdlog::error("audit failed: no complete scan of Docker at {}", config.docker_host.to_string());
    return exit_audit_error;
  }
  std::cout << (config.output == config::OutputFormat::json
                    ? audit::render_json(state, config.docker_host.to_string(), utc_now())
                    : audit::render_table(state));
  return audit::exit_code(state) == 0 ? exit_ok : exit_audit_failed;
}

int run_exporter(const config::Config& config, const std::function<Expected<config::Config>()>& read_config,
                 const config::Environment& env) {
  auto tls = docker_tls(config);
  if (!tls) {
    spdlog::error("{}", tls.error());
    return exit_usage;
  }
  // State and monitor outlive the io_context: its destructor destroys coroutine frames that refer to them.
  ExporterState state;
  apply_runtime_settings(config, state);
  Monitor monitor(config, state, *tls);
  const auto notifier = service::SdNotifier::from_environment(env, static_cast<long>(::getpid()));
  asio::io_context io;

  raise_open_files_limit();
  auto server = http::Server::bind(io.get_executor(), config.listen_address, make_routes(config, state),
                                  config.header_timeout, config.web.tls);
  if (!server) {
    spdlog::error("{}", server.error());
    return exit_listen;
  }
  spdlog::info("docker-seccomp-exporter {} listening on port {}, metrics at {}{}{}", DSE_VERSION, (*server)->port(),
               config.telemetry_path, config.web.tls ? " (HTTPS)" : "",
               config.web.basic_auth_users.empty() ? "" : " (basic auth)");

  asio::signal_set stop_signals(io, SIGINT, SIGTERM);
  stop_signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}, shutting down", signal);
    notifier.notify("STOPPING=1");
    (*server)->stop();
    io.stop();
  });
  asio::signal_set reload_signal(io, SIGHUP);
  std::function<void(const boost::system::error_code&, int)> on_hangup = [&](const boost::system::error_code& ec, int) {
    if (ec) return;
    notifier.notify("RELOADING=1");
    reload(config, read_config, state);
    notifier.notify("READY=1");
    reload_signal.async_wait(on_hangup);
  };
  reload_signal.async_wait(on_hangup);

  monitor.on_first_outcome([&] { notifier.notify("READY=1"); });
  if (const auto interval = notifier.watchdog_interval()) {
    asio::co_spawn(io, ping_watchdog(notifier, *interval), asio::detached);
  }
  asio::co_spawn(io, (*server)->run(), asio::detached);
  asio::co_spawn(io, monitor.run(), asio::detached);
  io.run();
  return exit_ok;
}

}  // namespace dse::monitor
