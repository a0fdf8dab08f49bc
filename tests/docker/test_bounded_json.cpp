#include <catch2/catch.hpp>

#include <string>

#include "docker/bounded_json.hpp"
#include "docker/container_list.hpp"
#include "docker/daemon_info.hpp"
#include "docker/event.hpp"

using namespace dse::docker;

TEST_CASE("nesting_within counts arrays and objects, not brackets inside strings") {
  CHECK(nesting_within(R"({"a":[{"b":[1]}]})", 4));
  CHECK_FALSE(nesting_within(R"({"a":[{"b":[1]}]})", 3));
  CHECK(nesting_within(R"(["[[[[[", "\"[[[["])", 1));
  CHECK(nesting_within("", 0));
  CHECK_FALSE(nesting_within(std::string(65, '['), max_json_depth));
  CHECK(nesting_within(std::string(64, '['), max_json_depth));
}

TEST_CASE("parse_bounded refuses depth bombs without building them") {
  CHECK(parse_bounded(R"({"Id":"x"})").is_object());
  CHECK(parse_bounded(std::string(100, '[') + std::string(100, ']')).is_discarded());
  CHECK(parse_bounded("not json").is_discarded());
}

TEST_CASE("every engine body parser refuses a depth bomb") {
  const std::string bomb(8 * 1024 * 1024, '[');
  CHECK_FALSE(parse_container_list(bomb));
  CHECK_FALSE(parse_daemon_info(bomb));
  CHECK_FALSE(parse_event(bomb));
}
