// A config file and a command line from the same bytes: YAML, flags, every validation.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "config/flags.hpp"
#include "http/web_config.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  const auto no_env = [](const char*) -> std::optional<std::string> { return std::nullopt; };
  const auto reader = [&](const std::string&) -> dse::Expected<std::string> { return text; };
  (void)dse::config::load_config({"--config.file=fuzz.yml"}, no_env, reader);
  (void)dse::http::parse_web_config(text, "/etc/fuzz/web.yml");
  // The same bytes as NUL-separated arguments.
  std::vector<std::string_view> args;
  std::string_view rest(text);
  while (!rest.empty()) {
    const auto end = rest.find('\0');
    args.push_back(rest.substr(0, end));
    rest = end == std::string_view::npos ? std::string_view{} : rest.substr(end + 1);
  }
  (void)dse::config::load_config(args, no_env, reader);
  return 0;
}
