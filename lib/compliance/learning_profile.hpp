#pragma once
// The way out of `unconfined` (CIS 5.21's remediation: write a profile instead of running unconfined):
// run the container once under a learning profile, which logs (and lets run) every syscall Docker's
// default would refuse; then take the suggested profile, Docker's default plus what was logged.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace dse::compliance {

// Docker's default seccomp profile, moby/profiles' default.json from the release that
// lib/compliance/default_profile_release.txt names (Debian sid's docker.io 28.5, docs/audit.md "The baseline").
std::string_view docker_default_profile();

// base with defaultAction SCMP_ACT_LOG: every syscall base allows still runs silently, every other one
// runs and leaves an audit record (type 1326). Valid for `docker run --security-opt seccomp=FILE`.
Expected<std::string> learning_profile(std::string_view base);

// `profile learning --minimal`: base's architectures (archMap, architectures) and defaultAction SCMP_ACT_LOG,
// no rule at all: every syscall runs and leaves a record, the runtime's own after it installs the filter
// (runc's and crun's last calls before the entrypoint's execve, which then become allow rules too).
Expected<std::string> minimal_learning_profile(std::string_view base);

// The learning profile the container ran under (base) turned into a filter: one rule allowing the syscalls
// observed (sorted, once each) added, SCMP_ACT_LOG turned into SCMP_ACT_ERRNO (the default and any rule):
// the workload runs filtered, with nothing more allowed than base allowed and it was seen to use. Under the
// standard learning profile that is Docker's default plus what was logged; under the minimal one, exactly
// what the workload used. Rules keep their conditions; architectures stay as base has them.
// What may be missing from the observations a suggestion is made of: records past the exporter's per-container
// bound, and records the kernel sent that never arrived while the container was known (whose, nobody can tell).
struct ObservationGaps {
  std::uint64_t over_limit = 0;
  std::uint64_t lost = 0;
};

// The profile also carries "dockerSeccompExporter": {"complete": ..., ...}, a field the engines' loaders
// ignore (moby, containers/common: Go's encoding/json skips unknown keys), saying whether it may miss syscalls.
Expected<std::string> suggested_profile(std::string_view base, std::vector<std::string> syscalls,
                                        const ObservationGaps& gaps = {});

}  // namespace dse::compliance
