#include "state/container_store.hpp"

#include <iterator>

#include "compliance/checks.hpp"
#include "compliance/evaluate.hpp"

namespace dse::state {

namespace {

std::shared_ptr<const compliance::ProfileAnalysis> shared_analysis(
    std::optional<compliance::ProfileAnalysis> analysis) {
  if (!analysis) return nullptr;
  static const auto builtin =
      std::make_shared<const compliance::ProfileAnalysis>(compliance::builtin_profile_analysis());
  if (*analysis == *builtin) return builtin;
  return std::make_shared<const compliance::ProfileAnalysis>(std::move(*analysis));
}

bool same_profile(const std::shared_ptr<const compliance::ProfileAnalysis>& a,
                  const std::shared_ptr<const compliance::ProfileAnalysis>& b) {
  return a == b || (a && b && *a == *b);
}

}  // namespace

void ContainerStore::judge(ContainerRecord& record) const {
  compliance::Evidence evidence{m_context.daemon,
                                compliance::container_seccomp_option(record.container, m_context.daemon), std::nullopt,
                                std::nullopt, m_context.policy};
  evidence.profile = compliance::applicable_profile(
      {record.container, evidence.option, record.profile_file, m_context.daemon, m_context.profiles});
  record.profile = shared_analysis(evidence.profile);
  if (record.kernel && record.kernel->seccomp.mode != kernel::SeccompMode::unknown) {
    evidence.kernel = record.kernel->seccomp.mode;
  }
  record.verdict = compliance::evaluate(record.container, evidence);
  record.excluded = is_excluded(record.container, m_context.exclusions);
}

void ContainerStore::tally(const ContainerRecord& record, bool add) {
  const auto change = [add](std::size_t& count) { add ? ++count : --count; };
  change((record.excluded ? m_excluded_counts : m_judged_counts)[static_cast<std::size_t>(record.verdict.reason)]);
  if (record.container.cut) change(m_cut_count);
}

namespace {

std::optional<kernel::SeccompMode> kernel_mode(const ContainerRecord& record) {
  if (!record.kernel) return std::nullopt;
  return record.kernel->seccomp.mode;
}

// Whether a record shows the same as before. A resync inspects every container again and most come
// back unchanged: they keep their revision, and a scrape its text.
bool shows_the_same(const ContainerRecord& a, const ContainerRecord& b) {
  return a.container == b.container && a.profile_file == b.profile_file && kernel_mode(a) == kernel_mode(b) &&
         same_profile(a.profile, b.profile) && a.verdict == b.verdict && a.excluded == b.excluded;
}

}  // namespace

void ContainerStore::upsert(docker::Container container, std::optional<kernel::Observation> kernel,
                            std::optional<std::string> profile_file) {
  ContainerRecord record{std::move(container), std::move(kernel), std::move(profile_file), nullptr, {}, false};
  judge(record);
  // Each key views its record's id: a node given a record is given that record's id, then put back where it
  // was (a hinted insert is constant, so a call costs one search).
  const auto put = [this](Records::node_type node, Records::const_iterator hint) {
    node.key() = node.mapped().container.id;
    return m_records.insert(hint, std::move(node));
  };
  const auto found = m_records.lower_bound(record.container.id);
  if (found != m_records.end() && found->first == record.container.id) {
    record.full_id_label = found->second.full_id_label;
    record.slot = found->second.slot;
    record.revision = shows_the_same(found->second, record) ? found->second.revision : ++m_generation;
    tally(found->second, false);
    tally(record, true);
    const auto next = std::next(found);
    auto node = m_records.extract(found);
    node.mapped() = std::move(record);
    put(std::move(node), next);
    return;
  }
  record.revision = ++m_generation;
  tally(record, true);
  if (m_free_slots.empty()) {
    record.slot = m_slot_bound++;
  } else {
    record.slot = m_free_slots.back();
    m_free_slots.pop_back();
  }
  const std::string id = record.container.id;  // the key until the record is in its node
  const auto added = put(m_records.extract(m_records.emplace_hint(found, id, std::move(record))), found);
  relabel(added->first.substr(0, 12));
}

bool ContainerStore::erase(const std::string& id) {
  const auto found = m_records.find(id);
  if (found == m_records.end()) return false;
  const auto prefix = id.substr(0, 12);
  tally(found->second, false);
  m_free_slots.push_back(found->second.slot);
  m_records.erase(found);
  ++m_generation;
  relabel(prefix);
  return true;
}

namespace {

// Calls visit with each record whose id's first 12 characters are short_id: neighbours in the ordered map.
template <class Records, class Visit>
void for_each_sharing(Records& records, std::string_view short_id, Visit visit) {
  for (auto at = records.lower_bound(short_id); at != records.end() && at->first.starts_with(short_id); ++at) {
    if (at->first.substr(0, 12) == short_id) visit(at->second);
  }
}

}  // namespace

void ContainerStore::relabel(std::string_view short_id) {
  std::size_t sharing = 0;
  for_each_sharing(m_records, short_id, [&](const ContainerRecord&) { ++sharing; });
  const bool full = sharing > 1;
  const auto next = m_generation + 1;
  for_each_sharing(m_records, short_id, [&](ContainerRecord& record) {
    if (record.full_id_label == full) return;
    record.full_id_label = full;
    record.revision = next;
    m_generation = next;
  });
}

void ContainerStore::set_context(JudgementContext context) {
  m_context = std::move(context);
  const auto next = m_generation + 1;
  for (auto& [id, record] : m_records) {
    const auto verdict = record.verdict;
    const auto excluded = record.excluded;
    auto profile = std::move(record.profile);
    tally(record, false);
    judge(record);
    tally(record, true);
    if (record.verdict != verdict || record.excluded != excluded || !same_profile(record.profile, profile)) {
      record.revision = next;
      m_generation = next;
    }
  }
}

}  // namespace dse::state
