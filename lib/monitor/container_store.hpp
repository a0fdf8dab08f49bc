#pragma once
// The monitor's current view: every known container with its verdict.
#include <array>
#include <cstddef>
#include <string>
#include <unordered_map>

#include "compliance/verdict.hpp"
#include "docker/container.hpp"
#include "docker/daemon_info.hpp"
#include "monitor/exclusions.hpp"

namespace dse::monitor {

struct ContainerRecord {
  docker::Container container;
  compliance::Verdict verdict;
  bool excluded = false;
};

using ReasonCounts = std::array<std::size_t, compliance::all_reasons.size()>;

class ContainerStore {
 public:
  void upsert(docker::Container container, const docker::DaemonSeccomp& daemon);
  bool erase(const std::string& id);
  // The daemon's profile changed: every verdict may change with it.
  void reevaluate(const docker::DaemonSeccomp& daemon);
  // New exclusion rules (start-up or reload): every record is matched again.
  void set_exclusions(Exclusions exclusions);

  const std::unordered_map<std::string, ContainerRecord>& records() const { return m_records; }
  std::size_t size() const { return m_records.size(); }
  // Counts by reason, of judged containers (excluded = false) or of excluded ones (excluded = true).
  ReasonCounts counts_by_reason(bool excluded = false) const;

 private:
  std::unordered_map<std::string, ContainerRecord> m_records;  // by full id
  Exclusions m_exclusions;
};

}  // namespace dse::monitor
