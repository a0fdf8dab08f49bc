#pragma once
// The exporter's own process, as client libraries export it (process_cpu_seconds_total,
// process_resident_memory_bytes, ...): read from /proc/self at scrape time.
#include <optional>
#include <string>
#include <string_view>

namespace dse::kernel {

struct ProcessStats {
  double cpu_seconds = 0;         // user + system
  double start_time_seconds = 0;  // Unix time
  double resident_bytes = 0;
  double virtual_bytes = 0;
  double open_fds = 0;
  double max_fds = 0;
};

// The fields of /proc/<pid>/stat (after the command name, which may hold spaces and parentheses) and the
// btime line of /proc/stat; nullopt when either is malformed.
std::optional<ProcessStats> parse_process_stat(std::string_view stat, std::string_view proc_stat, long ticks_per_second,
                                               long page_bytes);

// This process's, with its open and maximum file descriptors; nullopt when /proc cannot tell.
std::optional<ProcessStats> read_own_process_stats();

}  // namespace dse::kernel
