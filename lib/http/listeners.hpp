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

}  // namespace dse::http
