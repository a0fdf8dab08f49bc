#pragma once
// Which labels the per-container series carry, or none of those series at all (very large hosts):
// --metrics.container-labels, --metrics.docker-labels and --metrics.aggregate-only, changed by a reload.
#include <cstddef>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/expected.hpp"

namespace dse::metrics {

// A container label copied onto its series (as cAdvisor's allow-list): the Docker label's key and the
// Prometheus label name it becomes, container_label_ + the key with every character outside [a-zA-Z0-9_]
// replaced by '_'.
struct DockerLabel {
  std::string key;
  std::string name;
  bool operator==(const DockerLabel&) const = default;
};

// Bounds: what an owner needs (compose project, namespace, team), not a way to copy every label.
inline constexpr std::size_t max_docker_labels = 16;

struct LabelOptions {
  bool id_label = true;
  bool name_label = true;
  bool image_label = true;
  bool aggregate_only = false;
  std::vector<DockerLabel> docker_labels;
  bool operator==(const LabelOptions&) const = default;
};

// --metrics.docker-labels: a comma list of Docker label keys; two keys that would become one name, or more
// than max_docker_labels, are refused.
Expected<std::vector<DockerLabel>> parse_docker_labels(std::string_view list);

}  // namespace dse::metrics
