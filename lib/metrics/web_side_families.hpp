#pragma once
// The web side's families (--web.separate-process): up, restarts by cause, its confinement, refused calls.
#include <prometheus/metric_family.h>

#include <vector>

#include "state/web_side_stats.hpp"

namespace dse::metrics {

std::vector<prometheus::MetricFamily> build_web_side_families(const state::WebSideStats& stats);

}  // namespace dse::metrics
