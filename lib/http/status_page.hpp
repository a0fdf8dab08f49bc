#pragma once
// The page a person sees at "/": the host's verdicts, worst first, with what to do about each.
#include <string>
#include <string_view>

#include "state/exporter_state.hpp"

namespace dse::http {

// Plain server-rendered HTML with inline CSS and no external assets; every container-supplied string escaped.
std::string render_status_page(const state::ExporterState& state, std::string_view telemetry_path,
                               std::string_view version);

std::string html_escape(std::string_view text);

// Which seccomp profile the container runs under, in words ("Docker's default", "none: --privileged", ...).
std::string profile_summary(const state::ContainerRecord& record);

// One line on how to fix a non-compliant container, by reason.
std::string_view remedy(compliance::Reason reason);

}  // namespace dse::http
