#include "docker/daemon_info.hpp"

#include "docker/bounded_json.hpp"
#include "docker/json_fields.hpp"

namespace dse::docker {

namespace {

// Splits "name=seccomp,profile=default" into its key=value fields and fills `out` if it is seccomp.
bool read_seccomp_entry(std::string_view entry, DaemonSeccomp& out) {
  if (entry == "seccomp") {
    out = {true, "default"};
    return true;
  }
  bool is_seccomp = false;
  std::string profile;
  while (!entry.empty()) {
    const auto comma = entry.find(',');
    const auto field = entry.substr(0, comma);
    entry = comma == std::string_view::npos ? std::string_view{} : entry.substr(comma + 1);
    const auto eq = field.find('=');
    if (eq == std::string_view::npos) continue;
    const auto key = field.substr(0, eq);
    const auto value = field.substr(eq + 1);
    if (key == "name") is_seccomp = value == "seccomp";
    if (key == "profile") profile = value;
  }
  if (!is_seccomp) return false;
  out = {true, profile.empty() ? "default" : profile};
  return true;
}

}  // namespace

Expected<DaemonInfo> parse_daemon_info(std::string_view body) {
  const auto doc = parse_bounded(body);
  if (doc.is_discarded() || !doc.is_object()) return Error{"info body is not a JSON object"};
  DaemonInfo info;
  info.server_version = string_member(doc, "ServerVersion").value_or("");
  const auto* options = member(doc, "SecurityOptions");
  if (options == nullptr) return info;
  if (!options->is_array()) return Error{"SecurityOptions is not an array"};
  for (const auto& entry : *options) {
    if (!entry.is_string()) return Error{"SecurityOptions holds a non-string entry"};
    if (read_seccomp_entry(entry.get_ref<const std::string&>(), info.seccomp)) break;
  }
  return info;
}

}  // namespace dse::docker
