#include "monitor/verdict_latency.hpp"

namespace dse::monitor {

// Only containers with a waiting event are tracked: a scan's thousands of inspects cost nothing here.
void VerdictLatency::event(const std::string& id, std::int64_t time_nano, bool inspect_in_flight) {
  if (time_nano <= 0) return;
  auto& waiting = m_waiting[id];
  auto& earliest = inspect_in_flight ? waiting.during_request : waiting.before_request;
  if (earliest == 0) earliest = time_nano;
}

std::optional<std::int64_t> VerdictLatency::answered(const std::string& id) {
  const auto found = m_waiting.find(id);
  if (found == m_waiting.end()) return std::nullopt;
  std::optional<std::int64_t> earliest;
  if (found->second.before_request != 0) earliest = found->second.before_request;
  found->second.before_request = 0;
  settle(found);
  return earliest;
}

void VerdictLatency::failed(const std::string& id) {
  const auto found = m_waiting.find(id);
  if (found != m_waiting.end()) settle(found);
}

// The request is over: events that came during it now wait for the next one.
void VerdictLatency::settle(std::unordered_map<std::string, Waiting>::iterator found) {
  auto& waiting = found->second;
  if (waiting.before_request == 0) waiting.before_request = waiting.during_request;
  waiting.during_request = 0;
  if (waiting.before_request == 0) m_waiting.erase(found);
}

}  // namespace dse::monitor
