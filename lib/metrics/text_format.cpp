#include "metrics/text_format.hpp"

#include <array>
#include <charconv>
#include <cmath>
#include <limits>

namespace dse::metrics {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

namespace {

// Which bytes a label value escapes (quote) and which HELP escapes: a table, because this loop runs over
// every byte of every label value of a scrape (three comparisons a byte were 8.7 M of a first render's
// 61 M instructions at 10,000 containers; the table, 6.6 M).
constexpr std::array<bool, 256> escaped_bytes(bool quote) {
  std::array<bool, 256> table{};
  table['\\'] = table['\n'] = true;
  table['"'] = quote;
  return table;
}

// Copies runs without a character to escape in one append: label values rarely hold one.
void append_escaped(std::string& out, std::string_view text, bool quote) {
  static constexpr auto in_label = escaped_bytes(true);
  static constexpr auto in_help = escaped_bytes(false);
  const auto& escaped = quote ? in_label : in_help;
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (!escaped[static_cast<unsigned char>(c)]) continue;
    out.append(text.substr(run, i - run));
    out += '\\';
    out += c == '\n' ? 'n' : c;
    run = i + 1;
  }
  out.append(text.substr(run));
}

std::string_view type_name(MetricType type) {
  switch (type) {
    case MetricType::Counter: return "counter";
    case MetricType::Gauge: return "gauge";
    case MetricType::Summary: return "summary";
    case MetricType::Histogram: return "histogram";
    case MetricType::Untyped: break;
  }
  return "untyped";
}

std::string value_text(double value) {
  std::string text;
  append_value(text, value);
  return text;
}

void append_count(std::string& out, std::string_view name, const std::vector<ClientMetric::Label>& labels,
                  std::uint64_t count, std::string_view extra_name = {}, std::string_view extra_value = {}) {
  append_sample(out, name, labels, 0, extra_name, extra_value);
  out.resize(out.size() - 2);  // the "0\n" written for the value: a count is an integer
  out.append(std::to_string(count)).append("\n");
}

void append_histogram(std::string& out, const std::string& name, const ClientMetric& metric) {
  const auto& histogram = metric.histogram;
  append_count(out, name + "_count", metric.label, histogram.sample_count);
  append_sample(out, name + "_sum", metric.label, histogram.sample_sum);
  double last = -std::numeric_limits<double>::infinity();
  for (const auto& bucket : histogram.bucket) {
    append_count(out, name + "_bucket", metric.label, bucket.cumulative_count, "le", value_text(bucket.upper_bound));
    last = bucket.upper_bound;
  }
  if (last != std::numeric_limits<double>::infinity()) {
    append_count(out, name + "_bucket", metric.label, histogram.sample_count, "le", "+Inf");
  }
}

void append_summary(std::string& out, const std::string& name, const ClientMetric& metric) {
  const auto& summary = metric.summary;
  append_count(out, name + "_count", metric.label, summary.sample_count);
  append_sample(out, name + "_sum", metric.label, summary.sample_sum);
  for (const auto& quantile : summary.quantile) {
    append_sample(out, name, metric.label, quantile.value, "quantile", value_text(quantile.quantile));
  }
}

}  // namespace

void append_label_value(std::string& out, std::string_view value) { append_escaped(out, value, true); }

void append_value(std::string& out, double value) {
  if (std::isnan(value)) {
    out.append("Nan");
  } else if (std::isinf(value)) {
    out.append(value < 0 ? "-Inf" : "+Inf");
  } else if (value == std::trunc(value) && std::abs(value) < 1e15 && !(value == 0 && std::signbit(value))) {
    // Nearly every value is a small count or 0/1: written as an integer, the same digits %.16g writes for
    // it (no exponent below 1e16), at a fraction of to_chars(double)'s cost; -0 is left to it, for its sign.
    char buffer[24];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, static_cast<long long>(value));
    out.append(buffer, result.ptr);
  } else {
    char buffer[32];
    const auto result = std::to_chars(buffer, buffer + sizeof buffer, value, std::chars_format::general,
                                      std::numeric_limits<double>::max_digits10 - 1);
    out.append(buffer, result.ptr);
  }
}

void append_header(std::string& out, const MetricFamily& family) {
  if (!family.help.empty()) {
    out.append("# HELP ").append(family.name).append(" ");
    append_escaped(out, family.help, false);
    out.append("\n");
  }
  out.append("# TYPE ").append(family.name).append(" ").append(type_name(family.type)).append("\n");
}

void append_sample(std::string& out, std::string_view name, const std::vector<ClientMetric::Label>& labels,
                   double value, std::string_view extra_name, std::string_view extra_value) {
  out.append(name);
  if (!labels.empty() || !extra_name.empty()) {
    char separator = '{';
    for (const auto& label : labels) {
      out += separator;
      out.append(label.name).append("=\"");
      append_label_value(out, label.value);
      out += '"';
      separator = ',';
    }
    if (!extra_name.empty()) {
      out += separator;
      out.append(extra_name).append("=\"");
      append_label_value(out, extra_value);
      out += '"';
    }
    out += '}';
  }
  out += ' ';
  append_value(out, value);
  out += '\n';
}

void append_sample_sorted(std::string& out, std::string_view name, const std::vector<ClientMetric::Label>& labels,
                          const ClientMetric::Label& extra, double value) {
  out.append(name);
  char separator = '{';
  const auto append_label = [&](const ClientMetric::Label& label) {
    out += separator;
    out.append(label.name).append("=\"");
    append_label_value(out, label.value);
    out += '"';
    separator = ',';
  };
  bool extra_written = extra.name.empty();
  for (const auto& label : labels) {
    if (!extra_written && extra.name < label.name) {
      append_label(extra);
      extra_written = true;
    }
    append_label(label);
  }
  if (!extra_written) append_label(extra);
  if (separator == ',') out += '}';
  out += ' ';
  append_value(out, value);
  out += '\n';
}

void append_family(std::string& out, const MetricFamily& family) {
  append_header(out, family);
  for (const auto& metric : family.metric) {
    switch (family.type) {
      case MetricType::Counter: append_sample(out, family.name, metric.label, metric.counter.value); break;
      case MetricType::Gauge: append_sample(out, family.name, metric.label, metric.gauge.value); break;
      case MetricType::Untyped: append_sample(out, family.name, metric.label, metric.untyped.value); break;
      case MetricType::Histogram: append_histogram(out, family.name, metric); break;
      case MetricType::Summary: append_summary(out, family.name, metric); break;
    }
  }
}

}  // namespace dse::metrics
