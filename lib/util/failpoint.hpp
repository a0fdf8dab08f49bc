#pragma once
// Failpoints, as etcd's gofail or FreeBSD's fail(9): named places where a test can make the exporter fail
// as it would under memory pressure, which no input can reproduce (and RLIMIT_AS cannot be used under
// AddressSanitizer). Armed only by the environment: DSE_FAILPOINTS="scan=1,events=2" makes the first
// pass through "scan" and the first two through "events" throw std::bad_alloc. Unset, a check is one
// load of a flag.
#include <string_view>

namespace dse {

// Throws std::bad_alloc when the failpoint name is armed and has passes left.
void failpoint(std::string_view name);
// Whether the failpoint is armed and has passes left (it takes one): for a failpoint that does more than throw.
bool failpoint_armed(std::string_view name);

}  // namespace dse
