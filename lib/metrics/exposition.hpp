#pragma once
// The text served on /metrics.
//
// On a large host the per-container families are nearly all of a scrape (at 10,000 containers ~95 % of
// its instructions, in prometheus-cpp's text serializer) and they change only when a container, the
// judgement context or the label options do, which most scrapes of an event-driven exporter do not see.
// Their text is kept from one scrape to the next until then; the summary is rendered every time.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "monitor/exporter_state.hpp"

namespace dse::metrics {

class Exposition {
 public:
  std::string render(const monitor::ExporterState& state, std::string_view version);

 private:
  struct Key {
    std::uint64_t generation;
    monitor::MetricsOptions options;
    bool operator==(const Key&) const = default;
  };
  std::optional<Key> m_containers_key;
  std::string m_containers_text;
};

}  // namespace dse::metrics
