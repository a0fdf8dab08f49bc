#include <catch2/catch.hpp>

#include "config/value_parsers.hpp"

using namespace dse::config;
using namespace std::chrono_literals;

TEST_CASE("parse_duration takes ms, s and m, and says what is wrong") {
  CHECK(*parse_duration("500ms") == 500ms);
  CHECK(*parse_duration("10s") == 10s);
  CHECK(*parse_duration("5m") == 5min);
  CHECK(*parse_duration("0s") == 0ms);
  CHECK(*parse_duration("1h30m") == 90min);
  CHECK(*parse_duration("1d") == 24h);
  CHECK(*parse_duration("1m30s500ms") == 90'500ms);
  CHECK(*parse_duration("0") == 0ms);
  CHECK(parse_duration("10").error() == "invalid duration '10' (e.g. 500ms, 10s, 5m, 1h30m, 1d)");
  CHECK_FALSE(parse_duration("-1s"));
  CHECK_FALSE(parse_duration("30m1h"));  // largest unit first, as Prometheus
  CHECK_FALSE(parse_duration("1h1h"));
  CHECK_FALSE(parse_duration("1.5s"));
  CHECK_FALSE(parse_duration("s"));
  CHECK_FALSE(parse_duration("99999999999999999y"));
  CHECK(parse_positive_duration("0s").error() == "must be greater than 0");
}

TEST_CASE("parse_container_labels needs id or name") {
  const auto labels = parse_container_labels("name,image", {});
  REQUIRE(labels);
  CHECK_FALSE(labels->id_label);
  CHECK(labels->name_label);
  CHECK(labels->image_label);
  CHECK(parse_container_labels("image", {}).error() == "needs id or name (or use metrics.aggregate-only)");
  CHECK(parse_container_labels("id,pod", {}).error() == "unknown label 'pod' (want id, name, image)");
}

TEST_CASE("parse_bool, parse_log_level and parse_log_format accept only their words") {
  CHECK(*parse_bool("") == true);
  CHECK(*parse_bool("false") == false);
  CHECK(parse_bool("yes").error() == "want true or false, got 'yes'");
  CHECK(*parse_log_level("warn") == "warn");
  CHECK(parse_log_level("warning").error() == "want debug, info, warn or error, got 'warning'");
  CHECK(*parse_log_format("json") == dse::LogFormat::json);
  CHECK(parse_telemetry_path("/").error() == "must start with '/' and not be '/'");
}
