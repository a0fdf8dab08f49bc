#include "compliance/evaluate.hpp"

#include "compliance/checks.hpp"

namespace dse::compliance {

// The order mirrors dockerd's own: no kernel support beats everything, then privileged, then the
// container's option, then the daemon's default, then whether the profile loads and filters at all. Only
// once the configuration claims a filter does the kernel get its say, and only then the profile's strength.
// A running container whose process the kernel shows filtered is never called refused or unfiltered by our
// reading of its profile: the engine and runtime loaded it, so a loader we model wrongly must not win.
// One that did not start gets the runtime's own word (State.Error), where the file's reading found nothing.
Verdict evaluate(const docker::Container& container, const Evidence& evidence) {
  if (auto verdict = check_daemon_support(evidence.daemon)) return *verdict;
  if (auto verdict = check_privileged(container, evidence)) return *verdict;
  if (auto verdict = check_container_unconfined(evidence)) return *verdict;
  if (auto verdict = check_daemon_unconfined(evidence)) return *verdict;
  if (evidence.kernel != kernel::SeccompMode::filter) {
    if (auto verdict = check_profile_effect(evidence)) return *verdict;
    if (auto verdict = check_start_refused(container, evidence)) return *verdict;
  }
  if (auto verdict = check_kernel(evidence.kernel)) return *verdict;
  return check_profile(evidence);
}

}  // namespace dse::compliance
