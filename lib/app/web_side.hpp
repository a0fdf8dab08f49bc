#pragma once
// Privilege separation, the engine side's half (--web.separate-process): the endpoint runs in a process of its
// own, the web side (app/web_process.cpp), which owns the listeners, TLS, basic auth and HTTP parsing, and asks
// this process over a socketpair for what it serves (http/engine_link.hpp). This process holds Docker's socket
// and never reads a byte from the network: it keeps the listening sockets only to hand them to the next web side
// (connections wait in their backlog meanwhile), and never accepts on them.
//
// A web side that ends, sends a malformed request, or misses its heartbeat for 10 s is logged, counted
// (state::WebSideStats) and started again: after 50 ms, doubling while it keeps ending within 10 s, up to 5 s.
#include <sys/types.h>

#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <vector>

#include "app/run.hpp"
#include "http/router.hpp"
#include "state/exporter_state.hpp"
#include "util/expected.hpp"

namespace dse::app {

class WebSide {
 public:
  struct Impl;
  WebSide(boost::asio::any_io_executor executor, http::Routes routes, std::vector<int> listeners,
          state::ExporterState& state);
  ~WebSide();
  // Starts the first web side; an error when it cannot be started at all.
  Expected<bool> start();
  // Serves its requests, and starts it again each time it ends, until stop().
  boost::asio::awaitable<void> run();
  // Ends the web side (SIGKILL) and reaps it; run() then returns.
  void stop();
  // Whether the web side runs and its heartbeat is recent (or it is starting): the systemd watchdog is fed only
  // while this holds.
  bool answering() const;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace dse::app
