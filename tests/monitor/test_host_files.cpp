#include <catch2/catch.hpp>

#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "docker/daemon_info.hpp"
#include "monitor/host_files.hpp"

using dse::docker::DaemonProfile;
using dse::monitor::HostFiles;

namespace {

// A host's file system in a temporary directory, as --host.root sees it; removed at the end.
struct FakeHost {
  FakeHost() {
    char name[] = "/tmp/dse-host-XXXXXX";
    REQUIRE(::mkdtemp(name) != nullptr);
    root = name;
  }
  ~FakeHost() { std::filesystem::remove_all(root); }
  void write(const std::string& path, const std::string& text) const {
    std::filesystem::create_directories(std::filesystem::path(root + path).parent_path());
    std::ofstream(root + path) << text;
  }
  std::string root;
};

dse::docker::DaemonSeccomp podman() {
  dse::docker::DaemonSeccomp daemon{true, "default"};
  daemon.podman = true;
  return daemon;
}

constexpr const char* package_profile = R"({"defaultAction":"SCMP_ACT_ERRNO"})";

}  // namespace

TEST_CASE("HostFiles: Podman's containers.conf files in Podman's order, the last setting winning") {
  FakeHost host;
  host.write("/usr/share/containers/seccomp.json", package_profile);
  host.write("/usr/share/containers/containers.conf", "[containers]\nseccomp_profile = \"/etc/a.json\"\n");
  host.write("/etc/containers/containers.conf.d/20-b.conf", "[containers]\nseccomp_profile = \"/etc/c.json\"\n");
  host.write("/etc/containers/containers.conf.d/10-a.conf", "[containers]\nseccomp_profile = \"/etc/b.json\"\n");
  host.write("/etc/containers/containers.conf.d/30-ignored.txt", "[containers]\nseccomp_profile = \"/x.json\"\n");
  host.write("/etc/c.json", R"({"defaultAction":"SCMP_ACT_ALLOW"})");
  auto daemon = podman();
  const auto profiles = HostFiles(host.root).read_engine_profiles(daemon);
  CHECK(daemon.profile == DaemonProfile::file);
  CHECK(daemon.profile_path == "/etc/c.json");
  CHECK(profiles.texts.podman_default == package_profile);
  CHECK(profiles.texts.daemon_file == R"({"defaultAction":"SCMP_ACT_ALLOW"})");
  CHECK_FALSE(profiles.daemon_file_failed);
}

TEST_CASE("HostFiles: without a setting, the admin's override file is the daemon's custom profile") {
  FakeHost host;
  host.write("/usr/share/containers/seccomp.json", package_profile);
  auto daemon = podman();
  CHECK_FALSE(HostFiles(host.root).read_engine_profiles(daemon).texts.daemon_file);
  CHECK(daemon.profile == DaemonProfile::default_profile);
  host.write("/etc/containers/seccomp.json", "not json");
  const auto profiles = HostFiles(host.root).read_engine_profiles(daemon);
  CHECK(daemon.profile_path == "/etc/containers/seccomp.json");
  CHECK(profiles.texts.daemon_file == "not json");  // judged invalid_profile in the containers it applies to
  CHECK(profiles.daemon_file_failed);
}

TEST_CASE("HostFiles: a Docker daemon's file; nothing read for the builtin") {
  FakeHost host;
  dse::docker::DaemonSeccomp builtin{true, "builtin"};
  CHECK_FALSE(HostFiles(host.root).read_engine_profiles(builtin).texts.daemon_file);
  dse::docker::DaemonSeccomp custom{true, "/etc/docker/seccomp.json"};
  const auto missing = HostFiles(host.root).read_engine_profiles(custom);
  CHECK(missing.daemon_file_failed);
  CHECK_FALSE(missing.texts.daemon_file);
  host.write("/etc/docker/seccomp.json", package_profile);
  const auto read = HostFiles(host.root).read_engine_profiles(custom);
  CHECK(read.texts.daemon_file == package_profile);
  CHECK(read.texts.podman_default.empty());
}

TEST_CASE("HostFiles: a Podman container's profile file, or why not") {
  FakeHost host;
  host.write("/etc/profiles/web.json", package_profile);
  const HostFiles files(host.root);
  using Kind = dse::compliance::SeccompOption::Kind;
  CHECK_FALSE(files.read_container_profile({Kind::none, {}}));
  CHECK_FALSE(files.read_container_profile({Kind::unconfined, {}}));
  const auto read = files.read_container_profile({Kind::custom, "/etc/profiles/web.json"});
  REQUIRE(read);
  REQUIRE(*read);
  CHECK(**read == package_profile);
  const auto missing = files.read_container_profile({Kind::custom, "/etc/profiles/gone.json"});
  REQUIRE(missing);
  CHECK_FALSE(*missing);
  const auto relative = files.read_container_profile({Kind::custom, "web.json"});
  REQUIRE(relative);
  REQUIRE_FALSE(*relative);
  CHECK_THAT(relative->error(), Catch::Contains("relative"));
}
