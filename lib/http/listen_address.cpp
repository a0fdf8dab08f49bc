#include "http/listen_address.hpp"

#include <charconv>

namespace dse::http {

namespace {

Expected<std::uint16_t> parse_port(std::string_view text) {
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || value > 65535) {
    return Error{"invalid port '" + std::string(text) + "'"};
  }
  return static_cast<std::uint16_t>(value);
}

}  // namespace

Expected<ListenAddress> parse_listen_address(std::string_view text) {
  ListenAddress result;
  std::string_view port;
  if (text.starts_with('[')) {
    const auto close = text.find("]:");
    if (close == std::string_view::npos) return Error{"expected [ipv6]:port, got '" + std::string(text) + "'"};
    result.host = text.substr(1, close - 1);
    port = text.substr(close + 2);
  } else {
    const auto colon = text.rfind(':');
    if (colon == std::string_view::npos) return Error{"expected host:port, got '" + std::string(text) + "'"};
    result.host = text.substr(0, colon);
    if (result.host.find(':') != std::string::npos) {
      return Error{"IPv6 addresses need brackets: '[" + result.host + "]:port'"};
    }
    port = text.substr(colon + 1);
  }
  auto parsed = parse_port(port);
  if (!parsed) return Error{parsed.error()};
  result.port = *parsed;
  return result;
}

}  // namespace dse::http
