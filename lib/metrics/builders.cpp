#include "metrics/builders.hpp"

#include <algorithm>

#include "docker/container.hpp"
#include "metrics/families.hpp"
#include "util/utf8.hpp"

namespace dse::metrics {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

MetricFamily family(std::string_view name, std::string help, MetricType type) {
  return MetricFamily{std::string(prefix) + std::string(name), std::move(help), type, {}};
}

ClientMetric gauge(double value, std::vector<ClientMetric::Label> labels) {
  ClientMetric metric;
  metric.label = std::move(labels);
  metric.gauge.value = value;
  return metric;
}

ClientMetric counter(double value, std::vector<ClientMetric::Label> labels) {
  ClientMetric metric;
  metric.label = std::move(labels);
  metric.counter.value = value;
  return metric;
}
MetricFamily labelled_counter(std::string_view name, std::string help, std::string_view label,
                              const std::map<std::string, std::uint64_t>& values) {
  auto result = family(name, std::move(help), MetricType::Counter);
  for (const auto& [value, count] : values) {
    result.metric.push_back(counter(static_cast<double>(count), {{std::string(label), value}}));
  }
  return result;
}

MetricFamily single_counter(std::string_view name, std::string help, std::uint64_t value) {
  auto result = family(name, std::move(help), MetricType::Counter);
  result.metric.push_back(counter(static_cast<double>(value), {}));
  return result;
}

MetricFamily single_gauge(std::string_view name, std::string help, double value,
                          std::vector<ClientMetric::Label> labels) {
  auto result = family(name, std::move(help), MetricType::Gauge);
  result.metric.push_back(gauge(value, std::move(labels)));
  return result;
}

std::vector<ClientMetric::Label> container_labels(const state::ContainerRecord& record, const LabelOptions& options,
                                                  ClientMetric::Label extra) {
  std::vector<ClientMetric::Label> labels;
  container_labels_into(labels, record, options);
  if (!extra.name.empty()) {
    labels.insert(std::upper_bound(labels.begin(), labels.end(), extra), std::move(extra));
  }
  return labels;
}

void container_labels_into(std::vector<ClientMetric::Label>& labels, const state::ContainerRecord& record,
                           const LabelOptions& options) {
  const auto& c = record.container;
  std::size_t used = 0;
  const auto put = [&](std::string_view name, std::string_view value) {
    if (used == labels.size()) labels.emplace_back();
    labels[used].name.assign(name);
    labels[used].value.assign(value);
    ++used;
  };
  if (options.id_label) put("id", std::string_view(c.id).substr(0, record.full_id_label ? c.id.size() : 12));
  if (options.image_label) put("image", c.image);
  if (options.name_label) put("name", c.name);
  for (const auto& label : options.docker_labels) {
    const auto value = c.labels.find(label.key);
    put(label.name, value == c.labels.end()
                        ? std::string_view()
                        : std::string_view(bounded_utf8(value->second, docker::max_label_bytes).text));
  }
  labels.resize(used);
  // Name order, container_label_* first; id, image, name alone are in it already.
  if (!std::is_sorted(labels.begin(), labels.end())) std::sort(labels.begin(), labels.end());
}

}  // namespace dse::metrics
