#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "util/read_file.hpp"

TEST_CASE("read_file reads a whole file, procfs included, and says why it cannot") {
  const auto fixture = dse::read_file(std::string(DSE_FIXTURES_DIR) + "/proc/status_filter");
  REQUIRE(fixture);
  CHECK(*fixture == dse::test::fixture("proc/status_filter"));
  const auto own_status = dse::read_file("/proc/self/status");  // no size known in advance
  REQUIRE(own_status);
  CHECK(own_status->find("Seccomp:") != std::string::npos);
  CHECK(dse::read_file("/nonexistent/file").error() == "cannot read /nonexistent/file: No such file or directory");
}
