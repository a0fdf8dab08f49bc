#include <catch2/catch.hpp>

#include "monitor/work_queue.hpp"

using dse::monitor::WorkQueue;
using Outcome = WorkQueue::Outcome;

TEST_CASE("WorkQueue dedupes pending ids and bounds concurrency") {
  WorkQueue queue(2, 16);
  queue.mark_dirty("a");
  queue.mark_dirty("b");
  queue.mark_dirty("a");
  queue.mark_dirty("c");
  CHECK(queue.pending() == 3);
  CHECK(queue.start_next() == "a");
  CHECK(queue.start_next() == "b");
  CHECK_FALSE(queue.start_next());
  CHECK(queue.finish("a") == Outcome::store);
  CHECK(queue.start_next() == "c");
}

TEST_CASE("WorkQueue requeues an id touched while its inspect was in flight, and keeps the result") {
  WorkQueue queue(4, 16);
  queue.mark_dirty("a");
  REQUIRE(queue.start_next() == "a");
  queue.mark_dirty("a");
  queue.mark_dirty("a");
  CHECK(queue.pending() == 0);
  CHECK(queue.finish("a") == Outcome::store_and_reinspect);  // newer than what is stored, not the last word
  CHECK(queue.pending() == 1);
  REQUIRE(queue.start_next() == "a");
  CHECK(queue.finish("a") == Outcome::store);
  CHECK(queue.idle());
}

TEST_CASE("WorkQueue forgets removed containers, pending or in flight") {
  WorkQueue queue(1, 16);
  queue.mark_dirty("a");
  queue.mark_dirty("b");
  REQUIRE(queue.start_next() == "a");
  queue.forget("a");
  queue.forget("b");
  CHECK(queue.finish("a") == Outcome::discard);
  CHECK(queue.idle());
}

TEST_CASE("WorkQueue::clear makes in-flight results stale") {
  WorkQueue queue(1, 16);
  queue.mark_dirty("a");
  REQUIRE(queue.start_next() == "a");
  queue.clear();
  CHECK(queue.finish("a") == Outcome::discard);
  CHECK(queue.idle());
}

TEST_CASE("WorkQueue: slow inspects give up their slots, up to a bound on all in flight") {
  WorkQueue queue(2, 3);
  for (const auto* id : {"hung1", "hung2", "ok1", "ok2"}) queue.mark_dirty(id);
  REQUIRE(queue.start_next() == "hung1");
  REQUIRE(queue.start_next() == "hung2");
  CHECK_FALSE(queue.start_next());  // both slots held
  queue.release_slot("hung1");
  queue.release_slot("hung1");  // once only
  CHECK(queue.slots_in_use() == 1);
  CHECK(queue.start_next() == "ok1");
  queue.release_slot("hung2");
  CHECK_FALSE(queue.start_next());  // three in flight: the bound on all of them
  CHECK(queue.finish("hung1") == Outcome::store);
  CHECK(queue.slots_in_use() == 1);
  CHECK(queue.start_next() == "ok2");
  CHECK(queue.slots_in_use() == 2);
  queue.clear();
  CHECK(queue.slots_in_use() == 0);
}

TEST_CASE(
    "WorkQueue: an id forgotten and marked again is inspected once, in its new place; forgotten ones cost nothing") {
  WorkQueue queue(1, 16);
  queue.mark_dirty("a");
  queue.mark_dirty("b");
  queue.mark_dirty("c");
  queue.forget("a");
  queue.forget("b");
  queue.mark_dirty("a");  // behind c now
  CHECK(queue.pending() == 2);
  CHECK(queue.start_next() == "c");
  CHECK(queue.finish("c") == Outcome::store);
  CHECK(queue.start_next() == "a");
  CHECK(queue.finish("a") == Outcome::store);
  CHECK_FALSE(queue.start_next());
  CHECK(queue.idle());

  // A flood of announced and destroyed containers while nothing is started: the queue stays right.
  queue.mark_dirty("kept");
  for (int i = 0; i < 10000; ++i) {
    const auto id = "long-container-id-" + std::to_string(i);  // past the short-string buffer
    queue.mark_dirty(id);
    queue.forget(id);
  }
  CHECK(queue.pending() == 1);
  CHECK(queue.strings_held() <= 2 * 1 + 1024 + 1);
  CHECK(queue.start_next() == "kept");
  CHECK_FALSE(queue.start_next());
}
