#pragma once
// Prometheus text exposition (format 0.0.4) of metric families.
#include <prometheus/metric_family.h>

#include <string>
#include <string_view>
#include <vector>

namespace dse::metrics {

inline constexpr std::string_view text_content_type = "text/plain; version=0.0.4; charset=utf-8";

std::string render_text(const std::vector<prometheus::MetricFamily>& families);

}  // namespace dse::metrics
