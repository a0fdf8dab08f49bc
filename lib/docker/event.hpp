#pragma once
// One message of the `GET /events` stream.
#include <cstdint>
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace dse::docker {

struct Event {
  std::string type;    // container, daemon, ...
  std::string action;  // create, start, ...; "exec_start: sh" is reduced to "exec_start"
  std::string actor_id;
  std::int64_t time_nano = 0;
};

Expected<Event> parse_event(std::string_view line);

// The action as docker_seccomp_events_total's label: the container and daemon actions of moby's
// api/types/events/events.go and those Podman's compat API adds (checkpoint, restore, init, cleanup, mount,
// unmount, remove); anything else is "other", so that an engine cannot grow the series without bound.
std::string_view event_action_label(std::string_view action);

}  // namespace dse::docker
