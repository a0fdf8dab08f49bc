#pragma once
// The whole of a small file (config files, seccomp profiles, procfs entries), or why it could not be read.
#include <string>

#include "util/expected.hpp"

namespace dse {

Expected<std::string> read_file(const std::string& path);

}  // namespace dse
