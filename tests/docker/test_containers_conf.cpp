#include <catch2/catch.hpp>

#include "docker/containers_conf.hpp"

using dse::docker::containers_conf_seccomp_profile;

TEST_CASE("containers_conf_seccomp_profile reads [containers] seccomp_profile") {
  CHECK(containers_conf_seccomp_profile("[containers]\nseccomp_profile = \"unconfined\"\n") == "unconfined");
  CHECK(containers_conf_seccomp_profile("# comment\n[engine]\nseccomp_profile = \"x\"\n[containers]\n"
                                        "  seccomp_profile='/etc/containers/strict.json'  # ours\n") ==
        "/etc/containers/strict.json");
  CHECK(containers_conf_seccomp_profile("[containers]\n#seccomp_profile = \"/usr/share/containers/seccomp.json\"\n") ==
        std::nullopt);
  CHECK(containers_conf_seccomp_profile("[engine]\nseccomp_profile = \"unconfined\"\n") == std::nullopt);
  CHECK(containers_conf_seccomp_profile("[containers]\nseccomp_profile = \"a\\\"b\"\n") == "a\"b");
  CHECK(containers_conf_seccomp_profile("[containers]\nseccomp_profile = \"unterminated\n") == std::nullopt);
  CHECK(containers_conf_seccomp_profile("[containers]\nseccomp_profile = 3\n") == std::nullopt);
  CHECK(containers_conf_seccomp_profile("") == std::nullopt);
}
