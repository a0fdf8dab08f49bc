#include <catch2/catch.hpp>

#include "http/held_answers.hpp"

using dse::http::HeldAnswers;

TEST_CASE("HeldAnswers counts a shared text once and drops only clients that took nothing for a while") {
  HeldAnswers held;
  const auto t0 = HeldAnswers::Clock::now();
  const auto big = std::make_shared<const std::string>(HeldAnswers::min_budget / 2, 'x');
  int dropped = 0;
  const auto drop = [&] { ++dropped; };
  auto a = held.hold(big, drop, t0);
  auto b = held.hold(big, drop, t0);  // the same rendering: no more held
  CHECK(held.held_bytes() == big->size());
  const auto other = std::make_shared<const std::string>(HeldAnswers::min_budget / 2, 'y');
  auto c = held.hold(other, drop, t0);  // fits the budget exactly
  CHECK(held.held_bytes() == HeldAnswers::min_budget);
  // Over the budget, but every holder has read within stalled_after: held anyway, nobody dropped.
  const auto third = std::make_shared<const std::string>(1024, 'z');
  auto d = held.hold(third, drop, t0 + HeldAnswers::stalled_after / 2);
  CHECK(dropped == 0);
  // Later, a and b (the big text) took nothing; c read just now: a and b go, c stays.
  const auto later = t0 + 3 * HeldAnswers::stalled_after;
  held.progress(c, later);
  held.progress(d, later);
  auto e = held.hold(std::make_shared<const std::string>(1024, 'w'), drop, later);
  CHECK(dropped == 2);
  CHECK(held.dropped() == 2);
  CHECK(held.held_bytes() == other->size() + 2048);
  for (auto slot : {a, b, c, d, e}) held.release(slot);  // released once each, dropped or not
  CHECK(held.held_bytes() == 0);
}
