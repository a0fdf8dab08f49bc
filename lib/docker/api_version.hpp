#pragma once
// Docker Engine API version negotiation, as the Docker CLI does it.
#include <optional>
#include <string>
#include <string_view>

namespace dse::docker {

// The newest API version whose fields we rely on; everything we read exists since 1.24.
inline constexpr std::string_view max_supported_api_version = "1.47";
// What the Docker CLI assumes when a daemon's /_ping sends no API-Version header.
inline constexpr std::string_view fallback_api_version = "1.24";

struct ApiVersion {
  int major = 0;
  int minor = 0;
  std::string to_string() const;
  auto operator<=>(const ApiVersion&) const = default;
};

std::optional<ApiVersion> parse_api_version(std::string_view text);

// pinned: DOCKER_API_VERSION, used as is; server_header: /_ping's API-Version header (may be empty).
std::optional<ApiVersion> negotiate_api_version(std::string_view pinned, std::string_view server_header);

}  // namespace dse::docker
