#pragma once
// Which containers need an inspect, with bounded concurrency.
//
// A container touched while its inspect is in flight is inspected again. The result in flight is still
// stored: it is newer than what is stored, and under a steady stream of events for one container, waiting
// for a result that no event followed could leave its verdict stale for as long as the stream lasts.
// Results for a container that was forgotten (removed, or a disconnect) are discarded.
#include <cstddef>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>

namespace dse::monitor {

class WorkQueue {
 public:
  // max_in_flight: inspects holding a slot; max_total: all in flight, slow ones that gave up theirs included.
  WorkQueue(std::size_t max_in_flight, std::size_t max_total)
      : m_max_in_flight(max_in_flight), m_max_total(max_total) {}

  void mark_dirty(std::string id);
  // The next id to inspect, if any is pending, fewer than max_in_flight hold a slot and fewer than
  // max_total are in flight.
  std::optional<std::string> start_next();
  // A slow inspect gives up its slot (it stays in flight): hung requests cannot hold every slot while
  // healthy containers wait.
  void release_slot(const std::string& id);
  enum class Outcome { store, store_and_reinspect, discard };
  Outcome finish(const std::string& id);
  // The container is gone: drop it from the queue and discard any result in flight.
  void forget(const std::string& id);
  // Drops everything (on disconnect: a resync will rebuild it). In-flight results become stale.
  void clear();

  std::size_t pending() const { return m_pending.size(); }
  std::size_t strings_held() const { return m_order.size(); }  // pending ids, and forgotten ones not yet passed
  std::size_t in_flight() const { return m_in_flight.size(); }
  std::size_t slots_in_use() const { return m_slots_in_use; }
  bool in_flight(const std::string& id) const { return m_in_flight.contains(id); }
  bool idle() const { return m_pending.empty() && m_in_flight.empty(); }

 private:
  bool viewed(const std::string& id) const;

  std::size_t m_max_in_flight;
  std::size_t m_max_total;
  std::size_t m_slots_in_use = 0;
  // Each pending id once: the set views the deque's strings (a deque's elements stay put while it grows at
  // the back and shrinks at the front). A forgotten id stays in the deque, no longer viewed, and is skipped;
  // at 50,000 listed containers a second copy of each id cost 5 MB in the middle of the heap.
  std::deque<std::string> m_order;
  std::unordered_set<std::string_view> m_pending;
  enum class Flight { current, stale, dropped };
  struct InFlight {
    Flight flight = Flight::current;
    bool holds_slot = true;
  };
  std::unordered_map<std::string, InFlight> m_in_flight;
};

}  // namespace dse::monitor
