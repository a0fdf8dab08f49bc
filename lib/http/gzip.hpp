#pragma once
// Content-Encoding: gzip for clients that ask (Prometheus always does): a 10,000-container scrape is
// 1.1 MB of text and compresses about tenfold.
#include <memory>
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

// The same for a reply of either kind; a shared body (a scrape several clients get) is compressed once, and
// its gzip stream shared as the text is.
class SharedGzip {
 public:
  void compress(Reply& reply, std::string_view accept_encoding);

 private:
  std::weak_ptr<const std::string> m_source;
  std::shared_ptr<const std::string> m_gzipped;
};

}  // namespace dse::http
