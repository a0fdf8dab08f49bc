#pragma once
// --web.listen-address: "[host]:port"; an empty host listens on every IPv4 and IPv6 address.
#include <cstdint>
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace dse::http {

struct ListenAddress {
  std::string host;  // empty: all addresses; IPv6 literals without brackets
  std::uint16_t port = 0;
};

Expected<ListenAddress> parse_listen_address(std::string_view text);

}  // namespace dse::http
