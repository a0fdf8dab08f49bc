#include <catch2/catch.hpp>

#include <boost/asio/buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <string>

#include "http/beast_framing.hpp"

using dse::http::framing_error;
using dse::http::origin_form;

namespace {

// What the server sees of a request: its raw header, and the fields as Beast parsed them.
std::optional<std::string> framing_of(const std::string& raw) {
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(raw), ec);
  REQUIRE(parser.is_header_done());
  return framing_error(raw.substr(0, raw.find("\r\n\r\n") + 4), dse::http::framing_fields(parser.get()));
}

}  // namespace

TEST_CASE("framing_error accepts a plain request, a final chunked and HTTP/1.0 without Host") {
  CHECK_FALSE(framing_of("GET /metrics HTTP/1.1\r\nHost: a\r\n\r\n"));
  CHECK_FALSE(framing_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\n\r\n"));
  CHECK_FALSE(framing_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip, CHUNKED\r\n\r\n"));
  CHECK_FALSE(
      framing_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"));
  CHECK_FALSE(framing_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked ,\r\n\r\n"));  // §5.6.1
  CHECK_FALSE(framing_of("GET / HTTP/1.0\r\n\r\n"));
  CHECK_FALSE(framing_of("GET / HTTP/1.1\r\nHost:\r\n\r\n"));  // empty, as RFC 9110 §7.2 allows
}

TEST_CASE("framing_error refuses a Transfer-Encoding whose last coding is not exactly chunked") {
  for (const std::string coding : {"xchunked", "gzip", "identity", "chunked, identity", "chunked, chunked"}) {
    INFO(coding);
    const auto error = framing_of("POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: " + coding + "\r\n\r\n");
    REQUIRE(error);
    CHECK(*error == "Transfer-Encoding must end in chunked, once");
  }
  // A coding after chunked on a later line Beast's parser refuses itself, and the server answers 400 for it.
  boost::beast::http::request_parser<boost::beast::http::string_body> parser;
  boost::beast::error_code ec;
  parser.put(boost::asio::buffer(std::string_view(
                 "POST / HTTP/1.1\r\nHost: a\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: gzip\r\n\r\n")),
             ec);
  CHECK(ec == boost::beast::http::error::bad_transfer_encoding);
}

TEST_CASE("framing_error refuses obs-fold, a missing Host on HTTP/1.1 and a repeated Host") {
  CHECK(framing_of("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n c\r\n\r\n") ==
        "obs-fold (a header line continued on the next) is not accepted");
  CHECK(framing_of("GET / HTTP/1.1\r\nHost: a\r\nX-A: b\r\n\tc\r\n\r\n"));
  CHECK(framing_of("GET / HTTP/1.1\r\nX-A: b\r\n\r\n") == "an HTTP/1.1 request needs a Host header");
  CHECK(framing_of("GET / HTTP/1.1\r\nHost: a\r\nhost: b\r\n\r\n") == "more than one Host header");
  CHECK(framing_of("GET / HTTP/1.0\r\nHost: a\r\nHost: a\r\n\r\n") == "more than one Host header");
}

TEST_CASE("origin_form strips the scheme and authority of an absolute-form target") {
  CHECK(origin_form("http://host:9/metrics?x=1") == "/metrics?x=1");
  CHECK(origin_form("HTTPS://[::1]:9/-/ready") == "/-/ready");
  CHECK(origin_form("http://host") == "/");
  CHECK(origin_form("http://host?x") == "?x");
  CHECK(origin_form("/metrics") == "/metrics");
  CHECK(origin_form("*") == "*");
  CHECK(origin_form("ftp://host/x") == "ftp://host/x");
}
