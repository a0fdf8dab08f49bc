#pragma once
// The process's environment and file system as functions, so that what reads them can be tested.
#include <functional>
#include <optional>
#include <string>

#include "util/expected.hpp"

namespace dse {

using Environment = std::function<std::optional<std::string>(const char* name)>;
using FileReader = std::function<Expected<std::string>(const std::string& path)>;

}  // namespace dse
