#include <catch2/catch.hpp>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include "metrics/families.hpp"
#include "metrics/render.hpp"
#include "recorded_state.hpp"
#include "util/utf8.hpp"

using namespace dse;

namespace {

// Random bytes, half of them the start or the middle of a multi-byte sequence, around the bounds.
std::string random_bytes(std::mt19937& random) {
  const std::size_t lengths[] = {1, 3, 255, 256, 257, 300, 600};
  std::string bytes(lengths[random() % std::size(lengths)], '\0');
  for (auto& c : bytes) c = static_cast<char>(random() % 2 == 0 ? 0x80 + random() % 0x80 : random() % 256);
  return bytes;
}

}  // namespace

// Whatever bytes reach a container's strings (past docker::parse_inspect or around it), the exposition is
// one Prometheus accepts: promtool parses it with Prometheus' own text parser.
// Hidden ([.]) from a plain run of unit_tests, which needs no tool beyond the build (test_fresh_machine);
// ctest runs it by its tag (metrics.promtool_random_bytes).
TEST_CASE("an exposition of containers with random bytes in every string passes promtool", "[.promtool]") {
  std::mt19937 random(2026);
  auto state = test::recorded_state({"plain"});
  auto daemon = *docker::parse_daemon_info(test::fixture("info/default.json"));
  daemon.server_version = random_bytes(random);
  state.set_daemon(daemon);
  for (int i = 0; i < 200; ++i) {
    auto container = test::inspect_fixture("plain");
    container.id = std::to_string(100000 + i) + std::string(58, 'f');
    container.name = random_bytes(random);
    container.image = random_bytes(random);
    container.state = random_bytes(random);
    container.labels["owner"] = random_bytes(random);
    state.containers.upsert(container);
  }
  metrics::LabelOptions options;
  options.docker_labels = *metrics::parse_docker_labels("owner");
  const auto text = metrics::render_text(metrics::build_families(state, options, "1"));
  REQUIRE(is_valid_utf8(text));
  const auto path = std::filesystem::temp_directory_path() / ("dse-render-" + std::to_string(::getpid()) + ".prom");
  std::ofstream(path, std::ios::binary) << text;
  // Parse errors exit 1; lint findings are printed and then exit 3 (promtool check metrics).
  const auto command = "promtool check metrics < " + path.string() + " > " + path.string() + ".out 2>&1";
  const auto status = std::system(command.c_str());
  std::ifstream out(path.string() + ".out");
  const std::string said((std::istreambuf_iterator<char>(out)), std::istreambuf_iterator<char>());
  std::filesystem::remove(path);
  std::filesystem::remove(path.string() + ".out");
  INFO(said);
  CHECK(status == 0);
}
