#pragma once
// The whole of a small file (config files, seccomp profiles, procfs entries), or why it could not be read.
#include <cstddef>
#include <string>

#include "util/expected.hpp"

namespace dse {

Expected<std::string> read_file(const std::string& path);

// A file named by someone not trusted (the engine's /info names its seccomp profile): opened without
// blocking (open(2) of a FIFO blocks until a writer comes), only a regular file (not /dev/zero, not a
// FIFO), and at most max_bytes of it.
Expected<std::string> read_regular_file(const std::string& path, std::size_t max_bytes);

// The cap for --config.file (read at start and at every SIGHUP) and profile learning --from. The web config
// has its own, smaller one (http/web_config.hpp: it is re-read on the event loop).
inline constexpr std::size_t max_config_file_bytes = 1024 * 1024;

}  // namespace dse
