#include "state/syscall_observations.hpp"

namespace dse::state {

void SyscallObservations::record(const std::string& container_id, std::string_view action,
                                 const std::string& syscall) {
  auto& counts = m_by_container[container_id];
  auto key = std::make_pair(std::string(action), syscall);
  if (const auto found = counts.find(key); found != counts.end()) {
    ++found->second;
  } else if (counts.size() < max_pairs_per_container) {
    counts.emplace(std::move(key), 1);
  } else {
    ++over_limit;
  }
}

void SyscallObservations::forget(const std::string& container_id) { m_by_container.erase(container_id); }

std::vector<std::string> SyscallObservations::logged(const std::string& container_id) const {
  std::vector<std::string> syscalls;
  const auto found = m_by_container.find(container_id);
  if (found == m_by_container.end()) return syscalls;
  for (const auto& [key, count] : found->second) {
    if (key.first == "log") syscalls.push_back(key.second);
  }
  return syscalls;  // a map ordered by (action, syscall): sorted
}

}  // namespace dse::state
