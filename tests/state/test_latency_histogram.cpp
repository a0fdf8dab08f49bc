#include <catch2/catch.hpp>

#include "state/latency_histogram.hpp"

using dse::state::LatencyHistogram;

TEST_CASE("LatencyHistogram counts cumulatively with a sum") {
  LatencyHistogram histogram;
  histogram.observe(0.0004);
  histogram.observe(0.003);
  histogram.observe(10);
  CHECK(histogram.count() == 3);
  CHECK(histogram.sum() == Approx(10.0034));
  CHECK(histogram.cumulative(0) == 1);                                    // <= 0.5 ms
  CHECK(histogram.cumulative(3) == 2);                                    // <= 5 ms
  CHECK(histogram.cumulative(LatencyHistogram::bounds.size() - 1) == 2);  // 10 s is only in +Inf
}
