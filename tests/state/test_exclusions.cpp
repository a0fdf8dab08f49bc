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

TEST_CASE("parse_name_pattern speaks RE2, as Prometheus users write it") {
  CHECK(is_excluded(container("Infra-Proxy"), {{*parse_name_pattern("(?i)infra-.*")}, {}}));
  CHECK_FALSE(is_excluded(container("Infra-Proxy"), {{*parse_name_pattern("infra-.*")}, {}}));
  // What RE2 refuses, with its own reason: back-references (no linear-time match) and huge counts.
  CHECK(parse_name_pattern(R"((a)\1)").error() == R"(invalid regular expression '(a)\1': invalid escape sequence: \1)");
  CHECK(parse_name_pattern("a{2,1001}").error() ==
        "invalid regular expression 'a{2,1001}': invalid repetition size: {2,1001}");
  CHECK(parse_name_pattern("a{2,1000}"));
  CHECK(parse_name_pattern("^job-20261130$"));
  CHECK(parse_name_pattern(R"(x\{99999\})"));  // escaped braces are literal
}
