#include <catch2/catch.hpp>

#include <prometheus/text_serializer.h>

#include <cmath>
#include <limits>
#include <random>

#include "metrics/text_format.hpp"

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

namespace {

std::string ours(const std::vector<MetricFamily>& families) {
  std::string text;
  for (const auto& family : families) dse::metrics::append_family(text, family);
  return text;
}

ClientMetric sample(double value, std::vector<ClientMetric::Label> labels) {
  ClientMetric metric;
  metric.label = std::move(labels);
  metric.gauge.value = value;
  metric.counter.value = value;
  metric.untyped.value = value;
  return metric;
}

}  // namespace

// prometheus-cpp's serializer is the oracle: the golden exposition was written by it.
TEST_CASE("append_family writes what prometheus-cpp's TextSerializer writes, byte for byte") {
  const std::vector<double> values = {
      0, 1, -1, 0.5, 1796051967.5, 1e-7, 123456789012345678.0, 1e300, 2.0 / 3, 0.1, -0.0,
      // around where an integer is written as one, and where %.16g turns to
      // an exponent
      999999999999999.0, -999999999999999.0, 1e15, 9999999999999998.0, 1e16, 4294967296.0, 1e21, 5e-324,
      std::numeric_limits<double>::infinity(), -std::numeric_limits<double>::infinity(), std::nan("")};
  std::vector<MetricFamily> families;
  for (const auto type : {MetricType::Counter, MetricType::Gauge, MetricType::Untyped}) {
    MetricFamily family{"dse_test", "help text", type, {}};
    for (const double value : values) family.metric.push_back(sample(value, {}));
    family.metric.push_back(sample(3, {{"a", "plain"}, {"b", R"(back\slash "quoted")"}, {"c", "new\nline"}}));
    family.metric.push_back(sample(4, {{"empty", ""}, {"utf8", "é€"}}));
    families.push_back(family);
  }
  MetricFamily histogram{"dse_seconds", "", MetricType::Histogram, {}};
  ClientMetric observed;
  observed.label = {{"endpoint", "inspect"}};
  observed.histogram.sample_count = 7;
  observed.histogram.sample_sum = 0.0123;
  observed.histogram.bucket = {{2, 0.0005}, {5, 0.25}, {7, 10}};
  histogram.metric.push_back(observed);
  observed.histogram.bucket.push_back({7, std::numeric_limits<double>::infinity()});
  histogram.metric.push_back(observed);
  families.push_back(histogram);
  MetricFamily summary{"dse_summary", "a summary", MetricType::Summary, {}};
  ClientMetric quantiles;
  quantiles.summary.sample_count = 3;
  quantiles.summary.sample_sum = 1.5;
  quantiles.summary.quantile = {{0.5, 0.25}, {0.99, 1}};
  summary.metric.push_back(quantiles);
  families.push_back(summary);
  CHECK(ours(families) == prometheus::TextSerializer{}.Serialize(families));
}

TEST_CASE("append_value: random doubles as prometheus-cpp writes them") {
  std::mt19937_64 random(21);
  std::uniform_real_distribution<double> exponent(-30, 30);
  std::vector<MetricFamily> families{{"dse_random", "", MetricType::Gauge, {}}};
  for (int i = 0; i < 2000; ++i) {
    families[0].metric.push_back(sample(std::pow(10.0, exponent(random)) * (i % 2 ? 1 : -1), {}));
    families[0].metric.push_back(sample(static_cast<double>(random() % 100000), {}));
  }
  CHECK(ours(families) == prometheus::TextSerializer{}.Serialize(families));
}

TEST_CASE("HELP escapes backslash and newline, as the text format requires") {
  std::string text;
  dse::metrics::append_header(text, {"dse_x", "a \\ and a\nnewline \"kept\"", MetricType::Gauge, {}});
  CHECK(text == "# HELP dse_x a \\\\ and a\\nnewline \"kept\"\n# TYPE dse_x gauge\n");
}
