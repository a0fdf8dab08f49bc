#pragma once
// The text served on /metrics.
//
// On a large host the per-container families are nearly all of a scrape, and between two scrapes of an
// event-driven exporter few containers change, often none. So each container's series are rendered when its record
// changes (its revision) and kept; the families are assembled from them, and kept whole while nothing
// changed. The summary is rendered every time.
#include <array>
#include <cstdint>
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
  // Room left in the rendered text for the process families the caller appends (about 1 KB).
  static constexpr std::size_t appended_reserve = 4096;
  std::string render(const state::ExporterState& state, const LabelOptions& options, const BuildInfo& build);

 private:
  // Where one container's line of each family is in m_containers_text (length 0: it has none there). The
  // lines live only in that text: at 50,000 containers a string of its own per container cost 5.6 MB more.
  // By record: a record keeps its address while it exists, and one created later at the same address has
  // a higher revision. 32-bit offsets: the text is bounded far below 4 GiB (render_containers checks).
  struct Series {
    const state::ContainerRecord* record = nullptr;
    std::uint64_t revision = 0;
    std::array<std::uint32_t, container_family_count> begin{};
    std::array<std::uint32_t, container_family_count> length{};
  };
  struct Key {
    std::uint64_t generation;
    LabelOptions options;
    bool operator==(const Key&) const = default;
  };

  std::string render_containers(const state::ExporterState& state, const LabelOptions& options);
  // Appends the record's lines to out; series gets their places in out.
  static void render_series(const state::ContainerRecord& record, const LabelOptions& options, std::string& out,
                            Series& series);

  std::optional<Key> m_containers_key;
  std::string m_containers_text;
  // Sorted by record, rebuilt at each render, so removed containers drop out: a sorted vector, 56 bytes a
  // container, where a hash map of the same cost 104 (5.2 MB at 50,000 containers).
  std::vector<Series> m_series;  // rendered with m_containers_key's options
};

}  // namespace dse::metrics
