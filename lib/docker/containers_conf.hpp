#pragma once
// Podman's default seccomp profile is not what its /info says: Podman 4.3 to 5.1 always report
// "profile=default" there, while containers.conf(5) may name another file or "unconfined". The setting is
// `seccomp_profile` in the [containers] table.
#include <optional>
#include <string>
#include <string_view>

namespace dse::docker {

// The value of [containers] seccomp_profile in one containers.conf text (TOML; a basic or literal string),
// nullopt when the file does not set it. Later files override earlier ones, as Podman reads them.
std::optional<std::string> containers_conf_seccomp_profile(std::string_view toml);

}  // namespace dse::docker
