// Privilege separation, the web side's half (app/web_side.hpp): started by the engine side with the listening
// sockets and one end of a socketpair, it serves HTTP and asks the engine side for every answer. Once its
// listeners are adopted and its files read, it confines itself for good: no_new_privs, Landlock (reads beneath
// the web config's and TLS files' directories only), an unprivileged user when started as root, and a seccomp
// filter that refuses new sockets, connect, exec and new processes. It ends with _exit: when the engine side is
// gone there is nothing to flush, and a sanitizer's exit-time work would need what the filter refuses.
#include <malloc.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <cerrno>
#include <charconv>
#include <csignal>
#include <cstring>
#include <filesystem>
#include <set>

#include "app/run.hpp"
#include "app/web_side.hpp"
#include "http/engine_link_client.hpp"
#include "http/server.hpp"
#include "sandbox/drop_user.hpp"
#include "sandbox/landlock.hpp"
#include "sandbox/spawn_self.hpp"
#include "sandbox/syscall_filter.hpp"
#include "util/failpoint.hpp"
#include "util/log.hpp"

namespace dse::app {

namespace asio = boost::asio;
namespace link = http::link;

namespace {

constexpr int exit_engine_gone = 4;

struct Marker {
  std::size_t listeners = 0;
  long engine_pid = 0;
};

std::optional<Marker> parse_marker(const std::string& text) {
  Marker marker;
  const auto colon = text.find(':');
  if (colon == std::string::npos) return std::nullopt;
  const auto* end = text.data() + text.size();
  if (std::from_chars(text.data(), text.data() + colon, marker.listeners).ec != std::errc{} ||
      std::from_chars(text.data() + colon + 1, end, marker.engine_pid).ec != std::errc{} || marker.listeners > 64) {
    return std::nullopt;
  }
  return marker;
}

// The directories Landlock leaves readable: the web config's and those of the files it names.
std::vector<std::string> readable_directories(const http::Options& web) {
  std::set<std::string> directories;
  const auto add = [&](const std::string& file) {
    if (file.empty()) return;
    std::error_code ec;
    const auto absolute = std::filesystem::absolute(file, ec);
    if (!ec) directories.insert(absolute.parent_path().string());
  };
  add(web.config_file);
  if (web.config.tls) {
    add(web.config.tls->cert_file);
    add(web.config.tls->key_file);
    add(web.config.tls->client_ca_file);
  }
  return {directories.begin(), directories.end()};
}

[[noreturn]] void end_web_side(int code) {
  spdlog::default_logger()->flush();
  ::_exit(code);
}

// What the web side sets up; landlock in force or not.
bool confine(const config::Config& config) {
  const bool root = ::geteuid() == 0;
  std::optional<sandbox::UserIds> user;
  if (root) {
    auto found = sandbox::look_up_user(config.web.user);
    if (!found) {
      log::error("cannot drop privileges", {{"err", found.error()}});
      end_web_side(exit_usage);
    }
    user = *found;
  }
  if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0)
    log::error("prctl(PR_SET_NO_NEW_PRIVS) failed", {{"err", std::strerror(errno)}});
  const auto landlock = sandbox::restrict_reads_to(readable_directories(config.web));
  if (!landlock) {
    log::error("cannot set up Landlock", {{"err", landlock.error()}});
    end_web_side(exit_usage);
  }
  const bool restricted = landlock->outcome == sandbox::LandlockOutcome::applied;
  if (!restricted) log::warn("this kernel has no Landlock: the web side's file system is not restricted");
  if (user) {
    if (auto became = sandbox::become(*user, restricted); !became) {
      log::error("cannot drop privileges", {{"err", became.error()}});
      end_web_side(exit_usage);
    }
  }
  if (auto filtered = sandbox::install_web_side_filter(); !filtered) {
    log::error("cannot install the web side's seccomp filter; it serves unfiltered", {{"err", filtered.error()}});
  }
  log::info("web side confined", {{"pid", static_cast<long>(::getpid())},
                                  {"uid", static_cast<long>(::getuid())},
                                  {"landlock_abi", landlock->abi}});
  return restricted;
}

// A test's failpoint (DSE_FAILPOINTS=web_side_escape): what an attacker inside the web side would try first.
void try_to_escape(const config::Config& config) {
  const auto attempt = [](std::string_view call, long result) {
    log::warn("failpoint web_side_escape",
              {{"call", call}, {"result", result}, {"err", result < 0 ? std::strerror(errno) : "none"}});
  };
  attempt("socket", ::socket(AF_UNIX, SOCK_STREAM, 0));
  sockaddr_un docker{};
  docker.sun_family = AF_UNIX;
  const auto path = config.monitor.docker.host.socket_path;
  std::memcpy(docker.sun_path, path.data(), std::min(path.size(), sizeof(docker.sun_path) - 1));
  attempt("connect", ::connect(-1, reinterpret_cast<const sockaddr*>(&docker), sizeof(docker)));
  char* const argv[] = {const_cast<char*>("/bin/true"), nullptr};
  attempt("execve", ::execve("/bin/true", argv, nullptr));
}

link::Request question(link::Ask ask, std::uint64_t page = 1, std::string name = {}) {
  link::Request request;
  request.ask = ask;
  request.page = page;
  request.name = std::move(name);
  return request;
}

// Every second: the engine side learns that this process runs, and what its filter refused.
asio::awaitable<void> heartbeat(std::function<void()> beat) {
  asio::steady_timer tick(co_await asio::this_coro::executor);
  while (true) {
    tick.expires_after(std::chrono::seconds(1));
    co_await tick.async_wait(asio::use_awaitable);
    beat();
  }
}

}  // namespace

int run_web_side(const config::Config& config, const Environment& env) {
  const auto marker = parse_marker(env(web_side_marker).value_or(""));
  if (!marker) {
    log::error("the web side's marker is malformed");
    return exit_usage;
  }
  // Ended by the engine side, or with it: a Ctrl-C or a unit's stop signal to every process goes to the engine
  // side, which ends this one, rather than making it look like a crash first.
  for (const int signal : {SIGINT, SIGTERM, SIGHUP}) std::signal(signal, SIG_IGN);
  // Scrapes are megabytes, held for as long as their clients take: each in pages of its own, returned when its
  // last client is done (glibc's threshold would otherwise rise to their size and keep them in the heap).
  ::mallopt(M_MMAP_THRESHOLD, 1024 * 1024);
  ::prctl(PR_SET_PDEATHSIG, SIGKILL, 0, 0, 0);
  if (::getppid() != marker->engine_pid) end_web_side(exit_engine_gone);  // it died before the line above
  link::Client engine(sandbox::link_descriptor);
  const auto gone = [&engine] {
    log::error("the engine side is gone or does not answer; the web side ends", {{"err", engine.error()}});
    end_web_side(exit_engine_gone);
  };
  const auto ask = [&](const link::Request& request) {
    auto answer = engine.ask(request);
    if (!answer) gone();
    return std::move(*answer);
  };
  bool landlock = false;
  const auto report = [&] {
    auto request = question(link::Ask::healthy);
    request.report = {landlock, sandbox::refused_calls()};
    return request;
  };

  http::Routes routes;
  routes.telemetry_path = config.web.telemetry_path;
  // The last scrape, served again while a client is still being sent it and the engine side says it is
  // unchanged (one copy for a burst of scrapers, or for clients that do not read). A new one is read into the spare
  // buffer, which takes the last one's pages once no client is still being sent it (as the engine side's Exposition
  // does); each text has a shared_ptr of its own, since SharedGzip knows a text by its pointer.
  std::shared_ptr<std::string> scrape;
  std::string spare;
  routes.render_metrics = [&]() -> std::shared_ptr<const std::string> {
    auto request = question(link::Ask::metrics);
    request.has_last = scrape && scrape.use_count() > 1;
    const auto outcome = engine.ask_into(request, spare);
    if (!outcome || (*outcome == link::Outcome::unchanged && !scrape)) gone();
    if (*outcome == link::Outcome::unchanged) return scrape;
    auto fresh = std::make_shared<std::string>(std::move(spare));
    spare = scrape && scrape.use_count() == 1 ? std::move(*scrape) : std::string();
    scrape = std::move(fresh);
    return scrape;
  };
  routes.render_status = [&](std::size_t page) { return ask(question(link::Ask::status_page, page)).text; };
  routes.ready = [&] { return ask(question(link::Ask::ready)).outcome == link::Outcome::yes; };
  routes.healthy = [&] { return ask(report()).outcome == link::Outcome::yes; };
  routes.slow_client_dropped = [&] { ask(question(link::Ask::slow_client_dropped)); };
  routes.web_config_reload_failed = [&] { ask(question(link::Ask::web_config_reload_failed)); };
  if (config.monitor.seccomp_audit) {
    routes.render_profile = [&](std::string_view name) -> std::optional<std::string> {
      if (!link::valid_name(name)) return std::nullopt;
      auto answer = ask(question(link::Ask::profile, 1, std::string(name)));
      if (answer.outcome != link::Outcome::text) return std::nullopt;
      return std::move(answer.text);
    };
  }

  asio::io_context io;
  auto web = config.web;
  web.systemd_socket = true;
  web.systemd_sockets.clear();
  for (std::size_t i = 0; i < marker->listeners; ++i) {
    web.systemd_sockets.push_back(sandbox::first_passed_descriptor + static_cast<int>(i));
  }
  auto server = http::Server::bind(io.get_executor(), web, std::move(routes));
  if (!server) {
    log::error("the web side cannot serve the endpoint", {{"err", server.error()}});
    end_web_side(exit_listen);
  }
  landlock = confine(config);
  if (failpoint_armed("web_side_escape")) try_to_escape(config);
  ask(report());  // at once: the engine side reads this process's confinement from /proc now
  asio::co_spawn(io, heartbeat([&] { ask(report()); }), asio::detached);
  asio::co_spawn(io, (*server)->run(), asio::detached);
  io.run();
  end_web_side(exit_ok);
}

}  // namespace dse::app
