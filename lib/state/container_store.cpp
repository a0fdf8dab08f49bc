#include "state/container_store.hpp"

#include "compliance/checks.hpp"
#include "compliance/evaluate.hpp"

namespace dse::state {

void ContainerStore::judge(ContainerRecord& record) const {
  record.profile = compliance::applicable_profile(record.container, m_context.daemon, m_context.daemon_profile);
  compliance::Evidence evidence{m_context.daemon, record.profile, std::nullopt, m_context.policy};
  if (record.kernel && record.kernel->seccomp.mode != kernel::SeccompMode::unknown) {
    evidence.kernel = record.kernel->seccomp.mode;
  }
  record.verdict = compliance::evaluate(record.container, evidence);
  record.excluded = is_excluded(record.container, m_context.exclusions);
}

namespace {

std::optional<kernel::SeccompMode> kernel_mode(const ContainerRecord& record) {
  if (!record.kernel) return std::nullopt;
  return record.kernel->seccomp.mode;
}

// Whether a record shows the same as before. A resync inspects every container again and most come
// back unchanged: they keep their revision, and a scrape its text.
bool shows_the_same(const ContainerRecord& a, const ContainerRecord& b) {
  return a.container == b.container && kernel_mode(a) == kernel_mode(b) && a.profile == b.profile &&
         a.verdict == b.verdict && a.excluded == b.excluded;
}

}  // namespace

void ContainerStore::upsert(docker::Container container, std::optional<kernel::Observation> kernel) {
  ContainerRecord record{std::move(container), std::move(kernel), std::nullopt, {}, false};
  judge(record);
  auto [found, inserted] = m_records.try_emplace(record.container.id);
  if (!inserted) record.full_id_label = found->second.full_id_label;
  if (!inserted && shows_the_same(found->second, record)) {
    record.revision = found->second.revision;
  } else {
    record.revision = ++m_generation;
  }
  found->second = std::move(record);
  if (inserted) {
    const auto prefix = docker::short_id(found->first);
    if (++m_short_ids[prefix] > 1) relabel(prefix);
  }
}

bool ContainerStore::erase(const std::string& id) {
  if (m_records.erase(id) == 0) return false;
  ++m_generation;
  const auto prefix = docker::short_id(id);
  const auto shared = m_short_ids.find(prefix);
  if (shared != m_short_ids.end() && --shared->second == 0) {
    m_short_ids.erase(shared);
  } else if (shared != m_short_ids.end() && shared->second == 1) {
    relabel(prefix);
  }
  return true;
}

void ContainerStore::relabel(const std::string& short_id) {
  const bool full = m_short_ids[short_id] > 1;
  const auto next = m_generation + 1;
  for (auto& [id, record] : m_records) {
    if (record.full_id_label != full && docker::short_id(id) == short_id) {
      record.full_id_label = full;
      record.revision = next;
      m_generation = next;
    }
  }
}

void ContainerStore::set_context(JudgementContext context) {
  m_context = std::move(context);
  const auto next = m_generation + 1;
  for (auto& [id, record] : m_records) {
    const auto verdict = record.verdict;
    const auto excluded = record.excluded;
    auto profile = std::move(record.profile);
    judge(record);
    if (record.verdict != verdict || record.excluded != excluded || record.profile != profile) {
      record.revision = next;
      m_generation = next;
    }
  }
}

ReasonCounts ContainerStore::counts_by_reason(bool excluded) const {
  ReasonCounts counts{};
  for (const auto& [id, record] : m_records) {
    if (record.excluded == excluded) ++counts[static_cast<std::size_t>(record.verdict.reason)];
  }
  return counts;
}

}  // namespace dse::state
