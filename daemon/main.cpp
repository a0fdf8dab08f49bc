// docker-seccomp-exporter: wires flags, logging and the exporter loop; all logic lives in lib/.
#include <csignal>
#include <cstdlib>
#include <iostream>
#include <string_view>
#include <vector>

#include "app/profile_command.hpp"
#include "app/run.hpp"
#include "config/flags.hpp"
#include "util/build_info.hpp"
#include "util/logging.hpp"
#include "util/read_file.hpp"
#include "util/startup_trace.hpp"

namespace {

std::optional<std::string> environment(const char* name) {
  const char* value = std::getenv(name);
  return value != nullptr ? std::optional<std::string>(value) : std::nullopt;
}

}  // namespace

int main(int argc, char** argv) {
  dse::startup::mark(dse::startup::Phase::main);
  // Process-wide, for every command: a scraper, log reader or `| head` that went away costs an EPIPE, not
  // the process.
  std::signal(SIGPIPE, SIG_IGN);
  const std::vector<std::string_view> args(argv + 1, argv + argc);
  if (!args.empty() && args.front() == "profile") return dse::app::run_profile_command({args.begin() + 1, args.end()});
  // Regular files of at most 1 MiB, opened without blocking: a path turned into a FIFO or /dev/zero is an
  // error at a reload, not a stalled loop or an exhausted memory.
  const auto read_config_file = [](const std::string& path) {
    return dse::read_regular_file(path, dse::max_config_file_bytes);
  };
  const auto load = [&] { return dse::config::load_config(args, environment, read_config_file); };
  const auto config = load();
  if (!config) {
    std::cerr << "docker-seccomp-exporter: " << config.error() << "\n";
    return dse::app::exit_usage;  // 2, which is also audit's "error"
  }
  if (config->show_help) {
    std::cout << dse::config::usage();
    return dse::app::exit_ok;
  }
  if (config->show_version) {
    std::cout << dse::version_text();
    return dse::app::exit_ok;
  }
  dse::setup_logging(config->log);
  if (environment(dse::app::web_side_marker)) return dse::app::run_web_side(*config, environment);
  if (config->audit) return dse::app::run_audit(*config);
  return dse::app::run_exporter(*config, load, environment);
}
