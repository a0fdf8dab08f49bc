#pragma once
// CIS Docker 5.21 (5.22 from v1.6.0): is this container's syscall surface filtered by seccomp?
#include "compliance/evidence.hpp"
#include "compliance/verdict.hpp"
#include "docker/container.hpp"

namespace dse::compliance {

// Pure and total: every container and evidence combination yields a verdict.
Verdict evaluate(const docker::Container& container, const Evidence& evidence);

}  // namespace dse::compliance
