#include <catch2/catch.hpp>

#include "http/listen_address.hpp"

using dse::http::parse_listen_address;

TEST_CASE("parse_listen_address accepts all-address, IPv4, IPv6 and host names") {
  const auto any = parse_listen_address(":10521");
  REQUIRE(any);
  CHECK(any->host.empty());
  CHECK(any->port == 10521);
  CHECK(parse_listen_address("127.0.0.1:9")->host == "127.0.0.1");
  const auto v6 = parse_listen_address("[::1]:0");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->port == 0);
  CHECK(parse_listen_address("localhost:80")->host == "localhost");
}

TEST_CASE("parse_listen_address rejects malformed addresses") {
  CHECK_FALSE(parse_listen_address("10521"));
  CHECK_FALSE(parse_listen_address(":65536"));
  CHECK_FALSE(parse_listen_address(":"));
  CHECK_FALSE(parse_listen_address(":-1"));
  CHECK_FALSE(parse_listen_address("::1:80"));
  CHECK_FALSE(parse_listen_address("[::1]80"));
}
