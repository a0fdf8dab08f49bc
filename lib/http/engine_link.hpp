#pragma once
// The protocol between the web side (the process that reads the network) and the engine side (the process
// that holds Docker's socket), over a socketpair: the web side asks, the engine side answers, one at a time.
// Every frame is a 4-byte big-endian length, then that many bytes. The engine side treats the web side as
// untrusted: a request is at most 4 KiB, every field is checked, and anything else ends the link
// (app/web_side.cpp).
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/expected.hpp"

namespace dse::http::link {

enum class Ask : std::uint8_t {
  metrics = 1,                   // the exposition text; the web side says whether it holds the last one
  status_page = 2,               // the page at "/", page N
  profile = 3,                   // the suggested seccomp profile of a container, by name
  ready = 4,                     // /-/ready
  healthy = 5,                   // /-/healthy and the web side's heartbeat, with its report
  slow_client_dropped = 6,       // counted by the engine side
  web_config_reload_failed = 7,  // counted by the engine side
};

inline constexpr std::size_t max_request_bytes = 4 * 1024;
inline constexpr std::size_t max_answer_bytes = std::size_t{1} << 30;
inline constexpr std::size_t max_name_bytes = 256;
inline constexpr std::size_t max_reported_syscalls = 64;
inline constexpr std::uint32_t max_syscall_number = 1024;
inline constexpr std::uint64_t max_page = 1'000'000'000;

// What the web side reports with each heartbeat: the state of its confinement as it set it up, and the calls
// its seccomp filter refused (syscall number, count so far).
struct Report {
  bool landlock = false;
  std::vector<std::pair<std::uint32_t, std::uint64_t>> refused;
};

struct Request {
  Ask ask = Ask::healthy;
  bool has_last = false;   // metrics: the web side is still sending the last text it was sent to a client
  std::uint64_t page = 1;  // status_page
  std::string name;        // profile
  Report report;           // healthy
};

enum class Outcome : std::uint8_t {
  text = 0,  // the answer's text follows
  none = 1,  // no such thing (profile: no observations), or no (ready, healthy)
  yes = 2,   // ready, healthy, counted
  // metrics: nothing changed since the last answer, within the share window (app/run.hpp): no text follows, and
  // the web side serves what it holds, so that 80 scrapers at once cost one copy, not 80.
  unchanged = 3,
};

struct Answer {
  Outcome outcome = Outcome::yes;
  std::string text;
};

// What a profile request may name: 1 to 256 bytes, no control bytes. The web side checks a name before it
// asks (a client's bad name is a 404, not a broken link).
bool valid_name(std::string_view name);

// A whole frame: length and payload.
std::string encode(const Request& request);
// A payload (the bytes after the length); an error names what is wrong with it.
Expected<Request> decode_request(std::string_view payload);

// The frame header of an answer whose text follows in text_size bytes.
std::string encode_answer_header(Outcome outcome, std::size_t text_size);
// A frame's length field; an error when it exceeds limit or is empty.
Expected<std::size_t> decode_length(std::string_view four_bytes, std::size_t limit);
// An answer's first payload byte.
Expected<Outcome> decode_outcome(unsigned char byte);

}  // namespace dse::http::link
