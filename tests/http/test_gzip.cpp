#include <catch2/catch.hpp>

#include <zlib.h>

#include <string>

#include "http/gzip.hpp"
#include "http/router.hpp"

using namespace dse::http;

namespace {

std::string gunzip(const std::string& data) {
  z_stream stream{};
  REQUIRE(inflateInit2(&stream, 15 + 16) == Z_OK);
  std::string out(1 << 20, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  stream.avail_in = static_cast<uInt>(data.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  REQUIRE(inflate(&stream, Z_FINISH) == Z_STREAM_END);
  out.resize(stream.total_out);
  inflateEnd(&stream);
  return out;
}

}  // namespace

TEST_CASE("accepts_gzip reads Accept-Encoding as Prometheus and browsers send it") {
  CHECK(accepts_gzip("gzip"));
  CHECK(accepts_gzip("deflate, GZIP;q=0.5"));
  CHECK(accepts_gzip("*"));
  CHECK(accepts_gzip("br, gzip ; q=1.0"));
  CHECK_FALSE(accepts_gzip(""));
  CHECK_FALSE(accepts_gzip("identity"));
  CHECK_FALSE(accepts_gzip("gzip;q=0"));
  CHECK_FALSE(accepts_gzip("gzip;q=0.000"));
  CHECK_FALSE(accepts_gzip("x-gzip2"));
}

TEST_CASE("compress_if_accepted gzips 200s for clients that ask, and nothing else") {
  std::string text;
  for (int i = 0; i < 1000; ++i) text += "docker_seccomp_container_compliant{id=\"" + std::to_string(i) + "\"} 1\n";
  Reply reply{200, "text/plain", text, "", "", "", nullptr};
  compress_if_accepted(reply, "gzip");
  CHECK(reply.content_encoding == "gzip");
  CHECK(reply.body.size() < text.size() / 5);
  CHECK(gunzip(reply.body) == text);
  Reply plain{200, "text/plain", text, "", "", "", nullptr};
  compress_if_accepted(plain, "identity");
  CHECK(plain.body == text);
  Reply missing{404, "text/plain", "Not Found\n", "", "", "", nullptr};
  compress_if_accepted(missing, "gzip");
  CHECK(missing.content_encoding.empty());
}
