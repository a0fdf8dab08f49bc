#include <catch2/catch.hpp>

#include <algorithm>

#include "docker/container.hpp"
#include "docker/container_list.hpp"
#include "fixtures.hpp"
#include "monitor/scan_book.hpp"

using dse::monitor::ScanBook;

namespace {

// The recorded `GET /containers/json?all=1` answer and one recorded inspect.
std::vector<std::string> recorded_list() {
  const auto ids = *dse::docker::parse_container_list(dse::test::fixture("containers_list.json"));
  return {ids.begin(), ids.end()};
}

ScanBook::HeldAnswer answer(const std::string& name) {
  return {*dse::docker::parse_inspect(dse::test::fixture("inspect/" + name + ".json")), std::nullopt};
}

void settle_all(ScanBook& book, const std::vector<std::string>& ids) {
  for (const auto& id : ids) book.settle(id);
}

}  // namespace

TEST_CASE("ScanBook: a scan completes with the list, /info and every listed container, once") {
  const auto ids = recorded_list();
  REQUIRE(ids.size() >= 2);
  ScanBook book;
  book.begin();
  CHECK(book.in_progress());
  CHECK(book.listed(ids, book.event_seq(), {}).empty());
  settle_all(book, ids);
  CHECK_FALSE(book.take_completion());  // /info still out
  book.info_arrived();
  CHECK(book.take_completion());
  CHECK_FALSE(book.take_completion());  // said once
  CHECK_FALSE(book.in_progress());
}

TEST_CASE("ScanBook: /info first, then the inspects; an empty host completes at its list") {
  ScanBook book;
  book.begin();
  book.info_arrived();
  CHECK_FALSE(book.take_completion());  // no list yet
  CHECK(book.listed({}, book.event_seq(), {}).empty());
  CHECK(book.take_completion());
}

TEST_CASE("ScanBook: a container that vanishes mid-scan settles it (its 404, or its destroy event)") {
  const auto ids = recorded_list();
  ScanBook book;
  book.begin();
  book.info_arrived();
  book.listed(ids, book.event_seq(), {});
  settle_all(book, {ids.begin() + 1, ids.end()});
  CHECK(book.outstanding() == 1);
  CHECK_FALSE(book.take_completion());
  book.forget(ids.front());  // destroyed before its inspect answered
  CHECK(book.take_completion());
}

TEST_CASE("ScanBook: a known container missing from the list vanishes, unless an event overtook the list") {
  const auto ids = recorded_list();
  ScanBook book;
  book.begin();
  const auto listed_at = book.event_seq();
  // While the list is in flight: a create event for a container the list could not name yet.
  book.event_seen();
  book.container_event("new-since-the-list");
  const std::vector<std::string_view> known = {ids.front(), "gone-without-an-event", "new-since-the-list"};
  auto vanished = book.listed(ids, listed_at, known);
  CHECK(vanished == std::vector<std::string>{"gone-without-an-event"});
  // An event before the list was asked for does not save a container the list no longer names.
  ScanBook later;
  later.event_seen();
  later.container_event("destroyed-before-the-list");
  later.begin();
  CHECK(later.listed(ids, later.event_seq(), {"destroyed-before-the-list"}) ==
        std::vector<std::string>{"destroyed-before-the-list"});
}

TEST_CASE("ScanBook: an id listed twice is waited for once; a settle for an id not listed changes nothing") {
  const auto ids = recorded_list();
  auto twice = ids;
  twice.push_back(ids.front());
  ScanBook book;
  book.begin();
  book.info_arrived();
  book.listed(twice, book.event_seq(), {});
  CHECK(book.outstanding() == ids.size());
  CHECK(book.listed_ids().size() == twice.size());
  book.settle("not-listed");
  book.settle(ids.front());
  book.settle(ids.front());  // a second answer for the same container
  CHECK(book.outstanding() == ids.size() - 1);
  settle_all(book, {ids.begin() + 1, ids.end()});
  CHECK(book.take_completion());
  CHECK(book.listed_ids().empty());  // nothing of the scan kept after it
}

TEST_CASE("ScanBook: answers held until the daemon is known, the newest per container; forget drops one") {
  ScanBook book;
  auto first = answer("plain");
  auto newer = answer("plain");
  newer.container.name = "renamed";
  book.hold(first.container.id, first);
  book.hold(newer.container.id, newer);  // an event overtook the first inspect: its answer is newer
  book.hold("gone", answer("custom"));
  book.forget("gone");
  const auto held = book.take_held();
  REQUIRE(held.size() == 1);
  CHECK(held[0].container.name == "renamed");
  CHECK(book.take_held().empty());
}

TEST_CASE("ScanBook: a failed scan, a resync and a new session") {
  const auto ids = recorded_list();
  ScanBook book;
  book.begin();
  book.fail();  // no list
  CHECK_FALSE(book.in_progress());
  CHECK_FALSE(book.take_completion());
  // The periodic resync: a new scan, whatever the last one left outstanding.
  book.begin();
  book.listed(ids, book.event_seq(), {});
  book.info_arrived();
  settle_all(book, ids);
  CHECK(book.take_completion());
  // A reconnect: the old session's marks and held answers do not reach the new one.
  book.event_seen();
  book.container_event(ids.front());
  book.hold(ids.front(), answer("plain"));
  book.reset();
  CHECK(book.event_seq() == 0);
  CHECK(book.take_held().empty());
  book.begin();
  CHECK(book.listed({}, 0, {ids.front()}) == std::vector<std::string>{ids.front()});
}
