#pragma once
// How to reach the engine: --docker.host, DOCKER_API_VERSION, --docker.timeout and the TLS files.
#include <chrono>
#include <optional>
#include <string>

#include "docker/host.hpp"

namespace dse::docker {

struct ClientOptions {
  DockerHost host;
  std::string api_version;                    // DOCKER_API_VERSION: pins the version, skips negotiation
  std::optional<TlsFiles> tls;                // set when TLS is on (--docker.tls-verify)
  std::chrono::milliseconds timeout{10'000};  // deadline of each request
};

}  // namespace dse::docker
