#include "http/listeners.hpp"

#include <boost/asio/ip/v6_only.hpp>

#include <fcntl.h>
#include <sys/socket.h>

#include <set>

namespace dse::http {

namespace asio = boost::asio;
using asio::ip::tcp;

namespace {

Expected<tcp::acceptor> open_acceptor(asio::any_io_executor executor, const tcp::endpoint& endpoint, bool dual_stack) {
  tcp::acceptor acceptor(executor);
  boost::system::error_code ec;
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec && endpoint.address().is_v6()) acceptor.set_option(asio::ip::v6_only(!dual_stack), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec)
    return Error{"cannot listen on " + endpoint.address().to_string() + ":" + std::to_string(endpoint.port()) + ": " +
                 ec.message()};
  return acceptor;
}

}  // namespace

// ":port" means every address, IPv6 and IPv4 (one dual-stack socket, or IPv4 alone where IPv6 is off).
Expected<std::vector<tcp::acceptor>> open_acceptors(asio::any_io_executor executor, const ListenAddress& address) {
  std::vector<tcp::acceptor> acceptors;
  if (address.host.empty()) {
    auto dual = open_acceptor(executor, {asio::ip::address_v6::any(), address.port}, true);
    if (!dual) dual = open_acceptor(executor, {asio::ip::address_v4::any(), address.port}, false);
    if (!dual) return Error{dual.error()};
    acceptors.push_back(std::move(*dual));
    return acceptors;
  }
  tcp::resolver resolver(executor);
  boost::system::error_code ec;
  const auto results = resolver.resolve(address.host, std::to_string(address.port), tcp::resolver::passive, ec);
  if (ec) return Error{"cannot resolve listen address " + address.host + ": " + ec.message()};
  std::set<tcp::endpoint> seen;
  for (const auto& entry : results) {
    if (!seen.insert(entry.endpoint()).second) continue;
    auto acceptor = open_acceptor(executor, entry.endpoint(), false);
    if (!acceptor) return Error{acceptor.error()};
    acceptors.push_back(std::move(*acceptor));
  }
  return acceptors;
}

Expected<std::vector<tcp::acceptor>> adopt_acceptors(asio::any_io_executor executor, const std::vector<int>& fds) {
  std::vector<tcp::acceptor> acceptors;
  for (const int fd : fds) {
    const auto name = "passed socket " + std::to_string(fd);
    int type = 0, listening = 0;
    socklen_t length = sizeof type;
    if (::getsockopt(fd, SOL_SOCKET, SO_TYPE, &type, &length) != 0) return Error{name + " is not a socket"};
    length = sizeof listening;
    ::getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &length);
    sockaddr_storage address{};
    length = sizeof address;
    ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
    const bool tcp_family = address.ss_family == AF_INET || address.ss_family == AF_INET6;
    if (type != SOCK_STREAM || !listening || !tcp_family) {
      return Error{name + " is not a listening TCP socket (the .socket unit needs ListenStream=[ADDR:]PORT)"};
    }
    ::fcntl(fd, F_SETFD, FD_CLOEXEC);  // systemd passes them inheritable; nothing we start should hold them
    tcp::acceptor acceptor(executor);
    boost::system::error_code ec;
    acceptor.assign(address.ss_family == AF_INET ? tcp::v4() : tcp::v6(), fd, ec);
    if (ec) return Error{"cannot use " + name + ": " + ec.message()};
    acceptors.push_back(std::move(acceptor));
  }
  return acceptors;
}

}  // namespace dse::http
