#include "monitor/container_store.hpp"

#include "compliance/evaluate.hpp"

namespace dse::monitor {

void ContainerStore::upsert(docker::Container container, const docker::DaemonSeccomp& daemon) {
  const auto verdict = compliance::evaluate(container, daemon);
  const bool excluded = is_excluded(container, m_exclusions);
  auto id = container.id;
  m_records.insert_or_assign(std::move(id), ContainerRecord{std::move(container), verdict, excluded});
}

bool ContainerStore::erase(const std::string& id) { return m_records.erase(id) > 0; }

void ContainerStore::reevaluate(const docker::DaemonSeccomp& daemon) {
  for (auto& [id, record] : m_records) record.verdict = compliance::evaluate(record.container, daemon);
}

void ContainerStore::set_exclusions(Exclusions exclusions) {
  m_exclusions = std::move(exclusions);
  for (auto& [id, record] : m_records) record.excluded = is_excluded(record.container, m_exclusions);
}

ReasonCounts ContainerStore::counts_by_reason(bool excluded) const {
  ReasonCounts counts{};
  for (const auto& [id, record] : m_records) {
    if (record.excluded == excluded) ++counts[static_cast<std::size_t>(record.verdict.reason)];
  }
  return counts;
}

}  // namespace dse::monitor
