#include <catch2/catch.hpp>

#include "docker/daemon_info.hpp"
#include "fixtures.hpp"

using dse::docker::parse_daemon_info;

TEST_CASE("parse_daemon_info reads the recorded daemons' seccomp profiles") {
  const auto builtin = parse_daemon_info(dse::test::fixture("info/default.json"));
  REQUIRE(builtin);
  CHECK(builtin->seccomp.supported);
  CHECK(builtin->seccomp.profile == dse::docker::DaemonProfile::default_profile);
  CHECK(builtin->seccomp.profile_name() == "default");
  CHECK(builtin->server_version == "20.10.24+dfsg1");

  const auto custom = parse_daemon_info(dse::test::fixture("info/daemon_custom.json"));
  REQUIRE(custom);
  CHECK(custom->seccomp.profile == dse::docker::DaemonProfile::file);
  CHECK(custom->seccomp.profile_path == "/tmp/dd/custom.json");
  CHECK(custom->seccomp.profile_name() == "/tmp/dd/custom.json");

  const auto unconfined = parse_daemon_info(dse::test::fixture("info/daemon_unconfined.json"));
  REQUIRE(unconfined);
  CHECK(unconfined->seccomp.profile == dse::docker::DaemonProfile::unconfined);
  CHECK(unconfined->seccomp.profile_path.empty());

  const auto none = parse_daemon_info(dse::test::fixture("info/daemon_no_seccomp.json"));
  REQUIRE(none);
  CHECK_FALSE(none->seccomp.supported);
}

TEST_CASE("parse_daemon_info understands pre-1.13 bare names") {
  const auto info = parse_daemon_info(R"({"SecurityOptions":["apparmor","seccomp"]})");
  REQUIRE(info);
  CHECK(info->seccomp.supported);
  CHECK(info->seccomp.profile == dse::docker::DaemonProfile::default_profile);
}

TEST_CASE("parse_daemon_info refuses malformed bodies") {
  CHECK_FALSE(parse_daemon_info("nope"));
  CHECK_FALSE(parse_daemon_info(R"({"SecurityOptions":"name=seccomp"})"));
  CHECK_FALSE(parse_daemon_info(R"({"SecurityOptions":[null]})"));
  const auto empty = parse_daemon_info("{}");
  REQUIRE(empty);
  CHECK_FALSE(empty->seccomp.supported);
}

TEST_CASE("parse_daemon_info reads what conditional rules and privileged handling depend on") {
  const auto docker26 = parse_daemon_info(
      R"({"ServerVersion":"26.1.5+dfsg1","Architecture":"x86_64","KernelVersion":"6.1.0-28-amd64","SecurityOptions":["name=seccomp,profile=builtin"]})");
  REQUIRE(docker26);
  CHECK(docker26->seccomp.architecture == "x86_64");
  CHECK(docker26->seccomp.kernel_version == "6.1.0-28-amd64");
  CHECK_FALSE(docker26->seccomp.custom_profile_for_privileged);
  CHECK(parse_daemon_info(R"({"ServerVersion":"27.0.1"})")->seccomp.custom_profile_for_privileged);
  CHECK_FALSE(parse_daemon_info(R"({"ServerVersion":"4.3.1"})")->seccomp.custom_profile_for_privileged);  // Podman
  CHECK_FALSE(parse_daemon_info(R"({})")->seccomp.custom_profile_for_privileged);
  CHECK(docker26->seccomp.moby_profiles_loader);
  CHECK_FALSE(parse_daemon_info(R"({"ServerVersion":"20.10.24+dfsg1"})")->seccomp.moby_profiles_loader);
}

TEST_CASE("parse_daemon_info tells Podman by its BuildahVersion") {
  const auto podman =
      parse_daemon_info(R"({"ServerVersion":"4.3.1","BuildahVersion":"1.28.2","Architecture":"amd64"})");
  REQUIRE(podman);
  CHECK(podman->seccomp.podman);
  CHECK(podman->seccomp.custom_profile_for_privileged);
  CHECK_FALSE(podman->seccomp.knows_builtin);
  CHECK_FALSE(podman->seccomp.moby_profiles_loader);  // containers/common's loader
  CHECK_FALSE(parse_daemon_info(R"({"ServerVersion":"26.1.5"})")->seccomp.podman);
}

TEST_CASE("parse_daemon_info names the runtime that starts containers and runc's version") {
  const auto recorded = parse_daemon_info(dse::test::fixture("info/default.json"));  // Debian 12's dockerd
  REQUIRE(recorded);
  CHECK(recorded->seccomp.runtime == "runc");
  CHECK(recorded->seccomp.runtime_version == "1.1.5+ds1-1+deb12u1");

  const auto crun = parse_daemon_info(R"({"DefaultRuntime":"fast","Runtimes":{"fast":{"path":"/usr/bin/crun"}},
      "RuncCommit":{"ID":"v1.1.12-0-g51d5e94"}})");
  REQUIRE(crun);
  CHECK(crun->seccomp.runtime == "crun");
  CHECK(crun->seccomp.runtime_version.empty());  // RuncCommit is runc's, not the default runtime's

  const auto odd = parse_daemon_info(R"({"DefaultRuntime":["runc"],"Runtimes":"x","RuncCommit":7})");
  REQUIRE(odd);
  CHECK(odd->seccomp.runtime.empty());
  CHECK(odd->seccomp.runtime_version.empty());
}

TEST_CASE("parse_daemon_profile: /info's word, once, as a kind and a path") {
  using dse::docker::DaemonProfile;
  using dse::docker::parse_daemon_profile;
  CHECK(parse_daemon_profile("") == std::pair{DaemonProfile::unknown, std::string()});
  CHECK(parse_daemon_profile("builtin") == std::pair{DaemonProfile::builtin, std::string()});
  CHECK(parse_daemon_profile("unconfined") == std::pair{DaemonProfile::unconfined, std::string()});
  CHECK(parse_daemon_profile("/etc/docker/seccomp.json") ==
        std::pair{DaemonProfile::file, std::string("/etc/docker/seccomp.json")});
  const dse::docker::DaemonSeccomp builtin(true, "builtin");
  CHECK(builtin.builtin_default());
  CHECK(builtin.profile_name() == "builtin");
  CHECK_FALSE(dse::docker::DaemonSeccomp(true, "/x.json").builtin_default());
}
