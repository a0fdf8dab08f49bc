#include "metrics/exposition.hpp"

#include "metrics/render.hpp"

namespace dse::metrics {

namespace {

// The series lines of a family: its text without the "# TYPE" header (rendered without help, so there
// is no "# HELP" line either).
std::string series_lines(prometheus::MetricFamily family) {
  family.help.clear();
  auto text = render_text({family});
  return text.substr(text.find('\n') + 1);
}

}  // namespace

std::string Exposition::render(const monitor::ExporterState& state, std::string_view version) {
  const Key key{state.containers.generation(), state.metrics_options};
  if (m_containers_key != key) {
    m_containers_text = state.metrics_options.aggregate_only ? std::string() : render_containers(state);
    m_containers_key = key;
  }
  return m_containers_text + render_text(build_summary_families(state, version));
}

std::string Exposition::render_containers(const monitor::ExporterState& state) {
  if (m_series_options != state.metrics_options) {
    m_series.clear();
    m_series_options = state.metrics_options;
  }
  const auto records = judged_records(state);
  std::unordered_map<const monitor::ContainerRecord*, Series> current;
  current.reserve(records.size());
  for (const auto* record : records) {
    const auto kept = m_series.find(record);
    if (kept != m_series.end() && kept->second.revision == record->revision) {
      current.emplace(record, std::move(kept->second));
    } else {
      current.emplace(record, render_series(*record, state.metrics_options));
    }
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

Exposition::Series Exposition::render_series(const monitor::ContainerRecord& record,
                                             const monitor::MetricsOptions& options) {
  auto families = container_families();
  add_container_series(record, options, families);
  Series series;
  series.revision = record.revision;
  for (std::size_t f = 0; f < container_family_count; ++f) {
    if (!families[f].metric.empty()) series.text += series_lines(std::move(families[f]));
    series.ends[f] = series.text.size();
  }
  series.text.shrink_to_fit();
  return series;
}

}  // namespace dse::metrics
