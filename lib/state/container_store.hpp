#pragma once
// The monitor's current view: every known container with what we know of it and its verdict.
#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "compliance/evidence.hpp"
#include "compliance/verdict.hpp"
#include "docker/container.hpp"
#include "kernel/proc_reader.hpp"
#include "state/exclusions.hpp"

namespace dse::state {

struct ContainerRecord {
  docker::Container container;
  std::optional<kernel::Observation> kernel;  // running containers only
  // Podman keeps the path of a custom profile in SecurityOpt ("seccomp=/path.json"), not the profile: its
  // text, read by the monitor under --host.root; nullopt when there is no such path or it was unreadable.
  std::optional<std::string> profile_file;
  // The applicable profile, if known; shared, because most containers run the builtin one (144 bytes each
  // at 50,000 containers were 7 MB).
  std::shared_ptr<const compliance::ProfileAnalysis> profile;
  compliance::Verdict verdict;
  bool excluded = false;
  // The id label is the short id (12 characters, as `docker ps`), or the whole id while another record
  // shares those 12: two series must never carry the same labels.
  bool full_id_label = false;
  // A small number of its own while it exists, reused once it is erased (its revision then starts above
  // anything derived from the old one): a scrape finds what it kept of the record by it, with no search.
  std::uint32_t slot = 0;
  // The store's generation when what this record shows last changed: a scrape keeps text derived from it
  // while the revision stays.
  std::uint64_t revision = 0;
};

using ReasonCounts = std::array<std::size_t, compliance::all_reasons.size()>;

// What every verdict depends on besides the container itself.
struct JudgementContext {
  docker::DaemonSeccomp daemon;
  compliance::HostProfiles profiles;  // the daemon's custom file and Podman's default, as read
  compliance::Policy policy;
  Exclusions exclusions;
};

class ContainerStore {
 public:
  // Movable (the map's nodes move with it), not copyable: its keys are views into its records.
  ContainerStore() = default;
  ContainerStore(const ContainerStore&) = delete;
  ContainerStore& operator=(const ContainerStore&) = delete;
  ContainerStore(ContainerStore&&) = default;
  ContainerStore& operator=(ContainerStore&&) = default;

  void upsert(docker::Container container, std::optional<kernel::Observation> kernel = std::nullopt,
              std::optional<std::string> profile_file = std::nullopt);
  bool erase(const std::string& id);
  // The daemon, its profile, the policy or the exclusions changed: every record is judged again.
  void set_context(JudgementContext context);
  const JudgementContext& context() const { return m_context; }

  // By full id; each key is a view of its record's container.id, so the id is stored once.
  using Records = std::map<std::string_view, ContainerRecord, std::less<>>;
  const Records& records() const { return m_records; }
  std::size_t size() const { return m_records.size(); }
  // Every record's slot is below this: the most records that existed at once.
  std::uint32_t slot_bound() const { return m_slot_bound; }
  // Moves on every change to any record: what was derived from an older generation is out of date.
  std::uint64_t generation() const { return m_generation; }
  // Counts by reason, of judged containers (excluded = false) or of excluded ones (excluded = true), and of
  // containers the engine sent cut. Kept as records change: counting them walked the whole map three times a
  // scrape, 60 % of a scrape's CPU at 10,000 containers when nothing had changed.
  const ReasonCounts& counts_by_reason(bool excluded = false) const {
    return excluded ? m_excluded_counts : m_judged_counts;
  }
  std::size_t cut_count() const { return m_cut_count; }

 private:
  void judge(ContainerRecord& record) const;
  // Adds what the record counts for to the counts, or takes it away.
  void tally(const ContainerRecord& record, bool add);
  // After a record with this short id came or went: label the records that share it (neighbours in the
  // map) by the whole id while there are two, by the short id otherwise.
  void relabel(std::string_view short_id);

  // Ordered, so that ids sharing a short id are found without an index of their own (that index was
  // ~72 bytes a container).
  Records m_records;
  JudgementContext m_context;
  std::uint64_t m_generation = 0;
  ReasonCounts m_judged_counts{};
  ReasonCounts m_excluded_counts{};
  std::size_t m_cut_count = 0;
  std::vector<std::uint32_t> m_free_slots;  // of erased records
  std::uint32_t m_slot_bound = 0;
};

}  // namespace dse::state
