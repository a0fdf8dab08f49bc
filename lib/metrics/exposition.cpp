#include "metrics/exposition.hpp"

#include <algorithm>
#include <functional>
#include <limits>

#include "metrics/builders.hpp"
#include "metrics/render.hpp"
#include "metrics/syscall_families.hpp"
#include "metrics/text_format.hpp"
#include "util/utf8.hpp"

namespace dse::metrics {

std::shared_ptr<const std::string> Exposition::render_shared(const state::ExporterState& state,
                                                             const LabelOptions& options, const BuildInfo& build,
                                                             std::string_view appended) {
  // Syscall counts move with every audit record: rendered each time, like the summary.
  const auto syscalls = render_text(build_syscall_families(state, options));
  const auto summary = render_text(build_summary_families(state, build));
  const auto tail = syscalls.size() + summary.size() + appended.size();
  const Key key{state.containers.generation(), options};
  std::string text;
  if (m_containers_key != key) {
    // The options decide every line: what was rendered under others is of no use.
    if (m_containers_key && m_containers_key->options != key.options) m_series.clear();
    text = options.aggregate_only ? std::string() : render_containers(state, options, tail);
    m_containers_size = text.size();
    m_containers_key = key;
  } else if (m_answer.use_count() == 1) {
    // No client holds the last answer: its buffer is taken over (a new object, so that what was derived
    // from the last answer, its gzip stream, is never taken for this one's).
    text = std::move(*m_answer);
    text.resize(m_containers_size);
  } else {
    text.reserve(m_containers_size + tail);
    text.assign(*m_answer, 0, m_containers_size);
  }
  text.append(syscalls).append(summary).append(appended);
  m_answer = std::make_shared<std::string>(std::move(text));
  return m_answer;
}

namespace {

constexpr auto by_record = [](const auto& a, const auto& b) { return std::less<>{}(a.record, b.record); };

}  // namespace

std::string Exposition::render_containers(const state::ExporterState& state, const LabelOptions& options,
                                          std::size_t tail) {
  const auto records = judged_records(state);
  // Each record's series in exposition order, with the text its lines are in: the last render's for
  // unchanged records, fresh for the others.
  std::vector<Series> current;
  current.reserve(records.size());
  std::vector<const std::string*> from;
  from.reserve(records.size());
  std::string fresh;
  // Room for every record's lines at ~112 bytes each (the size of a default-profile container's two
  // lines with its labels): growing by doubling touched twice the memory, and a fresh page costs a fault.
  fresh.reserve((records.size() - std::min(records.size(), m_series.size())) * 112);
  for (const auto* record : records) {
    const Series wanted{record};
    const auto kept = std::lower_bound(m_series.begin(), m_series.end(), wanted, by_record);
    const bool same = kept != m_series.end() && kept->record == record && kept->revision == record->revision;
    if (same) {
      current.push_back(*kept);
    } else {
      render_series(*record, options, fresh, current.emplace_back());
    }
    from.push_back(same ? m_answer.get() : &fresh);
  }

  std::array<std::string, container_family_count> headers;  // each family's HELP and TYPE
  const auto empty = container_families();
  std::size_t size = 0;
  for (std::size_t f = 0; f < container_family_count; ++f) size += (headers[f] = render_text({empty[f]})).size();
  for (const auto& series : current) {
    for (const auto length : series.length) size += length;
  }
  // Offsets are 32 bits: a text this large (tens of millions of containers) is rendered, but not kept.
  const bool keep = size <= std::numeric_limits<std::uint32_t>::max();
  std::string text;
  text.reserve(size + tail);  // one allocation: 1.1 MB at 10,000 containers, with room for the rest
  for (std::size_t f = 0; f < container_family_count; ++f) {
    text += headers[f];
    for (std::size_t i = 0; i < current.size(); ++i) {
      auto& series = current[i];
      const auto begin = text.size();
      text.append(*from[i], series.begin[f], series.length[f]);
      series.begin[f] = static_cast<std::uint32_t>(begin);
    }
  }
  std::sort(current.begin(), current.end(), by_record);
  m_series = keep ? std::move(current) : std::vector<Series>();
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
void Exposition::render_series(const state::ContainerRecord& record, const LabelOptions& options, std::string& out,
                               Series& series) {
  static const auto names = container_family_names();
  series = {&record, record.revision, {}, {}};
  auto labels = container_labels(record, options);
  for (auto& label : labels) make_valid(label);
  for_each_container_sample(record, [&](ContainerSample sample) {
    make_valid(sample.label);
    const auto begin = out.size();
    append_sample_sorted(out, names[sample.family], labels, sample.label, sample.value);
    series.begin[sample.family] = begin;
    series.length[sample.family] = static_cast<std::uint32_t>(out.size() - begin);
  });
}

}  // namespace dse::metrics
