#pragma once
// docker_seccomp_event_to_verdict_seconds: from Docker's event time (timeNano) to the verdict stored.
#include <array>
#include <cstdint>

namespace dse::state {

class LatencyHistogram {
 public:
  static constexpr std::array<double, 12> bounds = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025,
                                                    0.05,   0.1,   0.25,   0.5,   1,    5};

  void observe(double seconds) {
    for (std::size_t i = 0; i < bounds.size(); ++i) {
      if (seconds <= bounds[i]) ++m_counts[i];
    }
    ++m_count;
    m_sum += seconds;
  }

  // Cumulative count of observations at or under bounds[i].
  std::uint64_t cumulative(std::size_t i) const { return m_counts[i]; }
  std::uint64_t count() const { return m_count; }
  double sum() const { return m_sum; }

 private:
  std::array<std::uint64_t, bounds.size()> m_counts{};
  std::uint64_t m_count = 0;
  double m_sum = 0;
};

}  // namespace dse::state
