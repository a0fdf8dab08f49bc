#include "util/startup_trace.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <optional>

namespace dse::startup {

namespace {

constexpr std::array<const char*, phase_count> names = {"main",          "listening",         "ping_sent",
                                                        "ping_answered", "events_subscribed", "list_answered",
                                                        "info_answered", "scan_done",         "first_render"};

std::array<std::optional<std::chrono::steady_clock::time_point>, phase_count>& marks() {
  static std::array<std::optional<std::chrono::steady_clock::time_point>, phase_count> reached;
  return reached;
}

}  // namespace

void mark(Phase phase) {
  auto& reached = marks()[static_cast<std::size_t>(phase)];
  if (!reached) reached = std::chrono::steady_clock::now();
}

bool mark_first_render() {
  if (marks()[static_cast<std::size_t>(Phase::first_render)]) return false;
  mark(Phase::first_render);
  return true;
}

std::string summary() {
  std::string text;
  for (std::size_t i = 0; i < phase_count; ++i) {
    if (!marks()[i]) continue;
    const auto since_boot = std::chrono::duration<double, std::milli>(marks()[i]->time_since_epoch()).count();
    char value[32];
    std::snprintf(value, sizeof value, "%.3f", since_boot);
    text.append(text.empty() ? "" : " ").append(names[i]).append("=").append(value);
  }
  return text;
}

}  // namespace dse::startup
