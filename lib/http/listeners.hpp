#pragma once
// The sockets the endpoint listens on: one listen address may resolve to several (IPv4 and IPv6).
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/ip/tcp.hpp>

#include <vector>

#include "http/listen_address.hpp"
#include "util/expected.hpp"

namespace dse::http {

// Bound and listening; an empty host listens on every IPv4 and IPv6 address.
Expected<std::vector<boost::asio::ip::tcp::acceptor>> open_acceptors(boost::asio::any_io_executor executor,
                                                                     const ListenAddress& address);

// Sockets systemd passed (--web.systemd-socket): each must be a listening TCP socket; HTTP and TLS are the
// exporter's, the address is the .socket unit's.
Expected<std::vector<boost::asio::ip::tcp::acceptor>> adopt_acceptors(boost::asio::any_io_executor executor,
                                                                      const std::vector<int>& fds);

}  // namespace dse::http
