#pragma once
// JSON from the engine is untrusted. nlohmann's DOM costs ~80 bytes per level of nesting, so a body of
// 8 MiB of '[' took 625 MB (and an event line of 4 MiB, 324 MB). The nesting is checked first, in one
// pass that allocates nothing; what passes costs memory in proportion to its size.
#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

namespace dse::docker {

// Far deeper than anything Docker sends (an inspect nests 5 levels) or a seccomp profile needs (4).
inline constexpr std::size_t max_json_depth = 64;

// Whether arrays and objects in text nest at most max_depth deep (strings are skipped; the text need not
// be valid JSON).
bool nesting_within(std::string_view text, std::size_t max_depth = max_json_depth);

// text as JSON; a discarded value when it is not JSON or nests deeper than max_json_depth.
nlohmann::json parse_bounded(std::string_view text);

}  // namespace dse::docker
