#include "compliance/evaluate.hpp"

#include "compliance/checks.hpp"

namespace dse::compliance {

// The order mirrors dockerd's own: no kernel support beats everything, then privileged, then the
// container's option, then the daemon's default.
Verdict evaluate(const docker::Container& container, const docker::DaemonSeccomp& daemon) {
  if (auto verdict = check_daemon_support(daemon)) return *verdict;
  if (auto verdict = check_privileged(container)) return *verdict;
  if (auto verdict = check_security_opt(container)) return *verdict;
  return check_daemon_profile(daemon);
}

}  // namespace dse::compliance
