#include "metrics/exposition.hpp"

#include <algorithm>
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

std::string Exposition::render_containers(const state::ExporterState& state, const LabelOptions& options,
                                          std::size_t tail) {
  const auto records = judged_records(state);
  // Each record's series, by slot, with the text its lines are in (by position in records): the last
  // render's for unchanged records, fresh for the others.
  std::vector<Series> current(state.containers.slot_bound());
  std::vector<const std::string*> from(records.size(), nullptr);
  std::size_t changed = 0;
  for (std::size_t i = 0; i < records.size(); ++i) {
    const auto& record = *records[i];
    if (record.slot < m_series.size() && m_series[record.slot].revision == record.revision) {
      current[record.slot] = m_series[record.slot];
      from[i] = m_answer.get();
    } else {
      ++changed;
    }
  }
  std::string fresh;
  // Room for every changed record's lines at ~112 bytes each (the size of a default-profile container's two
  // lines with its labels): growing by doubling touched twice the memory, and a fresh page costs a fault.
  fresh.reserve(changed * 112);
  std::vector<prometheus::ClientMetric::Label> labels;
  for (std::size_t i = 0; i < records.size(); ++i) {
    if (from[i] != nullptr) continue;
    render_series(*records[i], options, fresh, current[records[i]->slot], labels);
    from[i] = &fresh;
  }

  std::array<std::string, container_family_count> headers;  // each family's HELP and TYPE
  const auto empty = container_families();
  std::size_t size = 0;
  for (std::size_t f = 0; f < container_family_count; ++f) size += (headers[f] = render_text({empty[f]})).size();
  for (const auto* record : records) {
    for (const auto length : current[record->slot].length) size += length;
  }
  // Offsets are 32 bits: a text this large (tens of millions of containers) is rendered, but not kept.
  const bool keep = size <= std::numeric_limits<std::uint32_t>::max();
  std::string text;
  text.reserve(size + tail);  // one allocation: 1.1 MB at 10,000 containers, with room for the rest
  for (std::size_t f = 0; f < container_family_count; ++f) {
    text += headers[f];
    for (std::size_t i = 0; i < records.size(); ++i) {
      auto& series = current[records[i]->slot];
      const auto begin = text.size();
      text.append(*from[i], series.begin[f], series.length[f]);
      series.begin[f] = static_cast<std::uint32_t>(begin);
    }
  }
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
                               Series& series, std::vector<prometheus::ClientMetric::Label>& labels) {
  static const auto names = container_family_names();
  series = {record.revision, {}, {}};
  container_labels_into(labels, record, options);
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
