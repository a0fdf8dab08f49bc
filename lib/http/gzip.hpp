#pragma once
// Content-Encoding: gzip for clients that ask (Prometheus always does): a 10,000-container scrape is
// 1.1 MB of text and compresses about tenfold.
#include <string>
#include <string_view>

namespace dse::http {

// Whether an Accept-Encoding header accepts gzip (a "gzip" or "*" token whose q is not 0).
bool accepts_gzip(std::string_view accept_encoding);

// The gzip stream of body, at zlib's fastest level (compression is paid on every scrape).
std::string gzip(std::string_view body);

struct Reply;
// A 200 reply's body gzipped when the client accepts it (and when compression worked).
void compress_if_accepted(Reply& reply, std::string_view accept_encoding);

}  // namespace dse::http
