#include "kernel/self_process.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <charconv>
#include <filesystem>
#include <vector>

#include "util/read_file.hpp"

namespace dse::kernel {

namespace {

std::vector<std::string_view> split(std::string_view text) {
  std::vector<std::string_view> fields;
  while (!text.empty()) {
    const auto start = text.find_first_not_of(" \n");
    if (start == std::string_view::npos) break;
    const auto end = text.find_first_of(" \n", start);
    fields.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    text.remove_prefix(end);
  }
  return fields;
}

bool number(std::string_view text, double& out) {
  unsigned long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  out = static_cast<double>(value);
  return ec == std::errc{} && end == text.data() + text.size();
}

}  // namespace

std::optional<ProcessStats> parse_process_stat(std::string_view stat, std::string_view proc_stat, long ticks_per_second,
                                               long page_bytes) {
  const auto close = stat.rfind(')');
  if (close == std::string_view::npos || ticks_per_second <= 0) return std::nullopt;
  // Field 3 (state) is the first after the name: utime is field 14, so index 11 here.
  const auto fields = split(stat.substr(close + 1));
  const auto btime_at = proc_stat.find("\nbtime ");
  if (fields.size() < 22 || btime_at == std::string_view::npos) return std::nullopt;
  double utime = 0, stime = 0, start_ticks = 0, vsize = 0, rss_pages = 0, boot = 0;
  auto btime = proc_stat.substr(btime_at + 7);
  btime = btime.substr(0, btime.find('\n'));
  if (!number(fields[11], utime) || !number(fields[12], stime) || !number(fields[19], start_ticks) ||
      !number(fields[20], vsize) || !number(fields[21], rss_pages) || !number(btime, boot)) {
    return std::nullopt;
  }
  ProcessStats stats;
  const auto ticks = static_cast<double>(ticks_per_second);
  stats.cpu_seconds = (utime + stime) / ticks;
  stats.start_time_seconds = boot + start_ticks / ticks;
  stats.virtual_bytes = vsize;
  stats.resident_bytes = rss_pages * static_cast<double>(page_bytes);
  return stats;
}

std::optional<ProcessStats> read_own_process_stats() {
  const auto stat = read_file("/proc/self/stat");
  const auto proc_stat = read_file("/proc/stat");
  if (!stat || !proc_stat) return std::nullopt;
  auto stats = parse_process_stat(*stat, *proc_stat, ::sysconf(_SC_CLK_TCK), ::sysconf(_SC_PAGESIZE));
  if (!stats) return std::nullopt;
  std::error_code ec;
  for (std::filesystem::directory_iterator fd("/proc/self/fd", ec), end; !ec && fd != end; fd.increment(ec)) {
    ++stats->open_fds;
  }
  rlimit limit{};
  if (::getrlimit(RLIMIT_NOFILE, &limit) == 0) stats->max_fds = static_cast<double>(limit.rlim_cur);
  return stats;
}

}  // namespace dse::kernel
