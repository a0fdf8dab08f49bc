#include "monitor/event_reaction.hpp"

#include <array>
#include <string_view>

namespace dse::monitor {

Reaction reaction_to(const docker::Event& event) {
  if (event.type == "daemon") return event.action == "reload" ? Reaction::reload_daemon : Reaction::ignore;
  if (event.type != "container" || event.actor_id.empty()) return Reaction::ignore;
  // Docker says "destroy"; Podman's Docker-compatible API says "remove".
  if (event.action == "destroy" || event.action == "remove") return Reaction::remove;
  // pause/unpause change the state (a paused container keeps its kernel evidence); checkpoint/restore
  // (CRIU, Podman) stop and bring back its processes with new pids.
  constexpr std::array<std::string_view, 9> reinspect_on = {"create", "start",   "rename",     "update", "die",
                                                            "pause",  "unpause", "checkpoint", "restore"};
  for (const auto action : reinspect_on) {
    if (event.action == action) return Reaction::reinspect;
  }
  return Reaction::ignore;
}

}  // namespace dse::monitor
