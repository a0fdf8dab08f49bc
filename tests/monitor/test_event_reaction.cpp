#include <catch2/catch.hpp>

#include "monitor/event_reaction.hpp"

using dse::docker::Event;
using dse::monitor::Reaction;
using dse::monitor::reaction_to;

TEST_CASE("reaction_to re-inspects on changes, removes on destroy") {
  for (const char* action :
       {"create", "start", "rename", "update", "die", "pause", "unpause", "checkpoint", "restore"}) {
    CHECK(reaction_to(Event{"container", action, "abc", 0}) == Reaction::reinspect);
  }
  CHECK(reaction_to(Event{"container", "destroy", "abc", 0}) == Reaction::remove);
  CHECK(reaction_to(Event{"container", "remove", "abc", 0}) == Reaction::remove);  // Podman
  CHECK(reaction_to(Event{"container", "exec_start", "abc", 0}) == Reaction::ignore);
  CHECK(reaction_to(Event{"container", "create", "", 0}) == Reaction::ignore);
}

TEST_CASE("reaction_to reloads the daemon profile on reload only") {
  CHECK(reaction_to(Event{"daemon", "reload", "daemon-id", 0}) == Reaction::reload_daemon);
  CHECK(reaction_to(Event{"daemon", "start", "daemon-id", 0}) == Reaction::ignore);
  CHECK(reaction_to(Event{"network", "create", "abc", 0}) == Reaction::ignore);
}
