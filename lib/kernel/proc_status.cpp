#include "kernel/proc_status.hpp"

#include <charconv>

namespace dse::kernel {

std::string_view to_string(SeccompMode mode) {
  switch (mode) {
    case SeccompMode::disabled: return "disabled";
    case SeccompMode::strict: return "strict";
    case SeccompMode::filter: return "filter";
    case SeccompMode::unknown: return "unknown";
  }
  return "unknown";
}

namespace {

// The value of "Key:\tvalue" in a status file, if the line is there.
std::optional<std::string_view> field(std::string_view status, std::string_view key) {
  std::size_t start = 0;
  while (start < status.size()) {
    auto end = status.find('\n', start);
    if (end == std::string_view::npos) end = status.size();
    auto line = status.substr(start, end - start);
    if (line.starts_with(key) && line.size() > key.size() && line[key.size()] == ':') {
      auto value = line.substr(key.size() + 1);
      while (!value.empty() && (value.front() == ' ' || value.front() == '\t')) value.remove_prefix(1);
      return value;
    }
    start = end + 1;
  }
  return std::nullopt;
}

std::optional<int> number(std::optional<std::string_view> text) {
  if (!text || text->empty()) return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size()) return std::nullopt;
  return value;
}

}  // namespace

Expected<ProcSeccomp> parse_proc_status(std::string_view status) {
  const auto mode = number(field(status, "Seccomp"));
  if (!mode) return Error{"no Seccomp: line"};
  ProcSeccomp result;
  switch (*mode) {
    case 0: result.mode = SeccompMode::disabled; break;
    case 1: result.mode = SeccompMode::strict; break;
    case 2: result.mode = SeccompMode::filter; break;
    default: return Error{"unknown Seccomp mode " + std::to_string(*mode)};
  }
  result.filters = number(field(status, "Seccomp_filters"));
  return result;
}

std::optional<unsigned long> real_uid(std::string_view status) {
  const auto uids = field(status, "Uid");
  if (!uids || uids->empty()) return std::nullopt;
  unsigned long value = 0;
  const auto [end, ec] = std::from_chars(uids->data(), uids->data() + uids->size(), value);
  if (ec != std::errc{} || (end != uids->data() + uids->size() && *end != '\t' && *end != ' ')) return std::nullopt;
  return value;
}

bool cgroup_belongs_to(std::string_view cgroup, std::string_view container_id) {
  return container_id.size() >= 12 && cgroup.find(container_id) != std::string_view::npos;
}

std::optional<std::string> container_id_in_cgroup(std::string_view cgroup) {
  std::optional<std::string> found;
  std::size_t run = 0;
  for (std::size_t i = 0; i <= cgroup.size(); ++i) {
    const char c = i < cgroup.size() ? cgroup[i] : '\n';
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f')) {
      ++run;
      continue;
    }
    if (run == 64) found = std::string(cgroup.substr(i - 64, 64));
    run = 0;
  }
  return found;
}

}  // namespace dse::kernel
