#include <catch2/catch.hpp>

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <map>

#include "environment.hpp"
#include "service/sd_notify.hpp"

using dse::service::SdNotifier;
using dse::test::environment;

TEST_CASE("SdNotifier is inert without NOTIFY_SOCKET") {
  const auto notifier = SdNotifier::from_environment(environment({}), 1);
  CHECK_FALSE(notifier.enabled());
  CHECK_FALSE(notifier.notify("READY=1"));
  CHECK_FALSE(notifier.watchdog_interval());
}

TEST_CASE("SdNotifier pings the watchdog at half WATCHDOG_USEC, only for its own pid") {
  CHECK(SdNotifier::from_environment(environment({{"WATCHDOG_USEC", "30000000"}}), 7).watchdog_interval() ==
        std::chrono::seconds(15));
  CHECK(SdNotifier::from_environment(environment({{"WATCHDOG_USEC", "30000000"}, {"WATCHDOG_PID", "7"}}), 7)
            .watchdog_interval());
  CHECK_FALSE(SdNotifier::from_environment(environment({{"WATCHDOG_USEC", "30000000"}, {"WATCHDOG_PID", "8"}}), 7)
                  .watchdog_interval());
  CHECK_FALSE(SdNotifier::from_environment(environment({{"WATCHDOG_USEC", "soon"}}), 7).watchdog_interval());
}

TEST_CASE("SdNotifier delivers a datagram to the notify socket") {
  char dir_template[] = "/tmp/dse-notify-XXXXXX";
  REQUIRE(::mkdtemp(dir_template) != nullptr);
  const std::string path = std::string(dir_template) + "/notify";
  const int fd = ::socket(AF_UNIX, SOCK_DGRAM, 0);
  sockaddr_un address{};
  address.sun_family = AF_UNIX;
  std::strncpy(address.sun_path, path.c_str(), sizeof(address.sun_path) - 1);
  REQUIRE(::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0);

  const auto notifier = SdNotifier::from_environment(environment({{"NOTIFY_SOCKET", path}}), 1);
  REQUIRE(notifier.enabled());
  CHECK(notifier.notify("READY=1"));
  char buffer[64] = {};
  const auto received = ::recv(fd, buffer, sizeof(buffer), 0);
  CHECK(std::string(buffer, received > 0 ? static_cast<std::size_t>(received) : 0) == "READY=1");

  // A receiver that stopped reading: once its buffer is full, notify fails at once instead of blocking
  // (a blocking send here would hang this test, and in the exporter the whole event loop).
  bool refused = false;
  for (int i = 0; i < 100'000 && !refused; ++i) refused = !notifier.notify("WATCHDOG=1");
  CHECK(refused);
  ::close(fd);
  ::unlink(path.c_str());
  ::rmdir(dir_template);
}
