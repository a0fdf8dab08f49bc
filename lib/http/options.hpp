#pragma once
// The endpoint's settings: --web.listen-address, --web.telemetry-path, --web.header-timeout and
// --web.config.file with what it holds.
#include <chrono>
#include <string>
#include <vector>

#include "http/listen_address.hpp"
#include "http/web_config.hpp"

namespace dse::http {

struct Options {
  // --web.listen-address, repeatable (as exporter-toolkit's); none given: ":10521".
  std::vector<ListenAddress> listen_addresses;
  // --web.systemd-socket: serve on the sockets systemd passes instead (the addresses above are ignored);
  // the composition root fills systemd_sockets from the environment.
  bool systemd_socket = false;
  std::vector<int> systemd_sockets;
  std::string telemetry_path = "/metrics";
  std::chrono::milliseconds header_timeout{10'000};  // how long a client may take to send its request header
  std::string config_file;                           // --web.config.file, read into config
  WebConfig config;
  // --web.separate-process: the endpoint in a process of its own (app/web_side.hpp), confined, which drops to
  // --web.user when started as root.
  bool separate_process = true;
  std::string user = "nobody";
};

}  // namespace dse::http
