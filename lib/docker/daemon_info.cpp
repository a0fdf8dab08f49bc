#include "docker/daemon_info.hpp"

#include <charconv>

#include "docker/bounded_json.hpp"
#include "docker/json_fields.hpp"
#include "util/key_values.hpp"

namespace dse::docker {

namespace {

// Splits "name=seccomp,profile=default" into its key=value fields and fills `out` if it is seccomp.
bool read_seccomp_entry(std::string_view entry, DaemonSeccomp& out) {
  if (entry == "seccomp") {
    out.supported = true;
    out.profile = "default";
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
  out.profile = profile.empty() ? "default" : profile;
  return true;
}

// "27.3.1" -> 27; 0 when it does not start with a number (Podman's "4.3.1" is 4: not Docker 27).
int major_version(const std::string& version) {
  int major = 0;
  std::from_chars(version.data(), version.data() + version.size(), major);
  return major;
}

}  // namespace

Expected<DaemonInfo> parse_daemon_info(std::string_view body) {
  const auto doc = parse_bounded(body);
  if (doc.is_discarded() || !doc.is_object()) return Error{"info body is not a JSON object"};
  DaemonInfo info;
  info.server_version = string_member(doc, "ServerVersion").value_or("");
  const auto* options = member(doc, "SecurityOptions");
  const auto complete = [&] {
    info.seccomp.architecture = string_member(doc, "Architecture").value_or("");
    info.seccomp.kernel_version = string_member(doc, "KernelVersion").value_or("");
    info.seccomp.podman = member(doc, "BuildahVersion") != nullptr;
    info.seccomp.knows_builtin = !info.seccomp.podman && major_version(info.server_version) >= 23;
    info.seccomp.moby_profiles_loader = !info.seccomp.podman && major_version(info.server_version) >= 23;
    info.seccomp.custom_profile_for_privileged = info.seccomp.podman || major_version(info.server_version) >= 27;
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
