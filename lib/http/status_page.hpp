#pragma once
// The page a person sees at "/": the host's verdicts, worst first, with what to do about each.
#include <cstddef>
#include <string>
#include <string_view>

#include "state/exporter_state.hpp"

namespace dse::http {

inline constexpr std::size_t status_page_rows = 500;

// Plain server-rendered HTML with inline CSS and no external assets; every container-supplied string escaped.
// page: 1-based, status_page_rows containers each, worst first (beyond the last: the last).
std::string render_status_page(const state::ExporterState& state, std::string_view telemetry_path,
                               std::string_view version, std::size_t page = 1);

std::string html_escape(std::string_view text);

// Which seccomp profile the container runs under, in words ("Docker's default", "none: --privileged", ...).
std::string profile_summary(const state::ContainerRecord& record);

// One line on how to fix a non-compliant container, by reason.
std::string_view remedy(compliance::Reason reason);

}  // namespace dse::http
