#pragma once
// The one-shot audit's report: a table for people, JSON (schema_version 1, docs/audit.md) for pipelines.
#include <string>
#include <string_view>
#include <vector>

#include "monitor/exporter_state.hpp"

namespace dse::audit {

inline constexpr int schema_version = 1;

// Containers in report order: non-compliant first, then compliant, then excluded; by name within each.
std::vector<const monitor::ContainerRecord*> report_order(const monitor::ExporterState& state);

std::string render_table(const monitor::ExporterState& state);
std::string render_json(const monitor::ExporterState& state, std::string_view docker_host, std::string_view generated_at);

// 0 when every judged container is compliant, 1 when any is not.
int exit_code(const monitor::ExporterState& state);

}  // namespace dse::audit
