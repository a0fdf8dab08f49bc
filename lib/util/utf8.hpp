#pragma once
// Text from the engine is bytes: a label, a name or an image may hold anything, and one invalid byte in a
// label value makes Prometheus refuse the whole scrape (every series of the host). Everything that leaves
// the exporter as text is valid UTF-8, cut on a character boundary where it is bounded.
#include <cstddef>
#include <string>
#include <string_view>

namespace dse {

// The length of the valid UTF-8 sequence at the start of text, or 0 (RFC 3629: no overlong forms, no
// surrogates, nothing above U+10FFFF).
std::size_t utf8_sequence_length(std::string_view text);

bool is_valid_utf8(std::string_view text);

struct BoundedText {
  std::string text;
  bool changed = false;  // cut, or an invalid byte replaced
};

// text with each byte that starts no valid sequence replaced by U+FFFD (as Go's encoding/json and
// Prometheus' own clients do), then cut to at most max_bytes on a character boundary.
BoundedText bounded_utf8(std::string_view text, std::size_t max_bytes);

}  // namespace dse
