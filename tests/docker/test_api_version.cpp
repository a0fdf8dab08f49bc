#include <catch2/catch.hpp>

#include "docker/api_version.hpp"

using dse::docker::negotiate_api_version;
using dse::docker::parse_api_version;

TEST_CASE("negotiate_api_version takes the lower of the engine's and ours") {
  CHECK(negotiate_api_version("", "1.41")->to_string() == "1.41");
  CHECK(negotiate_api_version("", "1.52")->to_string() == dse::docker::max_supported_api_version);
  CHECK(negotiate_api_version("", "")->to_string() == "1.24");
}

TEST_CASE("negotiate_api_version lets DOCKER_API_VERSION pin the version") {
  CHECK(negotiate_api_version("1.40", "1.47")->to_string() == "1.40");
  CHECK(negotiate_api_version("v1.44", "1.41")->to_string() == "1.44");
  CHECK_FALSE(negotiate_api_version("latest", "1.41"));
}

TEST_CASE("parse_api_version compares numerically") {
  CHECK(*parse_api_version("1.9") < *parse_api_version("1.10"));
  CHECK_FALSE(parse_api_version("1."));
  CHECK_FALSE(parse_api_version("1.41x"));
  CHECK_FALSE(parse_api_version(""));
}
