#pragma once
// When each step of the start happened the first time, on CLOCK_MONOTONIC (steady_clock; Python's
// time.monotonic() reads the same clock): logged once, when the first scrape shows every verdict, so that
// scripts/bench can break process start to every verdict down by phase. Costs a clock read per step, once.
#include <cstddef>
#include <string>

namespace dse::startup {

enum class Phase {
  main,               // main() entered: process start (exec, the dynamic linker, static constructors) before it
  listening,          // the endpoint's sockets open
  ping_sent,          // the first request to the engine
  ping_answered,      // /_ping answered, the API version chosen
  events_subscribed,  // /events answered its header
  list_answered,      // /containers/json answered
  info_answered,      // /info answered and read
  scan_done,          // every listed container inspected and judged
  first_render,       // the first scrape that shows every verdict rendered
};
inline constexpr std::size_t phase_count = 9;

// Records the phase's first time; later calls do nothing. Call from one thread (the loop's, or main before it).
void mark(Phase phase);
// Whether first_render was marked by this call: the caller logs summary() then.
bool mark_first_render();
// "main=1234567.890 listening=..." in milliseconds on CLOCK_MONOTONIC, for the phases reached.
std::string summary();

}  // namespace dse::startup
