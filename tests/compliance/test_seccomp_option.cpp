#include <catch2/catch.hpp>

#include "compliance/seccomp_option.hpp"

using dse::compliance::seccomp_option;
using dse::compliance::SeccompOption;

TEST_CASE("seccomp_option reads both spellings and ignores other options") {
  CHECK(seccomp_option({}, true).kind == SeccompOption::Kind::none);
  CHECK(seccomp_option({"label=disable", "no-new-privileges"}, true).kind == SeccompOption::Kind::none);
  CHECK(seccomp_option({"seccomp=unconfined"}, true).kind == SeccompOption::Kind::unconfined);
  CHECK(seccomp_option({"seccomp:unconfined"}, true).kind == SeccompOption::Kind::unconfined);
  CHECK(seccomp_option({"seccomp=builtin"}, true).kind == SeccompOption::Kind::builtin);
  const auto custom = seccomp_option({R"(seccomp={"defaultAction":"SCMP_ACT_ERRNO"})"}, true);
  CHECK(custom.kind == SeccompOption::Kind::custom);
  CHECK(custom.profile == R"({"defaultAction":"SCMP_ACT_ERRNO"})");
}

TEST_CASE("seccomp_option is not fooled by look-alike keys") {
  CHECK(seccomp_option({"seccompx=unconfined"}, true).kind == SeccompOption::Kind::none);
  CHECK(seccomp_option({"seccomp"}, true).kind == SeccompOption::Kind::none);
  CHECK(seccomp_option({"label=seccomp=unconfined"}, true).kind == SeccompOption::Kind::none);
}

TEST_CASE("seccomp_option: an empty value is no option, and builtin is a name only where the engine knows it") {
  CHECK(seccomp_option({"seccomp=unconfined", "seccomp="}, true).kind == SeccompOption::Kind::none);
  const auto docker20 = seccomp_option({"seccomp=builtin"}, false);
  CHECK(docker20.kind == SeccompOption::Kind::custom);
  CHECK(docker20.profile == "builtin");  // dockerd 20.10 decodes it as JSON, and fails
}
