#include "kernel/process_tree.hpp"

namespace dse::kernel {

ProcessTree::Process* ProcessTree::entry(long long tgid) {
  if (const auto found = m_processes.find(tgid); found != m_processes.end()) return &found->second;
  if (m_processes.size() >= max_processes) {
    ++refused;
    return nullptr;
  }
  return &m_processes[tgid];
}

std::optional<ProcessTree::Placement> ProcessTree::read_into(long long tgid, const CgroupReader& read) {
  const auto container = read(tgid);
  if (!container) return std::nullopt;
  Placement placement{Known::host, nullptr};
  if (!container->empty()) placement = {Known::container, std::make_shared<const std::string>(*container)};
  if (auto* process = entry(tgid)) {
    process->known = placement.known;
    process->container = placement.container;
  }
  return placement;
}

bool ProcessTree::placed(long long tgid) const {
  const auto found = m_processes.find(tgid);
  return found != m_processes.end() && found->second.known != Known::unread && !found->second.exited_at;
}

void ProcessTree::forked(long long parent_tgid, long long child_tgid) {
  // A new process: whatever was kept under its pid was another's.
  m_processes.erase(child_tgid);
  auto* child = entry(child_tgid);
  if (child == nullptr) return;
  child->parent = parent_tgid;
  const auto parent = m_processes.find(parent_tgid);
  if (parent != m_processes.end() && parent->second.known == Known::container) {
    child->known = Known::container;
    child->container = parent->second.container;
  }
}

void ProcessTree::execed(long long tgid, const CgroupReader& read) {
  auto* process = entry(tgid);
  if (process != nullptr && process->known == Known::container) return;  // exec keeps the cgroup
  // A host process may have been moved into a container's cgroup since its fork (runc exec): read again.
  if (!read_into(tgid, read) && process != nullptr) process->known = Known::unread;
}

void ProcessTree::exited(long long tgid, Clock::time_point now) {
  if (const auto found = m_processes.find(tgid); found != m_processes.end()) found->second.exited_at = now;
}

void ProcessTree::sweep(Clock::time_point now) {
  std::erase_if(m_processes, [now](const auto& item) {
    return item.second.exited_at && now - *item.second.exited_at > exited_memory;
  });
}

std::optional<std::string> ProcessTree::container_of(long long tgid, const CgroupReader& read) {
  long long at = tgid;
  for (int depth = 0; depth < max_ancestors && at > 0; ++depth) {
    auto found = m_processes.find(at);
    std::optional<Placement> placement;
    if (found != m_processes.end() && found->second.known != Known::unread) {
      placement = Placement{found->second.known, found->second.container};
    } else {
      placement = read_into(at, read);
    }
    if (placement) {
      if (placement->known != Known::container) return std::nullopt;
      if (at != tgid) {  // the process is gone: it was of its ancestor's container
        if (const auto own = m_processes.find(tgid); own != m_processes.end()) {
          own->second.known = Known::container;
          own->second.container = placement->container;
        }
      }
      return *placement->container;
    }
    found = m_processes.find(at);  // gone before it could be read
    if (found == m_processes.end()) return std::nullopt;
    at = found->second.parent;
  }
  return std::nullopt;
}

}  // namespace dse::kernel
