// How much one kernel-truth read costs: observe_container() (cgroup + status of one pid) N times.
// usage: bench_proc_read PROC_ROOT PID CONTAINER_ID [ITERATIONS]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "kernel/proc_reader.hpp"

int main(int argc, char** argv) {
  if (argc < 4) {
    std::fprintf(stderr, "usage: %s PROC_ROOT PID CONTAINER_ID [ITERATIONS]\n", argv[0]);
    return 2;
  }
  const std::string proc_root = argv[1];
  const long long pid = std::atoll(argv[2]);
  const std::string id = argv[3];
  const int iterations = argc > 4 ? std::atoi(argv[4]) : 100000;
  int filtered = 0;
  const auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < iterations; ++i) {
    filtered += dse::kernel::observe_container(proc_root, pid, id).seccomp.mode == dse::kernel::SeccompMode::filter;
  }
  const std::chrono::duration<double, std::micro> elapsed = std::chrono::steady_clock::now() - start;
  if (filtered != iterations) {
    std::fprintf(stderr, "unexpected: %d of %d reads saw a filter\n", filtered, iterations);
    return 1;
  }
  std::printf("proc_read: %d reads, %.2f us per container (10,000 running containers: %.1f ms)\n", iterations,
              elapsed.count() / iterations, elapsed.count() / iterations * 10000 / 1000);
  return 0;
}
