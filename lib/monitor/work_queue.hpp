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
#include <unordered_map>
#include <unordered_set>

namespace dse::monitor {

class WorkQueue {
 public:
  explicit WorkQueue(std::size_t max_in_flight) : m_max_in_flight(max_in_flight) {}

  void mark_dirty(const std::string& id);
  // The next id to inspect, if any is pending and fewer than max_in_flight are running.
  std::optional<std::string> start_next();
  enum class Outcome { store, store_and_reinspect, discard };
  Outcome finish(const std::string& id);
  // The container is gone: drop it from the queue and discard any result in flight.
  void forget(const std::string& id);
  // Drops everything (on disconnect: a resync will rebuild it). In-flight results become stale.
  void clear();

  std::size_t pending() const { return m_order.size(); }
  std::size_t in_flight() const { return m_in_flight.size(); }
  bool in_flight(const std::string& id) const { return m_in_flight.contains(id); }
  bool idle() const { return m_order.empty() && m_in_flight.empty(); }

 private:
  std::size_t m_max_in_flight;
  std::deque<std::string> m_order;
  std::unordered_set<std::string> m_pending;
  enum class Flight { current, stale, dropped };
  std::unordered_map<std::string, Flight> m_in_flight;
};

}  // namespace dse::monitor
