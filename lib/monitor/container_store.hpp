#pragma once
// The monitor's current view: every known container with its verdict.
#include <array>
#include <cstddef>
#include <string>
#include <unordered_map>

#include "compliance/verdict.hpp"
#include "docker/container.hpp"
#include "docker/daemon_info.hpp"

namespace dse::monitor {

struct ContainerRecord {
  docker::Container container;
  compliance::Verdict verdict;
};

using ReasonCounts = std::array<std::size_t, compliance::all_reasons.size()>;

class ContainerStore {
 public:
  void upsert(docker::Container container, const docker::DaemonSeccomp& daemon);
  bool erase(const std::string& id);
  // The daemon's profile changed: every verdict may change with it.
  void reevaluate(const docker::DaemonSeccomp& daemon);

  const std::unordered_map<std::string, ContainerRecord>& records() const { return m_records; }
  std::size_t size() const { return m_records.size(); }
  ReasonCounts counts_by_reason() const;

 private:
  std::unordered_map<std::string, ContainerRecord> m_records;  // by full id
};

}  // namespace dse::monitor
