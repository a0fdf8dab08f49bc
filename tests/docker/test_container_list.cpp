#include <catch2/catch.hpp>

#include "docker/container_list.hpp"
#include "fixtures.hpp"

using dse::docker::is_valid_container_ref;
using dse::docker::parse_container_list;

TEST_CASE("parse_container_list reads every id of the recorded list") {
  const auto ids = parse_container_list(dse::test::fixture("containers_list.json"));
  REQUIRE(ids);
  CHECK(ids->size() == 7);
  for (const auto& id : *ids) CHECK(id.size() == 64);
}

TEST_CASE("parse_container_list refuses lists it cannot trust") {
  CHECK(parse_container_list("{}").error() == "container list is not a JSON array");
  CHECK_FALSE(parse_container_list(R"([{"Names":["/x"]}])"));
  CHECK_FALSE(parse_container_list(R"([{"Id":"../../info"}])"));
  CHECK_FALSE(parse_container_list(R"([7])"));
  CHECK(parse_container_list("[]")->empty());
}

TEST_CASE("is_valid_container_ref accepts ids and names, nothing that changes a path") {
  CHECK(is_valid_container_ref("9e9effb4679d"));
  CHECK(is_valid_container_ref("my_app-1.web"));
  CHECK_FALSE(is_valid_container_ref(""));
  CHECK_FALSE(is_valid_container_ref("a/b"));
  CHECK_FALSE(is_valid_container_ref("a b"));
  CHECK_FALSE(is_valid_container_ref("a?x=1"));
  CHECK_FALSE(is_valid_container_ref(std::string(300, 'a')));
  // Docker's rules: an id or [a-zA-Z0-9][a-zA-Z0-9_.-]+; dots alone would climb the request path.
  CHECK(is_valid_container_ref(std::string(64, 'f')));
  CHECK_FALSE(is_valid_container_ref("."));
  CHECK_FALSE(is_valid_container_ref(".."));
  CHECK_FALSE(is_valid_container_ref("..."));
  CHECK_FALSE(is_valid_container_ref(".hidden"));
  CHECK_FALSE(is_valid_container_ref("-x"));
  CHECK_FALSE(is_valid_container_ref("a"));
}
