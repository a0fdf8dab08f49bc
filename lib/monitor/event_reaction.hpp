#pragma once
// What the monitor does about one Docker event.
#include "docker/event.hpp"

namespace dse::monitor {

enum class Reaction {
  ignore,         // nothing that can change a verdict or a label
  reinspect,      // create, start, rename, update, die: the container's config or state changed
  remove,         // destroy (Podman: remove): the container is gone
  reload_daemon,  // daemon reload: the default seccomp profile may have changed
};

Reaction reaction_to(const docker::Event& event);

}  // namespace dse::monitor
