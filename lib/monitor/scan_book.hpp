#pragma once
// The bookkeeping of one session's full scans, apart from any socket: which listed containers are still
// outstanding, whether the list and /info have answered, which inspect answers wait for the daemon to be
// known, and which known containers vanished from a list. The monitor feeds it what the engine said and
// acts on what it answers; tests/monitor/test_scan_book.cpp replays the subtle orders.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "docker/container.hpp"
#include "docker/container_list.hpp"
#include "kernel/proc_reader.hpp"

namespace dse::monitor {

class ScanBook {
 public:
  struct HeldAnswer {
    docker::Container container;
    std::optional<kernel::Observation> kernel;
  };

  // A new session (a reconnect): nothing of the old one counts.
  void reset();

  // Every event moves the sequence; a container's own event also marks it, so that a list asked for
  // before that event does not make the container vanish.
  void event_seen() { ++m_event_seq; }
  void container_event(const std::string& id) { m_last_event_seq[id] = m_event_seq; }
  std::uint64_t event_seq() const { return m_event_seq; }

  // A scan starts: it completes with the list, /info and every listed container settled.
  void begin();
  bool in_progress() const { return m_in_progress; }
  // The list, asked for at listed_at_seq, answered. known: the ids the state holds a record or a failed
  // inspect for. Returns those that vanished (not listed, and no event of theirs since listed_at_seq).
  std::vector<std::string> listed(docker::ContainerIds ids, std::uint64_t listed_at_seq,
                                  const std::vector<std::string_view>& known);
  // What the list of the scan in progress named (empty once the scan has ended).
  const docker::ContainerIds& listed_ids() const { return m_listed; }
  // /info answered.
  void info_arrived() { m_awaiting_info = false; }
  // A listed container's inspect ended (stored, held, failed or 404), or it was forgotten.
  void settle(std::string_view id);
  // The container is gone: its marks and any answer held for it go too.
  void forget(const std::string& id);
  // The scan could not complete (no list, no /info, an internal error).
  void fail();
  // True once, when the scan in progress has just become complete: the caller finishes it.
  bool take_completion();

  // An inspect answer that came before the daemon was known (a verdict needs its default profile).
  void hold(const std::string& id, HeldAnswer answer);
  std::vector<HeldAnswer> take_held();
  std::size_t outstanding() const { return m_outstanding; }

 private:
  std::uint64_t m_event_seq = 0;
  std::unordered_map<std::string, std::uint64_t> m_last_event_seq;  // id -> seq of its last event
  // The listed ids not yet settled: positions in m_listed sorted by id, duplicates dropped, and which of
  // them settled. No copy of an id (a set of them cost 3 MB of fragmented heap at 50,000 containers).
  void drop_listed();
  std::optional<std::size_t> listed_position(std::string_view id) const;
  docker::ContainerIds m_listed;
  std::vector<std::uint32_t> m_by_id;
  std::vector<bool> m_settled;  // by position in m_by_id
  std::size_t m_outstanding = 0;
  bool m_in_progress = false;
  bool m_awaiting_info = false;
  bool m_awaiting_list = false;
  std::unordered_map<std::string, HeldAnswer> m_held;  // by id: the newest answer wins
};

}  // namespace dse::monitor
