#include "util/failpoint.hpp"

#include <charconv>
#include <cstdlib>
#include <map>
#include <new>
#include <string>

namespace dse {

namespace {

std::map<std::string, long, std::less<>> read_armed() {
  std::map<std::string, long, std::less<>> armed;
  const char* spec = std::getenv("DSE_FAILPOINTS");
  std::string_view rest = spec != nullptr ? spec : "";
  while (!rest.empty()) {
    const auto comma = rest.find(',');
    const auto item = rest.substr(0, comma);
    rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
    const auto eq = item.find('=');
    long count = 1;
    if (eq != std::string_view::npos) std::from_chars(item.data() + eq + 1, item.data() + item.size(), count);
    armed[std::string(item.substr(0, eq))] = count;
  }
  return armed;
}

}  // namespace

bool failpoint_armed(std::string_view name) {
  static auto armed = read_armed();  // the event loop's thread only
  if (armed.empty()) return false;
  const auto found = armed.find(name);
  if (found == armed.end() || found->second <= 0) return false;
  --found->second;
  return true;
}

void failpoint(std::string_view name) {
  if (failpoint_armed(name)) throw std::bad_alloc();
}

}  // namespace dse
