#include <algorithm>
#include <cctype>

#include "compliance/checks.hpp"

namespace dse::compliance {

namespace {

bool contains_ignoring_case(std::string_view text, std::string_view word) {
  return std::search(text.begin(), text.end(), word.begin(), word.end(), [](char a, char b) {
           return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
         }) != text.end();
}

}  // namespace

// The runtime's word, for what no reading of the file predicts: the engine keeps why the last start failed
// in State.Error. runc refuses a profile with "error loading seccomp filter" or "seccomp ..." (runc 1.1 and
// 1.3 libcontainer/seccomp), crun with "seccomp ..." (crun src/libcrun/seccomp.c). crun also installs the
// filter before its last setup calls (setresgid, then execve): a profile that refuses them leaves the
// container created with "setresgid to `0`: Operation not permitted" (seen live, Podman 5.8 + crun 1.28).
// Only a custom profile that refuses by default is blamed for an EPERM; any other start error (a bad mount,
// a missing binary) says nothing about seccomp and leaves the verdict to the configuration.
std::optional<Verdict> check_start_refused(const docker::Container& container, const Evidence& evidence) {
  if (evidence.kernel || container.start_error.empty()) return std::nullopt;  // a running one started
  if (container.state != "created" && container.state != "exited") return std::nullopt;
  if (!evidence.profile || evidence.profile->builtin || evidence.profile->effect != ProfileAnalysis::Effect::filter) {
    return std::nullopt;  // the builtin loads everywhere; an invalid or empty profile is judged by its effect
  }
  const auto& why = container.start_error;
  const bool names_seccomp = contains_ignoring_case(why, "seccomp");
  const bool refused_by_filter = !evidence.profile->deny_list && contains_ignoring_case(why, "operation not permitted");
  if (names_seccomp || refused_by_filter) return non_compliant_because(Reason::invalid_profile);
  return std::nullopt;
}

}  // namespace dse::compliance
