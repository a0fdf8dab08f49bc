#include <catch2/catch.hpp>

#include "kernel/self_process.hpp"
#include "metrics/process_families.hpp"
#include "metrics/render.hpp"

using namespace dse;

TEST_CASE("parse_process_stat reads CPU, start time and memory past a name with spaces and parentheses") {
  const std::string stat =
      "4242 (evil) name) S 1 4242 4242 0 -1 4194560 500 0 0 0 150 50 0 0 20 0 3 0 123400 104857600 2048 "
      "18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 0 0 0 0 0 0\n";
  const std::string proc_stat = "cpu  1 2 3\nintr 5\nbtime 1796075606\nprocesses 9\n";
  const auto stats = kernel::parse_process_stat(stat, proc_stat, 100, 4096);
  REQUIRE(stats);
  CHECK(stats->cpu_seconds == 2.0);
  CHECK(stats->start_time_seconds == 1796075606.0 + 1234.0);
  CHECK(stats->resident_bytes == 2048.0 * 4096);
  CHECK(stats->virtual_bytes == 104857600.0);
  CHECK_FALSE(kernel::parse_process_stat("4242 (x) S 1 2", proc_stat, 100, 4096));
  CHECK_FALSE(kernel::parse_process_stat(stat, "cpu 1\n", 100, 4096));
}

TEST_CASE("read_own_process_stats and the process families, as client libraries name them") {
  const auto own = kernel::read_own_process_stats();
  REQUIRE(own);
  CHECK(own->open_fds >= 3);
  CHECK(own->max_fds >= own->open_fds);
  CHECK(own->resident_bytes > 0);
  const auto text = metrics::render_text(metrics::build_process_families(*own));
  CHECK(text.find("# TYPE process_cpu_seconds_total counter\n") != std::string::npos);
  CHECK(text.find("# TYPE process_start_time_seconds gauge\n") != std::string::npos);
  CHECK(text.find("process_resident_memory_bytes ") != std::string::npos);
  CHECK(text.find("process_open_fds ") != std::string::npos);
  CHECK(text.find("process_max_fds ") != std::string::npos);
}
