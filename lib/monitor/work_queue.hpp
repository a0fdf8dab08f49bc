#pragma once
// Which containers need an inspect, with bounded concurrency and no stale results.
//
// Invariant: an inspect result is applied only if no event for that container arrived after the
// request was sent. A container touched while its inspect is in flight is inspected again.
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
  // Returns true if the finished inspect's result is current; false if it went stale and was requeued.
  bool finish(const std::string& id);
  // The container is gone: drop it from the queue and discard any result in flight.
  void forget(const std::string& id);
  // Drops everything (on disconnect: a resync will rebuild it). In-flight results become stale.
  void clear();

  std::size_t pending() const { return m_order.size(); }
  std::size_t in_flight() const { return m_in_flight.size(); }
  bool idle() const { return m_order.empty() && m_in_flight.empty(); }

 private:
  std::size_t m_max_in_flight;
  std::deque<std::string> m_order;
  std::unordered_set<std::string> m_pending;
  enum class Flight { current, stale, dropped };
  std::unordered_map<std::string, Flight> m_in_flight;
};

}  // namespace dse::monitor
