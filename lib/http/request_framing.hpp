#pragma once
// The framing rules Beast's parser leaves to the server (RFC 9112 §3.2, §5.2, §6.1, §7; RFC 9110 §7.2): a
// request framed one way here and another way by a proxy in front is the shape of request smuggling, so
// what the standard says to reject is rejected, and the connection closed.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace dse::http {

// What the rules read of a parsed request's fields (http/beast_framing.hpp takes them from Beast's header:
// this file stays free of Beast, which only the I/O shell compiles).
struct FramingFields {
  unsigned version = 11;                             // 11 for HTTP/1.1, 10 for HTTP/1.0
  std::size_t hosts = 0;                             // Host field lines
  std::vector<std::string_view> transfer_encodings;  // each Transfer-Encoding line's value, in order
};

// raw_header: the request's bytes up to and including the empty line that ends its fields (Beast unfolds
// obs-fold before anyone sees the fields). The reason for a 400, or nothing when the request is well framed.
std::optional<std::string> framing_error(std::string_view raw_header, const FramingFields& fields);

// The origin-form of a target: an absolute-form one ("http://host/metrics?x", which servers must accept)
// without its scheme and authority; any other target as it is.
std::string_view origin_form(std::string_view target);

}  // namespace dse::http
