#include <catch2/catch.hpp>

#include "compliance/capabilities.hpp"

using dse::compliance::container_capabilities;

TEST_CASE("container_capabilities follows moby's TweakCapabilities") {
  const auto defaults = container_capabilities({}, {}, false);
  CHECK(defaults.size() == 14);
  CHECK(defaults.contains("CAP_NET_RAW"));
  CHECK_FALSE(defaults.contains("CAP_SYS_ADMIN"));

  const auto tweaked = container_capabilities({"sys_admin", "CAP_SYS_PTRACE"}, {"NET_RAW"}, false);
  CHECK(tweaked.contains("CAP_SYS_ADMIN"));
  CHECK(tweaked.contains("CAP_SYS_PTRACE"));
  CHECK_FALSE(tweaked.contains("CAP_NET_RAW"));
  CHECK(tweaked.size() == 15);

  CHECK(container_capabilities({"NET_ADMIN"}, {"ALL"}, false) == std::set<std::string>{"CAP_NET_ADMIN"});
  const auto all_but_one = container_capabilities({"ALL"}, {"SYS_ADMIN"}, false);
  CHECK(all_but_one.size() == 40);
  CHECK_FALSE(all_but_one.contains("CAP_SYS_ADMIN"));
  CHECK(container_capabilities({}, {"ALL"}, true).size() == 41);  // privileged: every one
  CHECK(container_capabilities({"NOT_A_CAP"}, {}, false) == defaults);
}
