#include "monitor/run.hpp"

#include <spdlog/spdlog.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/signal_set.hpp>

#include "http/server.hpp"
#include "metrics/families.hpp"
#include "metrics/render.hpp"
#include "monitor/monitor.hpp"

namespace dse::monitor {

namespace asio = boost::asio;

int run_exporter(const config::Config& config) {
  // State and monitor outlive the io_context: its destructor destroys coroutine frames that refer to them.
  ExporterState state;
  Monitor monitor(config, state);
  asio::io_context io;

  http::Routes routes;
  routes.telemetry_path = config.telemetry_path;
  routes.render_metrics = [&state] { return metrics::render_text(metrics::build_families(state, DSE_VERSION)); };
  auto server = http::Server::bind(io.get_executor(), config.listen_address, std::move(routes));
  if (!server) {
    spdlog::error("{}", server.error());
    return exit_listen;
  }
  spdlog::info("docker-seccomp-exporter {} listening on port {}, metrics at {}", DSE_VERSION, (*server)->port(),
               config.telemetry_path);

  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    spdlog::info("received signal {}, shutting down", signal);
    (*server)->stop();
    io.stop();
  });
  asio::co_spawn(io, (*server)->run(), asio::detached);
  asio::co_spawn(io, monitor.run(), asio::detached);
  io.run();
  return exit_ok;
}

}  // namespace dse::monitor
