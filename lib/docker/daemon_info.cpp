#include "docker/daemon_info.hpp"

#include <charconv>

#include "docker/bounded_json.hpp"
#include "docker/json_fields.hpp"
#include "util/key_values.hpp"
#include "util/utf8.hpp"

namespace dse::docker {

std::pair<DaemonProfile, std::string> parse_daemon_profile(std::string_view reported) {
  if (reported.empty()) return {DaemonProfile::unknown, ""};
  if (reported == "default") return {DaemonProfile::default_profile, ""};
  if (reported == "builtin") return {DaemonProfile::builtin, ""};
  if (reported == "unconfined") return {DaemonProfile::unconfined, ""};
  return {DaemonProfile::file, std::string(reported)};
}

std::string DaemonSeccomp::profile_name() const {
  switch (profile) {
    case DaemonProfile::unknown: return "";
    case DaemonProfile::default_profile: return "default";
    case DaemonProfile::builtin: return "builtin";
    case DaemonProfile::unconfined: return "unconfined";
    case DaemonProfile::file: return profile_path;
  }
  return "";
}

namespace {

// Splits "name=seccomp,profile=default" into its key=value fields and fills `out` if it is seccomp.
bool read_seccomp_entry(std::string_view entry, DaemonSeccomp& out) {
  if (entry == "seccomp") {
    out.supported = true;
    out.profile = DaemonProfile::default_profile;
    return true;
  }
  bool is_seccomp = false;
  std::string profile;
  for_each_key_value(entry, ',', [&](std::string_view key, std::string_view value) {
    if (key == "name") is_seccomp = value == "seccomp";
    if (key == "profile") profile = value;
    return true;
  });
  if (!is_seccomp) return false;
  out.supported = true;
  std::tie(out.profile, out.profile_path) = parse_daemon_profile(profile.empty() ? "default" : profile);
  return true;
}

// "27.3.1" -> 27; 0 when it does not start with a number (Podman's "4.3.1" is 4: not Docker 27).
int major_version(const std::string& version) {
  int major = 0;
  std::from_chars(version.data(), version.data() + version.size(), major);
  return major;
}

// DefaultRuntime names an entry of Runtimes, whose path is the binary ("runc", "/usr/bin/crun"); Podman and
// older engines may send the name only.
void read_runtime(const nlohmann::json& doc, DaemonSeccomp& out) {
  const auto name = string_member(doc, "DefaultRuntime").value_or("");
  out.runtime = name;
  if (const auto* runtimes = member(doc, "Runtimes"); runtimes != nullptr && runtimes->is_object() && !name.empty()) {
    if (const auto* entry = member(*runtimes, name.c_str()); entry != nullptr && entry->is_object()) {
      if (auto path = string_member(*entry, "path"); path && !path->empty()) out.runtime = *path;
    }
  }
  if (const auto slash = out.runtime.rfind('/'); slash != std::string::npos) out.runtime.erase(0, slash + 1);
  if (out.runtime.size() > 64) out.runtime.clear();
  if (const auto* commit = member(doc, "RuncCommit");
      commit != nullptr && commit->is_object() && out.runtime == "runc") {
    out.runtime_version = bounded_utf8(string_member(*commit, "ID").value_or(""), 64).text;
  }
}

}  // namespace

Expected<DaemonInfo> parse_daemon_info(std::string_view body) {
  const auto doc = parse_bounded(body);
  if (doc.is_discarded() || !doc.is_object()) return Error{"info body is not a JSON object"};
  DaemonInfo info;
  // Shown as a label and on the status page: bounded like a container's strings (docker/container.hpp).
  info.server_version = bounded_utf8(string_member(doc, "ServerVersion").value_or(""), 256).text;
  const auto* options = member(doc, "SecurityOptions");
  const auto complete = [&] {
    info.seccomp.architecture = string_member(doc, "Architecture").value_or("");
    info.seccomp.kernel_version = string_member(doc, "KernelVersion").value_or("");
    info.seccomp.podman = member(doc, "BuildahVersion") != nullptr;
    info.seccomp.knows_builtin = !info.seccomp.podman && major_version(info.server_version) >= 23;
    info.seccomp.moby_profiles_loader = !info.seccomp.podman && major_version(info.server_version) >= 23;
    info.seccomp.custom_profile_for_privileged = info.seccomp.podman || major_version(info.server_version) >= 27;
    read_runtime(doc, info.seccomp);
    return info;
  };
  if (options == nullptr) return complete();
  if (!options->is_array()) return Error{"SecurityOptions is not an array"};
  for (const auto& entry : *options) {
    if (!entry.is_string()) return Error{"SecurityOptions holds a non-string entry"};
    if (read_seccomp_entry(entry.get_ref<const std::string&>(), info.seccomp)) break;
  }
  return complete();
}

}  // namespace dse::docker
