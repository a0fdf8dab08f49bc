#include <catch2/catch.hpp>

#include "state/exclusions.hpp"

using namespace dse::state;

namespace {

dse::docker::Container container(std::string name, std::map<std::string, std::string> labels = {}) {
  dse::docker::Container result;
  result.id = "abc";
  result.name = std::move(name);
  result.labels = std::move(labels);
  return result;
}

}  // namespace

TEST_CASE("is_excluded matches whole names against the patterns") {
  Exclusions exclusions;
  exclusions.names.push_back(*parse_name_pattern("infra-.*"));
  CHECK(is_excluded(container("infra-proxy"), exclusions));
  CHECK_FALSE(is_excluded(container("my-infra-proxy"), exclusions));
  CHECK_FALSE(is_excluded(container("app"), exclusions));
}

TEST_CASE("is_excluded matches labels by key, or by key and value") {
  Exclusions exclusions;
  exclusions.labels.push_back(*parse_label_rule("com.example.skip"));
  exclusions.labels.push_back(*parse_label_rule("tier=infra"));
  CHECK(is_excluded(container("a", {{"com.example.skip", ""}}), exclusions));
  CHECK(is_excluded(container("b", {{"tier", "infra"}}), exclusions));
  CHECK_FALSE(is_excluded(container("c", {{"tier", "web"}}), exclusions));
  CHECK_FALSE(is_excluded(container("d"), exclusions));
  CHECK_FALSE(is_excluded(container("e"), Exclusions{}));
}

TEST_CASE("parse_label_rule and parse_name_pattern reject empty or broken rules") {
  CHECK_FALSE(parse_label_rule("=x"));
  CHECK(parse_label_rule("k=")->value == "");
  CHECK_FALSE(parse_name_pattern(""));
  CHECK_FALSE(parse_name_pattern("[a-"));
}

TEST_CASE("parse_name_pattern refuses huge repetition counts (fuzz_config found libstdc++ overflowing)") {
  CHECK(parse_name_pattern("a{1111111111111111111}").error().starts_with("repetition count or back-reference above 1000"));
  CHECK_FALSE(parse_name_pattern("a{2,99999}"));
  CHECK_FALSE(parse_name_pattern(R"((a)\11111111111111111111)"));
  CHECK(parse_name_pattern("a{2,1000}"));
  CHECK(parse_name_pattern(R"((a)\1)"));
  CHECK(parse_name_pattern("^job-20261130$"));  // long literal numbers are fine
  CHECK(parse_name_pattern(R"(x\{99999\})"));     // escaped braces are literal
}
