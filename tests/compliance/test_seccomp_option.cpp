#include <catch2/catch.hpp>

#include "compliance/seccomp_option.hpp"

using dse::compliance::SeccompOption;
using dse::compliance::seccomp_option;

TEST_CASE("seccomp_option reads both spellings and ignores other options") {
  CHECK(seccomp_option({}).kind == SeccompOption::Kind::none);
  CHECK(seccomp_option({"label=disable", "no-new-privileges"}).kind == SeccompOption::Kind::none);
  CHECK(seccomp_option({"seccomp=unconfined"}).kind == SeccompOption::Kind::unconfined);
  CHECK(seccomp_option({"seccomp:unconfined"}).kind == SeccompOption::Kind::unconfined);
  CHECK(seccomp_option({"seccomp=builtin"}).kind == SeccompOption::Kind::builtin);
  const auto custom = seccomp_option({R"(seccomp={"defaultAction":"SCMP_ACT_ERRNO"})"});
  CHECK(custom.kind == SeccompOption::Kind::custom);
  CHECK(custom.profile == R"({"defaultAction":"SCMP_ACT_ERRNO"})");
}

TEST_CASE("seccomp_option is not fooled by look-alike keys") {
  CHECK(seccomp_option({"seccompx=unconfined"}).kind == SeccompOption::Kind::none);
  CHECK(seccomp_option({"seccomp"}).kind == SeccompOption::Kind::none);
  CHECK(seccomp_option({"label=seccomp=unconfined"}).kind == SeccompOption::Kind::none);
}
