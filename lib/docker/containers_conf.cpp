#include "docker/containers_conf.hpp"

namespace dse::docker {

namespace {

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\r')) text.remove_suffix(1);
  return text;
}

// A TOML string value: "basic" (with \" and \\ escapes) or 'literal'; anything else is not one.
std::optional<std::string> toml_string(std::string_view value) {
  if (value.size() < 2) return std::nullopt;
  const char quote = value.front();
  if (quote != '"' && quote != '\'') return std::nullopt;
  std::string out;
  for (std::size_t i = 1; i < value.size(); ++i) {
    const char c = value[i];
    if (c == quote) {
      const auto rest = trim(value.substr(i + 1));
      if (!rest.empty() && rest.front() != '#') return std::nullopt;
      return out;
    }
    if (quote == '"' && c == '\\' && i + 1 < value.size()) {
      out += value[++i];
      continue;
    }
    out += c;
  }
  return std::nullopt;  // unterminated
}

}  // namespace

std::optional<std::string> containers_conf_seccomp_profile(std::string_view toml) {
  std::optional<std::string> found;
  bool in_containers = false;
  while (!toml.empty()) {
    const auto end = toml.find('\n');
    const auto line = trim(toml.substr(0, end));
    toml = end == std::string_view::npos ? std::string_view{} : toml.substr(end + 1);
    if (line.empty() || line.front() == '#') continue;
    if (line.front() == '[') {
      in_containers = line == "[containers]";
      continue;
    }
    const auto eq = line.find('=');
    if (!in_containers || eq == std::string_view::npos || trim(line.substr(0, eq)) != "seccomp_profile") continue;
    if (auto value = toml_string(trim(line.substr(eq + 1)))) found = std::move(*value);
  }
  return found;
}

}  // namespace dse::docker
