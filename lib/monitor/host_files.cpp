#include "monitor/host_files.hpp"

#include <algorithm>
#include <filesystem>
#include <vector>

#include "compliance/checks.hpp"
#include "docker/containers_conf.hpp"
#include "util/log.hpp"
#include "util/read_file.hpp"

namespace dse::monitor {

namespace {

// Docker's default profile is 20 KB; the engine names the file, so what is read of it is bounded.
constexpr std::size_t max_profile_bytes = 1024 * 1024;

}  // namespace

HostFiles::EngineProfiles HostFiles::read_engine_profiles(docker::DaemonSeccomp& daemon) const {
  EngineProfiles profiles;
  if (daemon.podman) profiles.texts.podman_default = read_podman_default(daemon);
  profiles.texts.daemon_file = read_daemon_profile(daemon, profiles.daemon_file_failed);
  return profiles;
}

// A daemon-wide custom profile is a file on the Docker host: read it when this process can. It is analysed
// per container (its rules depend on the container's capabilities); one that dockerd could not decode is
// reported here and judged invalid_profile in every container it applies to.
std::optional<std::string> HostFiles::read_daemon_profile(const docker::DaemonSeccomp& daemon, bool& failed) const {
  if (!daemon.supported || daemon.profile != docker::DaemonProfile::file || !daemon.profile_path.starts_with('/')) {
    return std::nullopt;
  }
  auto text = read_regular_file(on_host(daemon.profile_path), max_profile_bytes);
  const auto decoded = text ? compliance::decode_profile(*text, compliance::engine_loader(daemon))
                            : Expected<compliance::SeccompProfile>(Error{text.error()});
  if (!decoded) {
    failed = true;
    log::warn("daemon seccomp profile not read", {{"path", daemon.profile_path}, {"err", decoded.error()}});
  }
  if (!text) return std::nullopt;
  return std::move(*text);
}

// Podman's /info says "profile=default" whatever containers.conf sets (Podman 4.3 to 5.8): the files it reads,
// in its order (the package's, the admin's and its drop-ins by name, root's and its), under --host.root; the
// last setting wins.
// Without a setting, /etc/containers/seccomp.json replaces the package's file when it exists (containers/common
// pkg/config SeccompOverridePath; seen live on Podman 5.8: a profile written there applies to the next
// container, service running): the admin's file, judged as a daemon-wide custom profile. The package's file
// is Podman's default, the baseline of "risky" there: its text is returned (empty when unreadable: Docker's).
std::string HostFiles::read_podman_default(docker::DaemonSeccomp& daemon) const {
  std::string podman_default;
  if (auto text = read_regular_file(on_host(std::string(docker::podman_default_profile_path)), max_profile_bytes)) {
    podman_default = std::move(*text);
  } else {
    log::warn("Podman's default seccomp profile not read; Docker's is the baseline", {{"err", text.error()}});
  }
  // containers/common pkg/config new.go systemConfigs, for root: then root's own file (its home from passwd
  // when the service has no HOME) and its drop-ins. CONTAINERS_CONF, in the service's environment, is not seen.
  std::vector<std::string> files = {"/usr/share/containers/containers.conf"};
  const auto with_drop_ins = [&](const std::string& file) {
    files.push_back(file);
    std::error_code ec;
    std::vector<std::string> drop_ins;
    for (const auto& entry : std::filesystem::directory_iterator(on_host(file + ".d"), ec)) {
      if (entry.path().extension() == ".conf") drop_ins.push_back(file + ".d/" + entry.path().filename().string());
    }
    std::sort(drop_ins.begin(), drop_ins.end());
    files.insert(files.end(), drop_ins.begin(), drop_ins.end());
  };
  with_drop_ins("/etc/containers/containers.conf");
  with_drop_ins("/root/.config/containers/containers.conf");
  std::optional<std::string> profile;
  for (const auto& file : files) {
    const auto text = read_regular_file(on_host(file), max_profile_bytes);
    if (!text) continue;
    if (auto value = docker::containers_conf_seccomp_profile(*text)) profile = std::move(value);
  }
  if (!profile || profile->empty()) {
    std::error_code exists_ec;
    if (!std::filesystem::exists(on_host(std::string(docker::podman_override_profile_path)), exists_ec)) {
      return podman_default;
    }
    profile = std::string(docker::podman_override_profile_path);
  }
  if (*profile == docker::podman_default_profile_path) return podman_default;
  log::info("Podman's default seccomp profile, from containers.conf", {{"profile", *profile}});
  std::tie(daemon.profile, daemon.profile_path) = docker::parse_daemon_profile(*profile);  // "unconfined" too
  return podman_default;
}

// Podman keeps a custom profile's path in SecurityOpt. It opened a relative path against its client's (or
// service's) working directory, which it does not record: that profile is unknown here.
std::optional<Expected<std::string>> HostFiles::read_container_profile(const compliance::SeccompOption& option) const {
  if (option.kind != compliance::SeccompOption::Kind::custom) return std::nullopt;
  if (!option.profile.starts_with('/')) {
    return Expected<std::string>(
        Error{"a relative path, opened against the Podman client's working directory, which is not recorded"});
  }
  return read_regular_file(on_host(option.profile), max_profile_bytes);
}

std::string HostFiles::on_host(const std::string& path) const { return m_root == "/" ? path : m_root + path; }

}  // namespace dse::monitor
