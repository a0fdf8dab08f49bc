#include "state/syscall_observations.hpp"

namespace dse::state {

void SyscallObservations::record(const std::string& container_id, Action action, const std::string& syscall) {
  m_lost_at_start.try_emplace(container_id, lost);
  auto& counts = m_by_container[container_id];
  auto key = std::make_pair(action, syscall);
  if (const auto found = counts.find(key); found != counts.end()) {
    ++found->second;
  } else if (counts.size() < max_pairs_per_container) {
    counts.emplace(std::move(key), 1);
  } else {
    ++over_limit;
    ++m_over_limit[container_id];
  }
}

void SyscallObservations::hold(const std::string& container_id, Action action, const std::string& syscall,
                               Clock::time_point now) {
  if (m_pending.size() >= max_pending) {
    ++unattributed;
    return;
  }
  m_pending.push_back({container_id, action, syscall, now});
}

void SyscallObservations::expire_pending(Clock::time_point now) {
  while (!m_pending.empty() && now - m_pending.front().at > pending_memory) {
    ++unattributed;
    m_pending.pop_front();
  }
}

void SyscallObservations::know(const std::string& container_id) {
  if (!enabled) return;
  m_lost_at_start.try_emplace(container_id, lost);
  if (m_pending.empty()) return;
  std::deque<Pending> others;
  auto pending = std::move(m_pending);
  m_pending.clear();
  for (auto& held : pending) {
    if (held.container_id == container_id)
      record(container_id, held.action, held.syscall);
    else
      others.push_back(std::move(held));
  }
  m_pending = std::move(others);
}

void SyscallObservations::forget(const std::string& container_id) {
  m_by_container.erase(container_id);
  m_over_limit.erase(container_id);
  m_lost_at_start.erase(container_id);
}

SyscallObservations::Gaps SyscallObservations::gaps(const std::string& container_id) const {
  Gaps gaps;
  if (const auto found = m_over_limit.find(container_id); found != m_over_limit.end()) gaps.over_limit = found->second;
  const auto start = m_lost_at_start.find(container_id);
  gaps.lost = lost - (start == m_lost_at_start.end() ? 0 : start->second);
  return gaps;
}

std::vector<std::string> SyscallObservations::logged(const std::string& container_id) const {
  std::vector<std::string> syscalls;
  const auto found = m_by_container.find(container_id);
  if (found == m_by_container.end()) return syscalls;
  for (const auto& [key, count] : found->second) {
    if (key.first == Action::log) syscalls.push_back(key.second);
  }
  return syscalls;  // a map ordered by (action, syscall): sorted by name within log
}

}  // namespace dse::state
