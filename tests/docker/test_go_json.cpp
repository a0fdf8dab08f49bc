#include <catch2/catch.hpp>

#include <string>

#include "docker/go_json.hpp"

using namespace dse::docker;

TEST_CASE("parse_go_json keeps every member in order, duplicates included") {
  const auto doc = parse_go_json(R"({"a":1,"b":"x","a":[true,null],"c":{"d":-1,"e":1.5,"f":18446744073709551615}})");
  REQUIRE(doc);
  REQUIRE(doc->members.size() == 4);
  CHECK(doc->members[0].key == "a");
  CHECK(doc->members[0].value.number == GoJson::Number::unsigned_integer);
  CHECK(doc->members[2].value.kind == GoJson::Kind::array);
  CHECK(doc->members[2].value.items.size() == 2);
  const auto& c = doc->members[3].value.members;
  CHECK(c[0].value.number == GoJson::Number::other);  // negative: not a uint
  CHECK(c[1].value.number == GoJson::Number::other);  // fraction
  CHECK(c[2].value.unsigned_value == 18446744073709551615ULL);
}

TEST_CASE("parse_go_json refuses bad syntax and deep nesting") {
  CHECK_FALSE(parse_go_json("{"));
  CHECK_FALSE(parse_go_json(R"({"a":1} x)"));
  CHECK(parse_go_json(std::string(64, '[') + std::string(64, ']')));
  CHECK_FALSE(parse_go_json(std::string(65, '[') + std::string(65, ']')));
}

TEST_CASE("go_key_matches: case-insensitive, with Go's Unicode folds to ASCII") {
  CHECK(go_key_matches("names", "names"));
  CHECK(go_key_matches("NaMeS", "names"));
  CHECK(go_key_matches("name\xC5\xBF", "names"));  // LONG S
  CHECK(
      go_key_matches("\xE2\x84\xAA"
                     "ernel",
                     "kernel"));  // KELVIN SIGN
  CHECK_FALSE(go_key_matches("name", "names"));
  CHECK_FALSE(go_key_matches("namess", "names"));
  CHECK_FALSE(go_key_matches("n\xC3\xA1mes", "names"));
}
