#pragma once
// One request read from a connection, for server.cpp only: the header by hand (Beast's parser consumes
// nothing until the whole header is there, so its raw bytes can be seen before Beast unfolds obs-fold), the
// framing checked (http/request_framing), then the body by Beast.
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <optional>
#include <string>
#include <utility>

#include "http/beast_framing.hpp"

namespace dse::http {

struct RequestRead {
  boost::beast::error_code ec;         // as Beast's async_read gives it (end_of_stream: closed between requests)
  std::optional<std::string> framing;  // the reason for a 400 that closes the connection
};

template <class Stream>
boost::asio::awaitable<RequestRead> read_request(
    Stream& stream, boost::beast::flat_buffer& buffer,
    boost::beast::http::request_parser<boost::beast::http::string_body>& parser) {
  namespace bhttp = boost::beast::http;
  constexpr auto nothrow = boost::asio::as_tuple(boost::asio::use_awaitable);
  RequestRead read;
  std::string raw_header;  // at most the parser's header limit
  while (!parser.is_header_done()) {
    if (buffer.size() > 0) {
      if (raw_header.empty()) {
        std::string_view seen(static_cast<const char*>(buffer.data().data()), buffer.size());
        seen.remove_prefix(std::min(seen.size(), seen.find_first_not_of("\r\n")));  // empty lines before it
        if (const auto end = seen.find("\r\n\r\n"); end != std::string_view::npos) raw_header = seen.substr(0, end + 4);
      }
      buffer.consume(parser.put(buffer.data(), read.ec));
      if (!read.ec) continue;
      if (read.ec != bhttp::error::need_more) co_return read;
      read.ec = {};
    }
    auto [ec, n] = co_await stream.async_read_some(buffer.prepare(4096), nothrow);
    buffer.commit(n);
    if (ec == boost::asio::error::eof) {
      read.ec = buffer.size() == 0 && !parser.got_some() ? bhttp::error::end_of_stream : bhttp::error::partial_message;
      co_return read;
    }
    if (ec) {
      read.ec = ec;
      co_return read;
    }
  }
  if ((read.framing = framing_error(raw_header, framing_fields(parser.get())))) co_return read;
  if (!parser.is_done()) std::tie(read.ec, std::ignore) = co_await bhttp::async_read(stream, buffer, parser, nothrow);
  co_return read;
}

}  // namespace dse::http
