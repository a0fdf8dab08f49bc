#include <catch2/catch.hpp>

#include "kernel/audit_serials.hpp"

using dse::kernel::audit_serial;
using dse::kernel::AuditSerials;

TEST_CASE("audit_serial reads the serial of a record's stamp") {
  CHECK(audit_serial("audit(1796077535.226:2): auid=4294967295 pid=1") == 2u);
  CHECK(audit_serial("audit(1796077535.226:18446744073709551615): x") == 18446744073709551615ull);
  CHECK_FALSE(audit_serial("audit(1796077535.226): x"));
  CHECK_FALSE(audit_serial("audit(1796077535.226:): x"));
  CHECK_FALSE(audit_serial("audit(1796077535.226:12x): x"));
  CHECK_FALSE(audit_serial("pid=1 audit(1.2:3)"));
  CHECK_FALSE(audit_serial(""));
}

TEST_CASE("AuditSerials counts a skipped serial lost after two ticks, never a late or repeated one") {
  AuditSerials serials;
  CHECK(serials.saw(100) == 0);
  CHECK(serials.saw(101) == 0);
  CHECK(serials.saw(101) == 0);  // another record of the same event
  CHECK(serials.saw(105) == 0);  // 102..104 awaited
  CHECK(serials.saw(103) == 0);  // late: arrived after all
  CHECK(serials.tick() == 0);    // 102 and 104 skipped since this tick: awaited one more
  CHECK(serials.saw(104) == 0);  // later still
  CHECK(serials.saw(108) == 0);  // 106, 107
  CHECK(serials.tick() == 1);    // 102
  CHECK(serials.tick() == 2);    // 106, 107
  CHECK(serials.tick() == 0);
}

TEST_CASE("AuditSerials counts a burst beyond what it awaits at once, and starts again after a new subscription") {
  AuditSerials serials;
  CHECK(serials.saw(1) == 0);
  CHECK(serials.saw(2 + AuditSerials::max_awaited + 1000) == 1000);
  CHECK(serials.tick() == 0);
  CHECK(serials.tick() == AuditSerials::max_awaited);
  CHECK(serials.saw(5) == 0);
  serials.restart();
  CHECK(serials.saw(10'000'000) == 0);  // what passed while unsubscribed is no loss of the socket
  CHECK(serials.saw(10'000'002) == 0);
  CHECK(serials.tick() + serials.tick() == 1);
}
