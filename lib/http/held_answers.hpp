#pragma once
// Answers waiting for their readers. A client that does not read holds its answer for the write deadline, and
// 80 of them held 4.3 GB. Beyond the budget (64 MiB, or four times the answer at hand, so that a very large
// host still serves its scrapers side by side), the client whose socket has taken nothing for longest is
// dropped before another answer is held, if it has taken nothing for stalled_after; a client that reads is
// never dropped for it. A text shared by several clients (a scrape, app/exporter.cpp) counts once.
#include <chrono>
#include <cstddef>
#include <functional>
#include <list>
#include <memory>
#include <string>
#include <unordered_map>

namespace dse::http {

class HeldAnswers {
 public:
  static constexpr std::size_t min_budget = 64 * 1024 * 1024;
  static constexpr auto stalled_after = std::chrono::milliseconds(500);
  using Clock = std::chrono::steady_clock;

  struct Slot {
    std::shared_ptr<const std::string> text;  // reset once released or dropped
    Clock::time_point last_progress;          // when its socket last took bytes of it
    std::function<void()> drop;               // closes the connection
  };
  using Handle = std::list<Slot>::iterator;

  // Drops stalled holders while the new text would not fit, then holds it.
  Handle hold(std::shared_ptr<const std::string> text, std::function<void()> drop,
              Clock::time_point now = Clock::now());
  void progress(Handle slot, Clock::time_point now = Clock::now()) { slot->last_progress = now; }
  // Every handle is released once, dropped or not.
  void release(Handle slot);
  std::size_t held_bytes() const { return m_held_bytes; }
  std::size_t dropped() const { return m_dropped; }

 private:
  void let_go(Slot& slot);

  std::list<Slot> m_slots;
  std::unordered_map<const std::string*, std::size_t> m_holders;  // of each text held
  std::size_t m_held_bytes = 0;
  std::size_t m_dropped = 0;
};

}  // namespace dse::http
