#include "metrics/render.hpp"

#include <algorithm>

#include "metrics/text_format.hpp"
#include "util/utf8.hpp"

namespace dse::metrics {

namespace {

bool all_label_values_valid(const std::vector<prometheus::MetricFamily>& families) {
  return std::all_of(families.begin(), families.end(), [](const auto& family) {
    return std::all_of(family.metric.begin(), family.metric.end(), [](const auto& metric) {
      return std::all_of(metric.label.begin(), metric.label.end(),
                         [](const auto& label) { return is_valid_utf8(label.value); });
    });
  });
}

}  // namespace

// The last line of defence: values are made valid where they enter (docker/container.cpp), but one invalid
// byte anywhere would make Prometheus drop the whole scrape, so nothing leaves without the check.
std::string render_text(const std::vector<prometheus::MetricFamily>& families) {
  const auto serialize = [](const std::vector<prometheus::MetricFamily>& valid) {
    std::string text;
    for (const auto& family : valid) append_family(text, family);
    return text;
  };
  if (all_label_values_valid(families)) return serialize(families);
  auto repaired = families;
  for (auto& family : repaired) {
    for (auto& metric : family.metric) {
      for (auto& label : metric.label) label.value = bounded_utf8(label.value, label.value.size() * 3).text;
    }
  }
  return serialize(repaired);
}

}  // namespace dse::metrics
