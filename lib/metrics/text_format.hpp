#pragma once
// The Prometheus text exposition (format 0.0.4), written straight into a string: prometheus-cpp's
// TextSerializer writes the same bytes through an ostream, a character at a time for label values, which was
// 118 M of a 10,000-container scrape's 186 M instructions. What the format requires, and no more: label
// values escape backslash, double quote and newline; HELP escapes backslash and newline; values are "Nan",
// "+Inf", "-Inf" or 16 significant digits (prometheus-cpp 1.0's precision) as printf's %g writes them. No
// timestamps: the exporter sets none.
#include <prometheus/metric_family.h>

#include <string>
#include <string_view>

namespace dse::metrics {

void append_label_value(std::string& out, std::string_view value);
void append_value(std::string& out, double value);
// "# HELP" (when help is not empty) and "# TYPE" lines.
void append_header(std::string& out, const prometheus::MetricFamily& family);
// One sample line: name{labels} value; extra: a last label (a histogram's le), empty for none.
void append_sample(std::string& out, std::string_view name, const std::vector<prometheus::ClientMetric::Label>& labels,
                   double value, std::string_view extra_name = {}, std::string_view extra_value = {});
// The same, labels sorted by name and the extra label written at its place among them.
void append_sample_sorted(std::string& out, std::string_view name,
                          const std::vector<prometheus::ClientMetric::Label>& labels,
                          const prometheus::ClientMetric::Label& extra, double value);
// A whole family: its header and every sample (a histogram's _count, _sum and buckets; a summary's too).
void append_family(std::string& out, const prometheus::MetricFamily& family);

}  // namespace dse::metrics
