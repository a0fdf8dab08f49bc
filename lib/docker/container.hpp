#pragma once
// What we keep of `GET /containers/{id}/json`: only the fields the seccomp verdict and labels need.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace dse::docker {

// Bounds on what the engine's strings may cost (longer ones are cut on a character boundary, and invalid
// UTF-8 is replaced): names as Kubernetes and DNS bound them, images with room for a registry, a 255-byte
// repository, a tag and a digest.
inline constexpr std::size_t max_field_bytes = 256;  // id, name, state
inline constexpr std::size_t max_image_bytes = 512;
inline constexpr std::size_t max_label_bytes = 256;  // each key and each value

struct Container {
  std::string id;     // full 64-hex id
  std::string name;   // without the leading '/'
  std::string image;  // as the user named it (Config.Image), else the image id
  std::string state;  // created, running, exited, ...
  long long pid = 0;  // State.Pid, 0 when not running
  // State.Error: why the engine's last start failed, in the runtime's words (crun's, runc's), cut to 1 KB;
  // empty when it started or was never started.
  std::string start_error;
  bool privileged = false;
  bool cut = false;  // a string here was cut to its bound or had invalid UTF-8 replaced (beside privileged:
                     // 8 bytes less a record)
  std::vector<std::string> security_opt;      // HostConfig.SecurityOpt, in order
  std::vector<std::string> cap_add;           // HostConfig.CapAdd, as given ("NET_ADMIN", "CAP_SYS_ADMIN", "ALL")
  std::vector<std::string> cap_drop;          // HostConfig.CapDrop
  std::map<std::string, std::string> labels;  // Config.Labels, for --exclude.label (the first 256)
  bool operator==(const Container&) const = default;
};

// Parses an inspect body. Fails (never throws) on anything that is not an inspect object with an Id
// and a HostConfig; fields of the wrong type are an error, not a guess.
Expected<Container> parse_inspect(std::string_view body);

std::string short_id(std::string_view id);

}  // namespace dse::docker
