#include "metrics/exposition.hpp"

#include <algorithm>

#include "metrics/render.hpp"
#include "metrics/syscall_families.hpp"

namespace dse::metrics {

std::string Exposition::render(const state::ExporterState& state, const LabelOptions& options, const BuildInfo& build) {
  const Key key{state.containers.generation(), options};
  if (m_containers_key != key) {
    // The options decide every line: what was rendered under others is of no use.
    if (m_containers_key && m_containers_key->options != key.options) m_series.clear();
    m_containers_text = options.aggregate_only ? std::string() : render_containers(state, options);
    m_containers_key = key;
  }
  // Syscall counts move with every audit record: rendered each time, like the summary. One allocation for
  // the whole answer, with room for what the caller appends: on a host of 19 MB of series, each extra copy
  // of it was a fresh 19 MB of page faults per scrape.
  const auto syscalls = render_text(build_syscall_families(state, options));
  const auto summary = render_text(build_summary_families(state, build));
  std::string text;
  text.reserve(m_containers_text.size() + syscalls.size() + summary.size() + appended_reserve);
  text.append(m_containers_text).append(syscalls).append(summary);
  return text;
}

std::string Exposition::render_containers(const state::ExporterState& state, const LabelOptions& options) {
  const auto records = judged_records(state);
  std::unordered_map<const state::ContainerRecord*, Series> current;
  current.reserve(records.size());
  std::vector<const state::ContainerRecord*> stale;
  for (const auto* record : records) {
    const auto kept = m_series.find(record);
    if (kept != m_series.end() && kept->second.revision == record->revision) {
      current.emplace(record, std::move(kept->second));
    } else {
      stale.push_back(record);
    }
  }
  // In batches: one serializer call per family and batch costs little, and the families built for a batch
  // are freed before the next, which keeps the peak (and the RSS the heap keeps) low.
  constexpr std::size_t batch = 512;
  for (std::size_t first = 0; first < stale.size(); first += batch) {
    const auto last = std::min(stale.size(), first + batch);
    render_series({stale.begin() + first, stale.begin() + last}, options, current);
  }
  m_series = std::move(current);

  const auto empty = container_families();
  std::string text;
  for (std::size_t f = 0; f < container_family_count; ++f) {
    text += render_text({empty[f]});  // its HELP and TYPE
    for (const auto* record : records) {
      const auto& series = m_series.at(record);
      const auto begin = f == 0 ? 0 : series.ends[f - 1];
      text.append(series.text, begin, series.ends[f] - begin);
    }
  }
  return text;
}

// All stale records at once, one serializer call per family (per record, the calls cost as much as the
// lines): each record has at most one line per family, in the order the records were added.
void Exposition::render_series(const std::vector<const state::ContainerRecord*>& records, const LabelOptions& options,
                               std::unordered_map<const state::ContainerRecord*, Series>& into) {
  auto families = container_families();
  std::vector<std::array<bool, container_family_count>> has_line(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    std::array<std::size_t, container_family_count> before;
    for (std::size_t f = 0; f < container_family_count; ++f) before[f] = families[f].metric.size();
    add_container_series(*records[i], options, families);
    for (std::size_t f = 0; f < container_family_count; ++f) has_line[i][f] = families[f].metric.size() > before[f];
  }
  std::vector<Series*> series(records.size());
  for (std::size_t i = 0; i < records.size(); ++i) {
    series[i] = &into[records[i]];
    series[i]->revision = records[i]->revision;
  }
  for (std::size_t f = 0; f < container_family_count; ++f) {
    families[f].help.clear();  // no HELP line: the TYPE line is the only header
    const auto text = render_text({families[f]});
    auto line_start = text.find('\n') + 1;
    for (std::size_t i = 0; i < records.size(); ++i) {
      if (has_line[i][f]) {  // label values escape newlines: one series, one line
        const auto line_end = text.find('\n', line_start) + 1;
        series[i]->text.append(text, line_start, line_end - line_start);
        line_start = line_end;
      }
      series[i]->ends[f] = series[i]->text.size();
    }
  }
}

}  // namespace dse::metrics
