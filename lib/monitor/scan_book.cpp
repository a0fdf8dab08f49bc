#include "monitor/scan_book.hpp"

namespace dse::monitor {

void ScanBook::reset() {
  m_event_seq = 0;
  m_last_event_seq.clear();
  m_outstanding.clear();
  m_in_progress = m_awaiting_info = m_awaiting_list = false;
  m_held.clear();
}

void ScanBook::begin() {
  m_in_progress = m_awaiting_info = m_awaiting_list = true;
  m_outstanding.clear();
}

std::vector<std::string> ScanBook::listed(const std::vector<std::string>& ids, std::uint64_t listed_at_seq,
                                          const std::vector<std::string>& known) {
  std::unordered_set<std::string> listed(ids.begin(), ids.end());
  std::vector<std::string> vanished;
  for (const auto& id : known) {
    const auto seen = m_last_event_seq.find(id);
    const bool touched_since_list = seen != m_last_event_seq.end() && seen->second > listed_at_seq;
    if (!listed.contains(id) && !touched_since_list) vanished.push_back(id);
  }
  m_outstanding = std::move(listed);
  m_awaiting_list = false;
  return vanished;
}

void ScanBook::forget(const std::string& id) {
  m_last_event_seq.erase(id);
  m_held.erase(id);
  settle(id);
}

bool ScanBook::take_completion() {
  if (!m_in_progress || m_awaiting_info || m_awaiting_list || !m_outstanding.empty()) return false;
  m_in_progress = false;
  return true;
}

void ScanBook::hold(const std::string& id, HeldAnswer answer) { m_held.insert_or_assign(id, std::move(answer)); }

std::vector<ScanBook::HeldAnswer> ScanBook::take_held() {
  std::vector<HeldAnswer> held;
  held.reserve(m_held.size());
  for (auto& [id, answer] : m_held) held.push_back(std::move(answer));
  m_held.clear();
  return held;
}

}  // namespace dse::monitor
