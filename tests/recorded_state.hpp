#pragma once
// Monitor state built from the recorded fixtures, as the monitor would build it on the recording machine.
#include <initializer_list>
#include <string>

#include "docker/container.hpp"
#include "docker/daemon_info.hpp"
#include "fixtures.hpp"
#include "state/exporter_state.hpp"

namespace dse::test {

inline docker::Container inspect_fixture(const std::string& name) {
  return *docker::parse_inspect(fixture("inspect/" + name + ".json"));
}

inline docker::DaemonSeccomp daemon_fixture(const std::string& name) {
  return docker::parse_daemon_info(fixture("info/" + name + ".json"))->seccomp;
}

// The daemon with its builtin profile and the named containers; the running ones with the kernel mode
// /proc showed for them (running: filter, unconf_eq: disabled).
inline state::ExporterState recorded_state(std::initializer_list<const char*> names) {
  state::ExporterState state;
  state.set_daemon(*docker::parse_daemon_info(fixture("info/default.json")));
  for (const std::string name : names) {
    std::optional<kernel::Observation> observation;
    if (name == "running") observation = kernel::Observation{{kernel::SeccompMode::filter, 1}, ""};
    if (name == "unconf_eq") observation = kernel::Observation{{kernel::SeccompMode::disabled, 0}, ""};
    state.containers.upsert(inspect_fixture(name), observation);
  }
  return state;
}

}  // namespace dse::test
