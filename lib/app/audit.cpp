
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <ctime>
#include <iostream>

#include "app/docker_tls.hpp"
#include "app/run.hpp"
#include "app/runtime_settings.hpp"
#include "audit/report.hpp"
#include "monitor/monitor.hpp"
#include "util/log.hpp"

namespace dse::app {

namespace asio = boost::asio;

namespace {

std::string utc_now() {
  const auto now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%dT%H:%M:%SZ", &tm);
  return text;
}

}  // namespace

int run_audit(const config::Config& config) {
  auto tls = docker_tls(config);
  if (!tls) {
    log::error("cannot set up TLS to Docker", {{"err", tls.error()}});
    return exit_audit_error;
  }
  state::ExporterState state;
  RuntimeSettings settings;
  settings.apply(config, state);
  monitor::Monitor monitor(config.monitor, state, *tls);
  asio::io_context io;
  monitor.on_first_outcome([&] { io.stop(); });
  asio::co_spawn(io, monitor.run(), asio::detached);
  io.run();
  if (!state.last_scan_ok) {
    log::error("audit failed: no complete scan of Docker", {{"host", config.monitor.docker.host.to_string()}});
    return exit_audit_error;
  }
  std::cout << (config.output == config::OutputFormat::json
                    ? audit::render_json(state, config.monitor.docker.host.to_string(), utc_now())
                    : audit::render_table(state));
  return audit::exit_code(state) == 0 ? exit_ok : exit_audit_failed;
}

}  // namespace dse::app
