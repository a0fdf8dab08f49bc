#pragma once
// The small pieces every family is built from: a family under the exporter's prefix, a gauge, a counter,
// and a container's labels in one order.
#include <prometheus/metric_family.h>

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "metrics/label_options.hpp"
#include "state/container_store.hpp"

namespace dse::metrics {

prometheus::MetricFamily family(std::string_view name, std::string help, prometheus::MetricType type);
prometheus::ClientMetric gauge(double value, std::vector<prometheus::ClientMetric::Label> labels = {});
prometheus::ClientMetric counter(double value, std::vector<prometheus::ClientMetric::Label> labels);
// Families of one sample, or of one sample per label value.
prometheus::MetricFamily single_counter(std::string_view name, std::string help, std::uint64_t value);
prometheus::MetricFamily single_gauge(std::string_view name, std::string help, double value,
                                      std::vector<prometheus::ClientMetric::Label> labels = {});
prometheus::MetricFamily labelled_counter(std::string_view name, std::string help, std::string_view label,
                                          const std::map<std::string, std::uint64_t>& values);

// id, image, name (as chosen by --metrics.container-labels) and the family's own label, if any, in name
// order, so that every series of a container lists its labels the same way.
std::vector<prometheus::ClientMetric::Label> container_labels(const state::ContainerRecord& record,
                                                              const LabelOptions& options,
                                                              prometheus::ClientMetric::Label extra = {});
// The same without the extra label, written over labels: a render that reuses one vector for every
// container allocates nothing once its strings have grown (a fresh vector per container was 18 M of a
// first render's 61 M instructions at 10,000 containers).
void container_labels_into(std::vector<prometheus::ClientMetric::Label>& labels, const state::ContainerRecord& record,
                           const LabelOptions& options);

}  // namespace dse::metrics
