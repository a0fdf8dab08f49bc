#pragma once
// Which events a stored verdict answers, for docker_seccomp_event_to_verdict_seconds.
//
// An inspect answers the events that came before its request was sent, not those that came while it
// was in flight: they wait for the next inspect. The latency of a verdict is counted from the earliest
// event it answers.
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>

namespace dse::monitor {

class VerdictLatency {
 public:
  // An event that needs a re-inspect, with Docker's timeNano (0 when Docker sent none), and whether an
  // inspect of that container is in flight (it cannot answer this event).
  void event(const std::string& id, std::int64_t time_nano, bool inspect_in_flight);
  // A result was stored: the timeNano of the earliest event it answers, if one waited for it.
  std::optional<std::int64_t> answered(const std::string& id);
  // The inspect failed: every event it would have answered is still waiting.
  void failed(const std::string& id);
  void forget(const std::string& id) { m_waiting.erase(id); }
  void clear() { m_waiting.clear(); }
  std::size_t size() const { return m_waiting.size(); }

 private:
  struct Waiting {
    std::int64_t before_request = 0;  // earliest event the next result answers
    std::int64_t during_request = 0;  // earliest event that came while a request was in flight
  };
  void settle(std::unordered_map<std::string, Waiting>::iterator found);
  std::unordered_map<std::string, Waiting> m_waiting;
};

}  // namespace dse::monitor
