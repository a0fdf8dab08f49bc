#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>

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

TEST_CASE("read_regular_file reads a bounded regular file and refuses devices, FIFOs and large files") {
  const auto fixture = dse::read_regular_file(std::string(DSE_FIXTURES_DIR) + "/proc/status_filter", 1 << 20);
  REQUIRE(fixture);
  CHECK(*fixture == dse::test::fixture("proc/status_filter"));
  CHECK(dse::read_regular_file("/dev/zero", 1 << 20).error() == "cannot read /dev/zero: not a regular file");
  CHECK(dse::read_regular_file(std::string(DSE_FIXTURES_DIR) + "/proc/status_filter", 10).error() ==
        "cannot read " + std::string(DSE_FIXTURES_DIR) + "/proc/status_filter: larger than 10 bytes");
  char fifo_dir[] = "/tmp/dse-fifo-XXXXXX";
  REQUIRE(::mkdtemp(fifo_dir) != nullptr);
  const std::string fifo = std::string(fifo_dir) + "/fifo";
  REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
  // Without a writer, a blocking open would never return: this test would hang rather than fail.
  CHECK(dse::read_regular_file(fifo, 1 << 20).error() == "cannot read " + fifo + ": not a regular file");
  ::unlink(fifo.c_str());
  ::rmdir(fifo_dir);
}
