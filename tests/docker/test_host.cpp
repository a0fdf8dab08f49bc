#include <catch2/catch.hpp>

#include "docker/host.hpp"

using dse::docker::DockerHost;
using dse::docker::parse_docker_host;

TEST_CASE("parse_docker_host accepts unix and tcp URLs") {
  const auto unix_host = parse_docker_host("unix:///var/run/docker.sock");
  REQUIRE(unix_host);
  CHECK(unix_host->transport == DockerHost::Transport::unix_socket);
  CHECK(unix_host->socket_path == "/var/run/docker.sock");

  const auto tcp = parse_docker_host("tcp://127.0.0.1:2376");
  REQUIRE(tcp);
  CHECK(tcp->transport == DockerHost::Transport::tcp);
  CHECK(tcp->host == "127.0.0.1");
  CHECK(tcp->port == "2376");
  CHECK(tcp->to_string() == "tcp://127.0.0.1:2376");

  const auto v6 = parse_docker_host("tcp://[::1]:2375/");
  REQUIRE(v6);
  CHECK(v6->host == "::1");
  CHECK(v6->to_string() == "tcp://[::1]:2375");

  const auto default_port = parse_docker_host("tcp://docker.local");
  REQUIRE(default_port);
  CHECK(default_port->port == "2375");
  CHECK_FALSE(default_port->port_given);
  CHECK(tcp->port_given);
  CHECK(v6->port_given);
}

TEST_CASE("parse_docker_host rejects what it cannot reach") {
  CHECK_FALSE(parse_docker_host("unix://relative.sock"));
  CHECK_FALSE(parse_docker_host("unix://"));
  CHECK_FALSE(parse_docker_host("ssh://host"));
  CHECK_FALSE(parse_docker_host("tcp://:2375"));
  CHECK_FALSE(parse_docker_host("tcp://host:port"));
  CHECK_FALSE(parse_docker_host("tcp://[::1"));
  CHECK_FALSE(parse_docker_host("/var/run/docker.sock"));
}
