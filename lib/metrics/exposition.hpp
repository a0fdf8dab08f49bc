#pragma once
// The text served on /metrics.
//
// On a large host the per-container families are nearly all of a scrape, and between two scrapes of an
// event-driven exporter few containers change, often none. So each container's series are rendered when its record
// changes (its revision) and kept; the families are assembled from them, and kept whole while nothing
// changed. The summary is rendered every time.
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/families.hpp"
#include "metrics/label_options.hpp"
#include "state/exporter_state.hpp"
#include "util/build_info.hpp"

namespace dse::metrics {

class Exposition {
 public:
  // The whole text, and appended after it (the process families). Shared with the clients it is being
  // written to; while none holds it any more, the next answer is made in the same buffer, so a scrape
  // copies none of the kept containers' text (5.6 MB at 50,000 containers) and touches no fresh pages.
  std::shared_ptr<const std::string> render_shared(const state::ExporterState& state, const LabelOptions& options,
                                                   const BuildInfo& build, std::string_view appended = {});
  // The last answer while someone besides this holds it (a client it is being written to), else null.
  std::shared_ptr<const std::string> held_answer() const { return m_answer.use_count() > 1 ? m_answer : nullptr; }
  // The same, copied: for tests and the fuzzer.
  std::string render(const state::ExporterState& state, const LabelOptions& options, const BuildInfo& build) {
    return *render_shared(state, options, build);
  }

 private:
  // Where one container's line of each family is in m_answer's containers part (length 0: none there). The
  // lines live only in that text: at 50,000 containers a string of its own per container cost 5.6 MB more.
  // By record slot; the revision tells whether it is still that record's (0: no record's). 32-bit offsets:
  // the text is bounded far below 4 GiB (render_containers checks).
  struct Series {
    std::uint64_t revision = 0;
    std::array<std::uint32_t, container_family_count> begin{};
    std::array<std::uint32_t, container_family_count> length{};
  };
  struct Key {
    std::uint64_t generation;
    LabelOptions options;
    bool operator==(const Key&) const = default;
  };

  // tail: room to leave after them for the rest of the answer.
  std::string render_containers(const state::ExporterState& state, const LabelOptions& options, std::size_t tail);
  // Appends the record's lines to out; series gets their places in out. labels: room to build them in,
  // reused from one record to the next.
  static void render_series(const state::ContainerRecord& record, const LabelOptions& options, std::string& out,
                            Series& series, std::vector<prometheus::ClientMetric::Label>& labels);

  std::optional<Key> m_containers_key;
  // The last answer: its first m_containers_size bytes are the containers' families, the text the series
  // are in.
  std::shared_ptr<std::string> m_answer;
  std::size_t m_containers_size = 0;
  // By record slot, rebuilt at each render (so removed containers drop out): found without a search (no
  // sort by record address, no binary search per record).
  std::vector<Series> m_series;  // rendered with m_containers_key's options
};

}  // namespace dse::metrics
