#include "metrics/exposition.hpp"

#include <algorithm>

#include "metrics/builders.hpp"
#include "metrics/render.hpp"
#include "metrics/syscall_families.hpp"
#include "metrics/text_format.hpp"
#include "util/utf8.hpp"

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
  // Each record's series in exposition order: the map's nodes stay where they are when it moves.
  std::vector<const Series*> ordered;
  ordered.reserve(records.size());
  for (const auto* record : records) {
    const auto kept = m_series.find(record);
    const bool fresh = kept != m_series.end() && kept->second.revision == record->revision;
    auto& series = current.emplace(record, fresh ? std::move(kept->second) : Series{}).first->second;
    if (!fresh) render_series(*record, options, series);
    ordered.push_back(&series);
  }
  m_series = std::move(current);

  std::array<std::string, container_family_count> headers;  // each family's HELP and TYPE
  const auto empty = container_families();
  std::size_t size = 0;
  for (std::size_t f = 0; f < container_family_count; ++f) size += (headers[f] = render_text({empty[f]})).size();
  for (const auto* series : ordered) size += series->text.size();
  std::string text;
  text.reserve(size);  // one allocation: 1.1 MB at 10,000 containers
  for (std::size_t f = 0; f < container_family_count; ++f) {
    text += headers[f];
    for (const auto* series : ordered) {
      const auto begin = f == 0 ? 0 : series->ends[f - 1];
      text.append(series->text, begin, series->ends[f] - begin);
    }
  }
  return text;
}

namespace {

std::array<std::string, container_family_count> container_family_names() {
  std::array<std::string, container_family_count> names;
  const auto families = container_families();
  for (std::size_t f = 0; f < container_family_count; ++f) names[f] = families[f].name;
  return names;
}

// The last line of defence, as render_text's: values are made valid where they enter (docker/container.cpp),
// but one invalid byte would make Prometheus drop the whole scrape.
void make_valid(prometheus::ClientMetric::Label& label) {
  if (!is_valid_utf8(label.value)) label.value = bounded_utf8(label.value, label.value.size() * 3).text;
}

}  // namespace

// One record's lines, written as text directly (no MetricFamily, no serializer): its labels built once, each
// family's own label put in its place by name, as container_labels sorts them for the reference rendering.
void Exposition::render_series(const state::ContainerRecord& record, const LabelOptions& options, Series& series) {
  static const auto names = container_family_names();
  series.revision = record.revision;
  series.text.clear();
  auto labels = container_labels(record, options);
  for (auto& label : labels) make_valid(label);
  std::size_t family = 0;
  for_each_container_sample(record, [&](ContainerSample sample) {
    for (; family < sample.family; ++family) series.ends[family] = series.text.size();
    make_valid(sample.label);
    append_sample_sorted(series.text, names[family], labels, sample.label, sample.value);
    series.ends[family++] = series.text.size();
  });
  for (; family < container_family_count; ++family) series.ends[family] = series.text.size();
}

}  // namespace dse::metrics
