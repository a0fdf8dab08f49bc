#pragma once
// The exporter's HTTP endpoint, served by Boost.Beast on the monitor's event loop.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <vector>

#include "http/options.hpp"
#include "http/router.hpp"
#include "util/expected.hpp"

namespace dse::http {

class Server {
 public:
  struct Impl;
  // Binds at once (so a taken port is a start-up error); serves once run() is spawned.
  // header_timeout: how long a client may take to send its request header.
  // tls: serve HTTPS only (--web.config.file tls_server_config).
  static Expected<std::unique_ptr<Server>> bind(boost::asio::any_io_executor executor, const Options& options,
                                                Routes routes);
  explicit Server(std::unique_ptr<Impl> impl);
  ~Server();

  boost::asio::awaitable<void> run();
  void stop();
  // The ports actually bound (useful with port 0), one per listen address, in order.
  std::vector<unsigned short> ports() const;
  // The listening sockets' descriptors, to hand to the endpoint's own process (app/web_side.hpp).
  std::vector<int> descriptors() const;

 private:
  std::unique_ptr<Impl> m_impl;
};

}  // namespace dse::http
