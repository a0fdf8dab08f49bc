#include "http/gzip.hpp"

#include <zlib.h>

#include <cctype>

#include "http/router.hpp"
#include "util/ascii.hpp"

namespace dse::http {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace

bool accepts_gzip(std::string_view accept_encoding) {
  while (!accept_encoding.empty()) {
    const auto comma = accept_encoding.find(',');
    auto item = accept_encoding.substr(0, comma);
    accept_encoding = comma == std::string_view::npos ? std::string_view{} : accept_encoding.substr(comma + 1);
    const auto semicolon = item.find(';');
    const auto coding = trim(item.substr(0, semicolon));
    if (!ascii_iequals(coding, "gzip") && coding != "*") continue;
    if (semicolon == std::string_view::npos) return true;
    auto parameter = trim(item.substr(semicolon + 1));
    if (!parameter.starts_with("q=") && !parameter.starts_with("Q=")) return true;
    parameter.remove_prefix(2);
    // q=0, q=0.0, q=0.000: refused; anything else accepts.
    return parameter.find_first_not_of("0.") != std::string_view::npos;
  }
  return false;
}

std::string gzip(std::string_view body) {
  z_stream stream{};
  // 15 + 16: a gzip header and trailer around the deflate stream.
  if (deflateInit2(&stream, Z_BEST_SPEED, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) return {};
  std::string out(deflateBound(&stream, static_cast<uLong>(body.size())), '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(body.data()));
  stream.avail_in = static_cast<uInt>(body.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  const int result = deflate(&stream, Z_FINISH);
  out.resize(stream.total_out);
  deflateEnd(&stream);
  return result == Z_STREAM_END ? out : std::string{};
}

void compress_if_accepted(Reply& reply, std::string_view accept_encoding) {
  if (reply.status != 200 || reply.body.empty() || !accepts_gzip(accept_encoding)) return;
  auto compressed = gzip(reply.body);
  if (compressed.empty()) return;
  reply.body = std::move(compressed);
  reply.content_encoding = "gzip";
}

void SharedGzip::compress(Reply& reply, std::string_view accept_encoding) {
  if (!reply.shared_body) return compress_if_accepted(reply, accept_encoding);
  if (reply.status != 200 || reply.shared_body->empty() || !accepts_gzip(accept_encoding)) return;
  if (m_source.lock() != reply.shared_body) {
    m_gzipped = std::make_shared<const std::string>(gzip(*reply.shared_body));
    m_source = reply.shared_body;
  }
  if (m_gzipped->empty()) return;  // compression failed: served as it is
  reply.shared_body = m_gzipped;
  reply.content_encoding = "gzip";
}

}  // namespace dse::http
