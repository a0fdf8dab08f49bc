#pragma once
// Which labels the per-container series carry, or none of those series at all (very large hosts):
// --metrics.container-labels and --metrics.aggregate-only, changed by a config reload.
namespace dse::metrics {

struct LabelOptions {
  bool id_label = true;
  bool name_label = true;
  bool image_label = true;
  bool aggregate_only = false;
  bool operator==(const LabelOptions&) const = default;
};

}  // namespace dse::metrics
