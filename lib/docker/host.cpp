#include "docker/host.hpp"

namespace dse::docker {

std::string DockerHost::to_string() const {
  if (transport == Transport::unix_socket) return "unix://" + socket_path;
  const bool v6 = host.find(':') != std::string::npos;
  return "tcp://" + (v6 ? "[" + host + "]" : host) + ":" + port;
}

namespace {

Expected<DockerHost> parse_tcp(std::string_view rest, std::string_view url) {
  while (!rest.empty() && rest.back() == '/') rest.remove_suffix(1);
  DockerHost result;
  result.transport = DockerHost::Transport::tcp;
  std::string_view port = "2375";
  if (rest.starts_with('[')) {
    const auto close = rest.find(']');
    if (close == std::string_view::npos) return Error{"unterminated IPv6 address in " + std::string(url)};
    result.host = rest.substr(1, close - 1);
    const auto after = rest.substr(close + 1);
    if (!after.empty()) {
      if (!after.starts_with(':')) return Error{"garbage after IPv6 address in " + std::string(url)};
      port = after.substr(1);
      result.port_given = true;
    }
  } else {
    const auto colon = rest.rfind(':');
    result.host = rest.substr(0, colon);
    if (colon != std::string_view::npos) {
      port = rest.substr(colon + 1);
      result.port_given = true;
    }
  }
  if (result.host.empty()) return Error{"no host in " + std::string(url)};
  if (port.empty() || port.size() > 5 || port.find_first_not_of("0123456789") != std::string_view::npos) {
    return Error{"invalid port in " + std::string(url)};
  }
  result.port = port;
  return result;
}

}  // namespace

Expected<DockerHost> parse_docker_host(std::string_view url) {
  constexpr std::string_view unix_prefix = "unix://";
  constexpr std::string_view tcp_prefix = "tcp://";
  if (url.starts_with(unix_prefix)) {
    DockerHost result;
    result.socket_path = url.substr(unix_prefix.size());
    if (result.socket_path.empty() || result.socket_path.front() != '/') {
      return Error{"unix socket path must be absolute in " + std::string(url)};
    }
    return result;
  }
  if (url.starts_with(tcp_prefix)) return parse_tcp(url.substr(tcp_prefix.size()), url);
  return Error{"unsupported Docker host '" + std::string(url) + "' (want unix:///path or tcp://host:port)"};
}

}  // namespace dse::docker
