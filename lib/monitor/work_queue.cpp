#include "monitor/work_queue.hpp"

#include <algorithm>

namespace dse::monitor {

void WorkQueue::mark_dirty(const std::string& id) {
  if (const auto running = m_in_flight.find(id); running != m_in_flight.end()) {
    if (running->second.flight == Flight::current) running->second.flight = Flight::stale;
    return;
  }
  if (m_pending.insert(id).second) m_order.push_back(id);
}

std::optional<std::string> WorkQueue::start_next() {
  if (m_order.empty() || m_slots_in_use >= m_max_in_flight || m_in_flight.size() >= m_max_total) return std::nullopt;
  auto id = std::move(m_order.front());
  m_order.pop_front();
  m_pending.erase(id);
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
  if (m_pending.erase(id) > 0) std::erase(m_order, id);
}

void WorkQueue::clear() {
  m_order.clear();
  m_pending.clear();
  m_in_flight.clear();
  m_slots_in_use = 0;
}

}  // namespace dse::monitor
