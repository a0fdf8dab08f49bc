#pragma once
// The containers of the simulated Docker API (fake_docker.cpp) and of the hot-path benchmark
// (hot_paths.cpp), built the same way so that their figures compare: a recorded real inspect body
// (~5 KB) with the id and name of container i, one in five unconfined, none running (the recorded pid
// was on the recording machine; /proc reads are measured on their own by bench_proc_read).
#include <cstddef>
#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

namespace dse::bench {

inline nlohmann::json read_json(const std::string& path) {
  std::ifstream file(path);
  if (!file) throw std::runtime_error("cannot read " + path);
  return nlohmann::json::parse(file);
}

inline std::string simulated_id(std::size_t i) {
  // Distinct 12-character prefixes, as real ids (random) have: i times an odd constant is a bijection
  // modulo 2^48, so no two containers share a short id.
  const auto prefix = ((i + 1) * 0x9E3779B97F4BULL) & 0xFFFFFFFFFFFFULL;
  char id[65];
  std::snprintf(id, sizeof id, "%012llx%052zx", static_cast<unsigned long long>(prefix), i + 1);
  return id;
}

class SimulatedContainers {
 public:
  explicit SimulatedContainers(const std::string& fixtures)
      : m_plain(read_json(fixtures + "/inspect/plain.json")),
        m_unconfined(read_json(fixtures + "/inspect/unconf_eq.json")) {}

  std::string inspect(std::size_t i) const {
    auto body = i % 5 == 0 ? m_unconfined : m_plain;
    body["Id"] = simulated_id(i);
    body["Name"] = "/c" + std::to_string(i);
    body["State"]["Status"] = "created";
    body["State"]["Running"] = false;
    body["State"]["Pid"] = 0;
    return body.dump();
  }

 private:
  nlohmann::json m_plain;
  nlohmann::json m_unconfined;
};

}  // namespace dse::bench
