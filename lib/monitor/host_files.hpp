#pragma once
// The profile files the engine reads on its host, read here under --host.root: the daemon-wide custom
// profile, Podman's default and containers.conf, and the files Podman containers name. The engine names
// these paths: each is opened without blocking, only a regular file, never more than max_profile_bytes.
#include <optional>
#include <string>

#include "compliance/evidence.hpp"
#include "compliance/seccomp_option.hpp"
#include "docker/daemon_info.hpp"
#include "util/expected.hpp"

namespace dse::monitor {

class HostFiles {
 public:
  // host_root: where the engine's host is mounted ("/" on the host itself).
  explicit HostFiles(std::string host_root) : m_root(std::move(host_root)) {}

  struct EngineProfiles {
    compliance::HostProfiles texts;
    bool daemon_file_failed = false;  // the daemon-wide file could not be read or decoded (logged)
  };
  // What the engine's own files say for this daemon. On Podman containers.conf's setting replaces /info's
  // word in daemon (profile and path) first. Failures are logged.
  EngineProfiles read_engine_profiles(docker::DaemonSeccomp& daemon) const;

  // Podman: the text of the profile file a container's option names; nullopt when it names none; an error
  // when the file cannot be read or the path is relative.
  std::optional<Expected<std::string>> read_container_profile(const compliance::SeccompOption& option) const;

 private:
  std::optional<std::string> read_daemon_profile(const docker::DaemonSeccomp& daemon, bool& failed) const;
  std::string read_podman_default(docker::DaemonSeccomp& daemon) const;
  std::string on_host(const std::string& path) const;

  std::string m_root;
};

}  // namespace dse::monitor
