#include "monitor/container_store.hpp"

#include "compliance/checks.hpp"
#include "compliance/evaluate.hpp"

namespace dse::monitor {

void ContainerStore::judge(ContainerRecord& record) const {
  record.profile = compliance::applicable_profile(record.container, m_context.daemon, m_context.daemon_profile);
  compliance::Evidence evidence{m_context.daemon, record.profile, std::nullopt, m_context.policy};
  if (record.kernel && record.kernel->seccomp.mode != kernel::SeccompMode::unknown) {
    evidence.kernel = record.kernel->seccomp.mode;
  }
  record.verdict = compliance::evaluate(record.container, evidence);
  record.excluded = is_excluded(record.container, m_context.exclusions);
}

void ContainerStore::upsert(docker::Container container, std::optional<kernel::Observation> kernel) {
  ContainerRecord record{std::move(container), std::move(kernel), std::nullopt, {}, false};
  judge(record);
  auto id = record.container.id;
  m_records.insert_or_assign(std::move(id), std::move(record));
  ++m_generation;
}

bool ContainerStore::erase(const std::string& id) {
  if (m_records.erase(id) == 0) return false;
  ++m_generation;
  return true;
}

void ContainerStore::set_context(JudgementContext context) {
  m_context = std::move(context);
  ++m_generation;
  for (auto& [id, record] : m_records) judge(record);
}

ReasonCounts ContainerStore::counts_by_reason(bool excluded) const {
  ReasonCounts counts{};
  for (const auto& [id, record] : m_records) {
    if (record.excluded == excluded) ++counts[static_cast<std::size_t>(record.verdict.reason)];
  }
  return counts;
}

}  // namespace dse::monitor
