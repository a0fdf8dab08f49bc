#include <catch2/catch.hpp>

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <boost/asio/io_context.hpp>

#include "http/listeners.hpp"

using dse::http::adopt_acceptors;

namespace {

// A socket as a .socket unit would pass it: bound to loopback, port chosen by the kernel.
int loopback_socket(int type, bool listening) {
  const int fd = ::socket(AF_INET, type, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  if (listening) REQUIRE(::listen(fd, 16) == 0);
  return fd;
}

}  // namespace

TEST_CASE("adopt_acceptors serves on a listening TCP socket that systemd passed") {
  boost::asio::io_context io;
  const int fd = loopback_socket(SOCK_STREAM, true);
  auto acceptors = adopt_acceptors(io.get_executor(), {fd});
  REQUIRE(acceptors);
  REQUIRE(acceptors->size() == 1);
  CHECK(acceptors->front().local_endpoint().address().is_loopback());
  CHECK(acceptors->front().native_handle() == fd);
}

TEST_CASE("adopt_acceptors refuses what is not a listening TCP socket") {
  boost::asio::io_context io;
  const int datagram = loopback_socket(SOCK_DGRAM, false);
  const int not_listening = loopback_socket(SOCK_STREAM, false);
  int pipe_fds[2];
  REQUIRE(::pipe(pipe_fds) == 0);
  for (const int fd : {datagram, not_listening, pipe_fds[0]}) {
    const auto acceptors = adopt_acceptors(io.get_executor(), {fd});
    REQUIRE_FALSE(acceptors);
    CHECK_THAT(acceptors.error(), Catch::Contains("passed socket " + std::to_string(fd)));
  }
  for (const int fd : {datagram, not_listening, pipe_fds[0], pipe_fds[1]}) ::close(fd);
}
