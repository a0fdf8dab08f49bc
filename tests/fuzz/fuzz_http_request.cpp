// Bytes from a client: Beast's request parser with the server's limits, the framing checks, then the router.
#include <boost/beast/http.hpp>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "http/beast_framing.hpp"
#include "http/router.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace http = boost::beast::http;
  http::request_parser<http::string_body> parser;
  parser.header_limit(8 * 1024);
  parser.body_limit(16 * 1024);
  boost::system::error_code ec;
  std::size_t used = 0;
  while (used < size && !ec && !parser.is_done()) {
    const auto n = parser.put(boost::asio::buffer(data + used, size - used), ec);
    if (n == 0) break;
    used += n;
  }
  std::optional<std::string> framing;
  if (parser.is_header_done()) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    framing =
        dse::http::framing_error(bytes.substr(0, bytes.find("\r\n\r\n")), dse::http::framing_fields(parser.get()));
  }
  if (!ec && parser.is_done() && !framing) {
    dse::http::Routes routes;
    routes.render_metrics = [] { return std::make_shared<const std::string>("up 1\n"); };
    routes.render_status = [](std::size_t page) { return "<p>page " + std::to_string(page) + "</p>"; };
    const auto& request = parser.get();
    (void)dse::http::route(request.method_string(), dse::http::origin_form(request.target()), routes);
  }
  return 0;
}
