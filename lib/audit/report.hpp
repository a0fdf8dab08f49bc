#pragma once
// The one-shot audit's report: a table for people, JSON (schema_version 1, docs/audit.md) for pipelines.
#include <string>
#include <string_view>
#include <vector>

#include "state/exporter_state.hpp"

namespace dse::audit {

inline constexpr int schema_version = 1;

// Containers in report order: non-compliant first, then compliant, then excluded; by name within each.
std::vector<const state::ContainerRecord*> report_order(const state::ExporterState& state);

std::string render_table(const state::ExporterState& state);
std::string render_json(const state::ExporterState& state, std::string_view docker_host, std::string_view generated_at);

// 0 when every judged container is compliant, 1 when any is not.
int exit_code(const state::ExporterState& state);

}  // namespace dse::audit
