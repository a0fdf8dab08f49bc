#include "metrics/render.hpp"

#include <prometheus/text_serializer.h>

namespace dse::metrics {

std::string render_text(const std::vector<prometheus::MetricFamily>& families) {
  return prometheus::TextSerializer{}.Serialize(families);
}

}  // namespace dse::metrics
