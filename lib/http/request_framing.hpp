#pragma once
// The framing rules Beast's parser leaves to the server (RFC 9112 §3.2, §5.2, §6.1, §7; RFC 9110 §7.2): a
// request framed one way here and another way by a proxy in front is the shape of request smuggling, so
// what the standard says to reject is rejected, and the connection closed.
#include <optional>
#include <string>
#include <string_view>

#include <boost/beast/http/message.hpp>

namespace dse::http {

// raw_header: the request's bytes up to and including the empty line that ends its fields (Beast unfolds
// obs-fold before anyone sees the fields). The reason for a 400, or nothing when the request is well framed.
std::optional<std::string> framing_error(std::string_view raw_header,
                                         const boost::beast::http::request_header<>& header);

// The origin-form of a target: an absolute-form one ("http://host/metrics?x", which servers must accept)
// without its scheme and authority; any other target as it is.
std::string_view origin_form(std::string_view target);

}  // namespace dse::http
