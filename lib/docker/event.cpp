#include "docker/event.hpp"

#include <array>

#include "docker/bounded_json.hpp"
#include "docker/json_fields.hpp"

namespace dse::docker {

namespace {

// Actions such as "exec_start: sh -c ..." and "health_status: healthy" carry a detail after ':'.
std::string base_action(std::string action) {
  const auto colon = action.find(':');
  if (colon != std::string::npos) action.resize(colon);
  return action;
}

}  // namespace

Expected<Event> parse_event(std::string_view line) {
  const auto doc = parse_bounded(line);
  if (doc.is_discarded() || !doc.is_object()) return Error{"event is not a JSON object"};
  Event event;
  // API < 1.22 sent only status/id; newer engines send both forms.
  event.type = string_member(doc, "Type").value_or("container");
  auto action = string_member(doc, "Action");
  if (!action) action = string_member(doc, "status");
  if (!action || action->empty()) return Error{"event has no Action"};
  event.action = base_action(std::move(*action));
  if (const auto* actor = member(doc, "Actor")) event.actor_id = string_member(*actor, "ID").value_or("");
  if (event.actor_id.empty()) event.actor_id = string_member(doc, "id").value_or("");
  if (const auto* time_nano = member(doc, "timeNano"); time_nano && time_nano->is_number_integer()) {
    event.time_nano = time_nano->get<std::int64_t>();
  }
  return event;
}

std::string_view event_action_label(std::string_view action) {
  static constexpr std::array<std::string_view, 34> known = {
      "attach",        "checkpoint", "cleanup",     "commit",      "copy",     "create",     "destroy",
      "detach",        "die",        "exec_create", "exec_detach", "exec_die", "exec_start", "export",
      "health_status", "init",       "kill",        "mount",       "oom",      "pause",      "prune",
      "reload",        "remove",     "rename",      "resize",      "restart",  "restore",    "start",
      "stop",          "top",        "unmount",     "unpause",     "update",   "exec_resize"};
  for (const auto name : known) {
    if (name == action) return name;
  }
  return "other";
}

}  // namespace dse::docker
