#include <catch2/catch.hpp>

#include <cstdlib>
#include <new>

#include "util/failpoint.hpp"

TEST_CASE("failpoint throws std::bad_alloc as often as armed, and only where armed") {
  // The environment is read once, at the first check: no other unit test passes a failpoint.
  ::setenv("DSE_FAILPOINTS", "unit.twice=2,unit.once", 1);
  CHECK_THROWS_AS(dse::failpoint("unit.twice"), std::bad_alloc);
  CHECK_THROWS_AS(dse::failpoint("unit.twice"), std::bad_alloc);
  CHECK_NOTHROW(dse::failpoint("unit.twice"));
  CHECK_THROWS_AS(dse::failpoint("unit.once"), std::bad_alloc);
  CHECK_NOTHROW(dse::failpoint("unit.once"));
  CHECK_NOTHROW(dse::failpoint("scan"));
  ::unsetenv("DSE_FAILPOINTS");
}
