// Hot paths for instruction counts under callgrind (repeatable where wall time is not):
//   bench_hot_paths event N    decode one event line + parse one inspect + evaluate, N times
//   bench_hot_paths scrape N   build the state of N containers and render /metrics once
//   bench_hot_paths rescrape N the same, then one container changes and /metrics is rendered again
//   bench_hot_paths state N    build the state only (scrape minus state = one render)
//   bench_hot_paths profile N  analyse Docker's default profile, passed as a custom one, N times: each a
//                              different text (never seen) ...
//   bench_hot_paths reprofile N  ... or the same text each time (a deployment's containers sharing one)
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "compliance/capabilities.hpp"
#include "compliance/learning_profile.hpp"
#include "compliance/profile_analysis.hpp"
#include "docker/container.hpp"
#include "docker/event.hpp"
#include "docker/line_decoder.hpp"
#include "metrics/exposition.hpp"
#include "monitor/event_reaction.hpp"
#include "simulated_containers.hpp"
#include "state/exporter_state.hpp"

namespace {

const std::string event_line =
    R"({"status":"create","id":"9e9effb4679d67535ee0c2634f1988039f1094653bafb076a64b9e744702321c","from":"bb:latest","Type":"container","Action":"create","Actor":{"ID":"9e9effb4679d67535ee0c2634f1988039f1094653bafb076a64b9e744702321c","Attributes":{"image":"bb:latest","name":"ev1"}},"scope":"local","time":1796051967,"timeNano":1796051967046636000})"
    "\n";

// A recorded inspect of a real container (~5 KB, like every real one), as the simulated API serves it.
std::string inspect_body(int i) {
  static const dse::bench::SimulatedContainers containers(DSE_FIXTURES);
  return containers.inspect(static_cast<std::size_t>(i));
}

int one_event(int iterations) {
  dse::state::ExporterState state;
  state.set_daemon({{true, "default"}, "bench"});
  const auto body = inspect_body(1);
  dse::docker::LineDecoder decoder;
  int applied = 0;
  for (int i = 0; i < iterations; ++i) {
    decoder.feed(event_line, [&](std::string_view line) {
      const auto event = dse::docker::parse_event(line);
      if (!event || dse::monitor::reaction_to(*event) != dse::monitor::Reaction::reinspect) return;
      if (auto container = dse::docker::parse_inspect(body)) {
        state.containers.upsert(std::move(*container));
        ++applied;
      }
    });
  }
  std::printf("event: %d decoded, inspected and judged\n", applied);
  return applied == iterations ? 0 : 1;
}

enum class Scrapes { none, first, after_a_change };

// The state of N containers, then what /metrics serves: the first scrape (every container rendered) or,
// after that one, the scrape that follows one container's change.
int scrapes(int containers, Scrapes scrapes) {
  dse::state::ExporterState state;
  state.set_daemon({{true, "default"}, "bench"});
  for (int i = 0; i < containers; ++i) state.containers.upsert(*dse::docker::parse_inspect(inspect_body(i)));
  if (scrapes == Scrapes::none) return state.containers.size() == static_cast<std::size_t>(containers) ? 0 : 1;
  dse::metrics::Exposition exposition;
  // Wall time of the render alone (natively; under callgrind only the instruction count means anything).
  long faults = 0;
  const auto timed_render = [&] {
    rusage before{};
    ::getrusage(RUSAGE_SELF, &before);
    const auto started = std::chrono::steady_clock::now();
    auto rendered = exposition.render_shared(state, {}, "bench");
    rusage after{};
    ::getrusage(RUSAGE_SELF, &after);
    faults = after.ru_minflt - before.ru_minflt;
    return std::pair{std::move(rendered),
                     std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started)};
  };
  auto [text, elapsed] = timed_render();
  if (std::getenv("DSE_BENCH_REPEAT") != nullptr) {  // the same first render again, the heap warm
    for (int i = 0; i < 5; ++i) {
      exposition = {};
      std::tie(text, elapsed) = timed_render();
      std::printf("again: %.2f ms\n", elapsed.count());
    }
  }
  if (scrapes == Scrapes::after_a_change) {
    auto changed = *dse::docker::parse_inspect(inspect_body(1));
    changed.security_opt = {"seccomp=unconfined"};
    state.containers.upsert(std::move(changed));
    std::tie(text, elapsed) = timed_render();
  }
  std::printf("scrape: %d containers, %zu bytes, rendered in %.2f ms, %ld page faults\n", containers, text->size(),
              elapsed.count(), faults);
  return 0;
}

}  // namespace

int profiles(int n, bool distinct) {
  using namespace dse::compliance;
  const EngineContext context{"amd64", KernelVersion{6, 1}, container_capabilities({}, {}, false)};
  std::string text(docker_default_profile());
  std::size_t risky = 0;
  for (int i = 0; i < n; ++i) {
    if (distinct) text += ' ';  // insignificant to the profile, a new text to the cache
    risky += analyse_profile(text, context).risky_allowed.size();
  }
  return risky == 0 ? 0 : 1;
}

int main(int argc, char** argv) {
  if (argc != 3) {
    std::fprintf(stderr, "usage: %s event|scrape|rescrape|state|profile|reprofile N\n", argv[0]);
    return 2;
  }
  const std::string_view what = argv[1];
  const int n = std::atoi(argv[2]);
  if (what == "event") return one_event(n);
  if (what == "scrape") return scrapes(n, Scrapes::first);
  if (what == "rescrape") return scrapes(n, Scrapes::after_a_change);
  if (what == "state") return scrapes(n, Scrapes::none);
  if (what == "profile") return profiles(n, true);
  if (what == "reprofile") return profiles(n, false);
  return 2;
}
