#pragma once
// What the event loop needs to know: the engine, how often to rescan, where the host's procfs is.
#include <chrono>
#include <string>

#include "docker/client_options.hpp"

namespace dse::monitor {

struct Options {
  docker::ClientOptions docker;
  std::chrono::milliseconds resync_interval{300'000};  // 0: no periodic resync
  std::string proc_path = "/proc";
  // --host.root: the host's file system, where profile files the engine names are read (daemon's
  // --seccomp-profile, Podman's SecurityOpt paths); "/host" when the exporter runs in a container.
  std::string host_root = "/";
  bool seccomp_audit = false;  // --collector.seccomp-audit
};

}  // namespace dse::monitor
