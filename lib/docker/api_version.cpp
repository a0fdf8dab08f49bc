#include "docker/api_version.hpp"

#include <charconv>

namespace dse::docker {

std::string ApiVersion::to_string() const { return std::to_string(major) + "." + std::to_string(minor); }

std::optional<ApiVersion> parse_api_version(std::string_view text) {
  if (text.starts_with('v')) text.remove_prefix(1);
  ApiVersion version;
  const char* end = text.data() + text.size();
  auto [dot, ec] = std::from_chars(text.data(), end, version.major);
  if (ec != std::errc{} || dot == end || *dot != '.') return std::nullopt;
  auto [last, ec2] = std::from_chars(dot + 1, end, version.minor);
  if (ec2 != std::errc{} || last != end || version.major < 1 || version.minor < 0) return std::nullopt;
  return version;
}

std::optional<ApiVersion> negotiate_api_version(std::string_view pinned, std::string_view server_header) {
  if (!pinned.empty()) return parse_api_version(pinned);
  const auto ours = *parse_api_version(max_supported_api_version);
  const auto theirs = parse_api_version(server_header.empty() ? fallback_api_version : server_header);
  if (!theirs) return std::nullopt;
  return std::min(ours, *theirs);
}

}  // namespace dse::docker
