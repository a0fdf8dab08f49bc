#include <catch2/catch.hpp>

#include "monitor/verdict_latency.hpp"

using dse::monitor::VerdictLatency;

TEST_CASE("VerdictLatency answers the earliest event waiting for a container, once") {
  VerdictLatency latency;
  latency.event("a", 100, false);
  latency.event("a", 200, false);
  latency.event("b", 150, false);
  CHECK(latency.answered("a") == 100);
  CHECK_FALSE(latency.answered("a"));
  CHECK(latency.answered("b") == 150);
  CHECK(latency.size() == 0);
}

TEST_CASE("VerdictLatency leaves events that came during an inspect to the next one") {
  VerdictLatency latency;
  latency.event("a", 100, false);
  latency.event("a", 300, true);  // the inspect asked before it cannot have seen it
  latency.event("a", 400, true);
  CHECK(latency.answered("a") == 100);
  CHECK(latency.answered("a") == 300);
  CHECK(latency.size() == 0);
  SECTION("even when no event waited before the request (a scan's inspect)") {
    latency.event("b", 500, true);
    CHECK_FALSE(latency.answered("b"));
    CHECK(latency.answered("b") == 500);
  }
}

TEST_CASE("VerdictLatency keeps waiting after a failed inspect, and forgets removed containers") {
  VerdictLatency latency;
  latency.event("a", 100, false);
  latency.failed("a");
  latency.event("b", 200, true);
  latency.failed("b");
  CHECK(latency.answered("a") == 100);
  CHECK(latency.answered("b") == 200);
  latency.event("c", 300, false);
  latency.forget("c");
  CHECK_FALSE(latency.answered("c"));
  latency.event("d", 0, false);  // no timeNano: nothing to measure
  CHECK(latency.size() == 0);
}
