#include "monitor/scan_book.hpp"

#include <algorithm>

namespace dse::monitor {

void ScanBook::reset() {
  m_event_seq = 0;
  m_last_event_seq.clear();
  drop_listed();
  m_in_progress = m_awaiting_info = m_awaiting_list = false;
  m_held.clear();
}

void ScanBook::begin() {
  m_in_progress = m_awaiting_info = m_awaiting_list = true;
  drop_listed();
}

void ScanBook::drop_listed() {
  // Moved out, not assigned an empty one: a string assigned an empty (short) string keeps its buffer.
  { const auto gone = std::move(m_listed); }
  m_listed = {};
  m_by_id = {};
  m_settled = {};
  m_outstanding = 0;
}

std::optional<std::size_t> ScanBook::listed_position(std::string_view id) const {
  const auto at =
      std::lower_bound(m_by_id.begin(), m_by_id.end(), id,
                       [this](std::uint32_t listed, std::string_view wanted) { return m_listed[listed] < wanted; });
  if (at == m_by_id.end() || m_listed[*at] != id) return std::nullopt;
  return static_cast<std::size_t>(at - m_by_id.begin());
}

std::vector<std::string> ScanBook::listed(docker::ContainerIds ids, std::uint64_t listed_at_seq,
                                          const std::vector<std::string_view>& known) {
  m_listed = std::move(ids);
  m_by_id.resize(m_listed.size());
  for (std::uint32_t i = 0; i < m_by_id.size(); ++i) m_by_id[i] = i;
  const auto id_of = [this](std::uint32_t i) { return m_listed[i]; };
  std::sort(m_by_id.begin(), m_by_id.end(), [&](auto a, auto b) { return id_of(a) < id_of(b); });
  // An engine that lists an id twice must not leave the scan waiting for a second answer.
  m_by_id.erase(std::unique(m_by_id.begin(), m_by_id.end(), [&](auto a, auto b) { return id_of(a) == id_of(b); }),
                m_by_id.end());
  m_settled.assign(m_by_id.size(), false);
  m_outstanding = m_by_id.size();
  std::vector<std::string> vanished;
  for (const auto id : known) {
    const auto seen = m_last_event_seq.find(std::string(id));
    const bool touched_since_list = seen != m_last_event_seq.end() && seen->second > listed_at_seq;
    if (!listed_position(id) && !touched_since_list) vanished.emplace_back(id);
  }
  m_awaiting_list = false;
  return vanished;
}

void ScanBook::fail() {
  m_in_progress = false;
  drop_listed();
}

void ScanBook::settle(std::string_view id) {
  const auto position = listed_position(id);
  if (!position || m_settled[*position]) return;
  m_settled[*position] = true;
  --m_outstanding;
}

void ScanBook::forget(const std::string& id) {
  m_last_event_seq.erase(id);
  m_held.erase(id);
  settle(id);
}

bool ScanBook::take_completion() {
  if (!m_in_progress || m_awaiting_info || m_awaiting_list || m_outstanding != 0) return false;
  m_in_progress = false;
  drop_listed();
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
