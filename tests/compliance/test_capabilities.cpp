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

TEST_CASE("container_capabilities on Podman: CapAdd and CapDrop against its 11") {
  using dse::compliance::DefaultCapabilities;
  // the bounding set of a plain Podman 5.8 container, /proc/<pid>/status CapBnd 00000000800405fb
  const auto defaults = container_capabilities({}, {}, false, DefaultCapabilities::podman);
  CHECK(defaults == std::set<std::string>{"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL",
                                          "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_NET_BIND_SERVICE",
                                          "CAP_SYS_CHROOT", "CAP_SETFCAP"});
  // --cap-add NET_RAW --cap-drop CHOWN: CapBnd 00000000800425fa
  const auto tweaked = container_capabilities({"NET_RAW"}, {"CHOWN"}, false, DefaultCapabilities::podman);
  CHECK(tweaked.size() == 11);
  CHECK(tweaked.contains("CAP_NET_RAW"));
  CHECK_FALSE(tweaked.contains("CAP_CHOWN"));
  CHECK(container_capabilities({}, {}, true, DefaultCapabilities::podman).size() == 41);
}
