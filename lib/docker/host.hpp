#pragma once
// Where the Docker Engine API listens, parsed from a DOCKER_HOST-style URL.
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace dse::docker {

struct DockerHost {
  enum class Transport { unix_socket, tcp };
  Transport transport = Transport::unix_socket;
  std::string socket_path;  // unix_socket
  std::string host;         // tcp
  std::string port;         // tcp
  bool port_given = false;  // tcp: false when the URL named none (2375, or 2376 with TLS, as the Docker CLI)

  std::string to_string() const;
};

// TLS to the engine as the Docker CLI does it with DOCKER_TLS_VERIFY: files from DOCKER_CERT_PATH.
struct TlsFiles {
  std::string ca, cert, key;  // ca.pem, cert.pem, key.pem
};

inline constexpr std::string_view default_docker_host = "unix:///var/run/docker.sock";

// Accepts unix:///path, tcp://host:port, tcp://[v6]:port (port defaults to 2375).
Expected<DockerHost> parse_docker_host(std::string_view url);

}  // namespace dse::docker
