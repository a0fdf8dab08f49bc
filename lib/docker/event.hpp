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

}  // namespace dse::docker
