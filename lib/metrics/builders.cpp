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
  const auto& c = record.container;
  if (options.id_label) labels.push_back({"id", record.full_id_label ? c.id : docker::short_id(c.id)});
  if (options.image_label) labels.push_back({"image", c.image});
  if (options.name_label) labels.push_back({"name", c.name});
  for (const auto& label : options.docker_labels) {
    const auto value = c.labels.find(label.key);
    labels.push_back({label.name, value == c.labels.end() ? std::string()
                                                          : bounded_utf8(value->second, docker::max_label_bytes).text});
  }
  if (!extra.name.empty()) labels.push_back(std::move(extra));
  std::sort(labels.begin(), labels.end());  // name order, container_label_* first
  return labels;
}

}  // namespace dse::metrics
