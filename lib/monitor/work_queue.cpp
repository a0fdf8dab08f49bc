#include "monitor/work_queue.hpp"

namespace dse::monitor {

void WorkQueue::mark_dirty(std::string id) {
  if (const auto running = m_in_flight.find(id); running != m_in_flight.end()) {
    if (running->second.flight == Flight::current) running->second.flight = Flight::stale;
    return;
  }
  if (m_pending.contains(id)) return;
  m_pending.insert(m_order.emplace_back(std::move(id)));
}

std::optional<std::string> WorkQueue::start_next() {
  if (m_pending.empty() || m_slots_in_use >= m_max_in_flight || m_in_flight.size() >= m_max_total) return std::nullopt;
  while (!viewed(m_order.front())) m_order.pop_front();  // forgotten
  m_pending.erase(m_order.front());
  auto id = std::move(m_order.front());
  m_order.pop_front();
  m_in_flight.emplace(id, InFlight{});
  ++m_slots_in_use;
  return id;
}

void WorkQueue::release_slot(const std::string& id) {
  const auto running = m_in_flight.find(id);
  if (running == m_in_flight.end() || !running->second.holds_slot) return;
  running->second.holds_slot = false;
  --m_slots_in_use;
}

WorkQueue::Outcome WorkQueue::finish(const std::string& id) {
  const auto running = m_in_flight.find(id);
  if (running == m_in_flight.end()) return Outcome::discard;  // cleared meanwhile
  const auto flight = running->second.flight;
  if (running->second.holds_slot) --m_slots_in_use;
  m_in_flight.erase(running);
  switch (flight) {
    case Flight::current: return Outcome::store;
    case Flight::stale: mark_dirty(id); return Outcome::store_and_reinspect;
    case Flight::dropped: return Outcome::discard;
  }
  return Outcome::discard;
}

void WorkQueue::forget(const std::string& id) {
  if (const auto running = m_in_flight.find(id); running != m_in_flight.end()) running->second.flight = Flight::dropped;
  m_pending.erase(id);  // its string stays in m_order until start_next passes it, or until compacted
  // Bounded: events that announce and destroy containers while every slot is held leave no more strings
  // behind than there are pending ids (and a thousand).
  if (m_order.size() > 2 * m_pending.size() + 1024) {
    std::deque<std::string> kept;
    for (const auto& pending : m_order) {
      if (viewed(pending)) kept.push_back(pending);
    }
    m_pending.clear();
    m_order = std::move(kept);
    for (const auto& pending : m_order) m_pending.insert(pending);
  }
}

// Whether this string of m_order is the one m_pending views: an id forgotten and marked again has a newer
// string behind it.
bool WorkQueue::viewed(const std::string& id) const {
  const auto found = m_pending.find(id);
  return found != m_pending.end() && found->data() == id.data();
}

void WorkQueue::clear() {
  m_order.clear();
  m_pending.clear();
  m_in_flight.clear();
  m_slots_in_use = 0;
}

}  // namespace dse::monitor
