#include <catch2/catch.hpp>

#include <map>

#include "environment.hpp"
#include "service/listen_fds.hpp"

using dse::service::listen_fds;
using dse::test::environment;

TEST_CASE("listen_fds takes the descriptors from 3 on that systemd passed to this process") {
  const auto fds = listen_fds(environment({{"LISTEN_PID", "42"}, {"LISTEN_FDS", "2"}}), 42);
  REQUIRE(fds);
  CHECK(*fds == std::vector<int>{3, 4});
}

TEST_CASE("listen_fds says why no sockets were passed") {
  const auto unset = listen_fds(environment({}), 42);
  REQUIRE_FALSE(unset);
  CHECK_THAT(unset.error(), Catch::Contains("LISTEN_PID is not set") && Catch::Contains(".socket unit"));

  // Passed to a parent that exec'd us without them, as sd_listen_fds(3) checks.
  const auto other = listen_fds(environment({{"LISTEN_PID", "41"}, {"LISTEN_FDS", "1"}}), 42);
  REQUIRE_FALSE(other);
  CHECK_THAT(other.error(), Catch::Contains("LISTEN_PID=41 is not this process"));

  CHECK_THAT(listen_fds(environment({{"LISTEN_PID", "42"}, {"LISTEN_FDS", "0"}}), 42).error(),
             Catch::Contains("LISTEN_FDS=0"));
  CHECK_THAT(listen_fds(environment({{"LISTEN_PID", "42"}, {"LISTEN_FDS", "two"}}), 42).error(),
             Catch::Contains("not a number"));
  CHECK_THAT(listen_fds(environment({{"LISTEN_PID", "42"}}), 42).error(), Catch::Contains("LISTEN_FDS is missing"));
  CHECK_THAT(listen_fds(environment({{"LISTEN_PID", "42"}, {"LISTEN_FDS", "100000"}}), 42).error(),
             Catch::Contains("at most 64"));
}
