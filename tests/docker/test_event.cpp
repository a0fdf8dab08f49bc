#include <catch2/catch.hpp>

#include "docker/event.hpp"
#include "fixtures.hpp"

using dse::docker::parse_event;

TEST_CASE("parse_event reads recorded container events") {
  const auto body = dse::test::fixture("events.jsonl");
  const auto first = parse_event(body.substr(0, body.find('\n')));
  REQUIRE(first);
  CHECK(first->type == "container");
  CHECK(first->action == "create");
  CHECK(first->actor_id == "9e9effb4679d67535ee0c2634f1988039f1094653bafb076a64b9e744702321c");
  CHECK(first->time_nano > 1'700'000'000'000'000'000);
}

TEST_CASE("parse_event reduces actions with details to their base") {
  const auto event = parse_event(R"({"Type":"container","Action":"exec_start: sh -c true","Actor":{"ID":"abc"}})");
  REQUIRE(event);
  CHECK(event->action == "exec_start");
}

TEST_CASE("parse_event understands pre-1.22 events") {
  const auto event = parse_event(R"({"status":"die","id":"abc","from":"busybox","time":1})");
  REQUIRE(event);
  CHECK(event->type == "container");
  CHECK(event->action == "die");
  CHECK(event->actor_id == "abc");
}

TEST_CASE("parse_event rejects what is not an event, without throwing") {
  CHECK_FALSE(parse_event("not json"));
  CHECK_FALSE(parse_event("[1,2]"));
  CHECK_FALSE(parse_event(R"({"Type":"container"})"));
  CHECK_FALSE(parse_event(R"({"Type":"container","Action":42})"));
  const auto odd = parse_event(R"({"Type":"container","Action":"start","Actor":{"ID":7},"timeNano":"x"})");
  REQUIRE(odd);
  CHECK(odd->actor_id.empty());
  CHECK(odd->time_nano == 0);
}

TEST_CASE("event_action_label bounds the action label's values") {
  CHECK(dse::docker::event_action_label("create") == "create");
  CHECK(dse::docker::event_action_label("health_status") == "health_status");
  // The monitor re-inspects on these (monitor/event_reaction): they are not "other".
  CHECK(dse::docker::event_action_label("checkpoint") == "checkpoint");
  CHECK(dse::docker::event_action_label("restore") == "restore");
  CHECK(dse::docker::event_action_label("something-new") == "other");
}
