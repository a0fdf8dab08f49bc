#pragma once
// Reads recorded Docker responses from tests/fixtures.
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace dse::test {

inline std::string fixture(const std::string& relative_path) {
  std::ifstream in(std::string(DSE_FIXTURES_DIR) + "/" + relative_path, std::ios::binary);
  if (!in) throw std::runtime_error("missing fixture " + relative_path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

}  // namespace dse::test
