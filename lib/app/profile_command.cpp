#include "app/profile_command.hpp"

#include <openssl/evp.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <string>

#include "app/run.hpp"
#include "compliance/learning_profile.hpp"
#include "compliance/seccomp_profile.hpp"
#include "docker/client.hpp"
#include "util/log_escape.hpp"
#include "util/read_file.hpp"

namespace dse::app {

namespace {

constexpr std::string_view usage =
    "usage: docker-seccomp-exporter profile learning [--from FILE] [--minimal]\n"
    "       docker-seccomp-exporter profile suggest NAME [--exporter.url URL] (default http://127.0.0.1:10521)\n"
    "           [--exporter.ca-file FILE] [--exporter.cert-file FILE --exporter.key-file FILE]\n"
    "           [--exporter.username USER --exporter.password-file FILE] [--exporter.timeout SECONDS]\n";

int fail(const std::string& why) {
  std::cerr << "docker-seccomp-exporter profile: " << escape_terminal_text(why) << "\n" << usage;
  return exit_usage;
}

// --name VALUE or --name=VALUE at args[i]; advances i past the value.
bool option(const std::vector<std::string_view>& args, std::size_t& i, std::string_view name, std::string& value) {
  const auto flag = "--" + std::string(name);
  if (args[i] == flag && i + 1 < args.size()) {
    value = std::string(args[++i]);
    return true;
  }
  if (args[i].starts_with(flag + "=")) {
    value = std::string(args[i].substr(flag.size() + 1));
    return true;
  }
  return false;
}

struct SuggestOptions {
  std::string name;
  std::string url = "http://127.0.0.1:10521";
  docker::TlsFiles tls;  // --exporter.ca-file, --exporter.cert-file, --exporter.key-file
  std::string username, password_file;
  std::string timeout = "10";
};

// RFC 3986: everything but the unreserved characters percent-encoded, so that a NAME holds no path, query or
// line break of its own.
std::string percent_encoded(std::string_view text) {
  static constexpr char hex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += hex[byte >> 4];
      out += hex[byte & 0xF];
    }
  }
  return out;
}

std::string base64(std::string_view text) {
  std::string out(4 * ((text.size() + 2) / 3), '\0');
  EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), reinterpret_cast<const unsigned char*>(text.data()),
                  static_cast<int>(text.size()));
  return out;
}

// http://HOST[:PORT][/PREFIX] or https://...; HOST may be an IPv6 literal in brackets.
struct ExporterUrl {
  docker::DockerHost host;
  bool tls = false;
  std::string prefix;  // the path before /profiles/ (a reverse proxy's), without a trailing '/'
};

Expected<ExporterUrl> parse_exporter_url(const std::string& url) {
  ExporterUrl parsed;
  std::string_view rest = url;
  if (rest.starts_with("https://")) {
    parsed.tls = true;
    rest.remove_prefix(8);
  } else if (rest.starts_with("http://")) {
    rest.remove_prefix(7);
  } else {
    return Error{"--exporter.url: want http:// or https://HOST:PORT, got '" + url + "'"};
  }
  const auto slash = rest.find('/');
  auto authority = std::string(rest.substr(0, slash));
  if (slash != std::string_view::npos) parsed.prefix = std::string(rest.substr(slash));
  while (parsed.prefix.ends_with('/')) parsed.prefix.pop_back();
  if (authority.find('@') != std::string::npos) {
    return Error{"--exporter.url: give credentials with --exporter.username and --exporter.password-file"};
  }
  auto host = docker::parse_docker_host("tcp://" + authority);
  if (!host) return Error{"--exporter.url '" + url + "': " + host.error()};
  if (!host->port_given) host->port = parsed.tls ? "443" : "80";
  parsed.host = std::move(*host);
  return parsed;
}

// A coroutine of its own, its arguments in its frame.
boost::asio::awaitable<void> ask(docker::Client& client, std::string path,
                                 std::optional<Expected<docker::Response>>& answer) {
  answer = co_await client.get(std::move(path));
}

Expected<std::string> fetch_profile(const SuggestOptions& options) {
  const auto url = parse_exporter_url(options.url);
  if (!url) return Error{url.error()};
  int seconds = 0;
  if (std::sscanf(options.timeout.c_str(), "%d", &seconds) != 1 || seconds <= 0) {
    return Error{"--exporter.timeout: want a number of seconds, got '" + options.timeout + "'"};
  }
  std::shared_ptr<docker::TlsContext> tls;
  if (url->tls) {
    auto context = docker::make_tls_context(options.tls);
    if (!context) return Error{"--exporter TLS: " + context.error()};
    tls = std::move(*context);
  } else if (!options.tls.ca.empty() || !options.tls.cert.empty()) {
    return Error{"--exporter.ca-file and --exporter.cert-file need an https:// --exporter.url"};
  }
  boost::asio::io_context io;
  docker::Client client(io.get_executor(), url->host, std::chrono::seconds(seconds), tls);
  if (!options.username.empty()) {
    if (options.password_file.empty()) return Error{"--exporter.username needs --exporter.password-file"};
    auto password = read_regular_file(options.password_file, 64 * 1024);
    if (!password) return Error{"--exporter.password-file: " + password.error()};
    while (!password->empty() && (password->back() == '\n' || password->back() == '\r')) password->pop_back();
    client.set_authorization("Basic " + base64(options.username + ":" + *password));
  }
  const auto path = url->prefix + "/profiles/" + percent_encoded(options.name) + ".json";
  std::optional<Expected<docker::Response>> answer;
  boost::asio::co_spawn(io, ask(client, path, answer), boost::asio::detached);
  io.run();
  const auto where = url->host.to_string().replace(0, 3, url->tls ? "https" : "http") + path;
  if (!answer || !*answer) return Error{"asking " + where + ": " + (answer ? answer->error() : "no answer")};
  const auto& response = **answer;
  if (response.status != 200) {
    constexpr std::size_t shown = 512;  // the server's words, cut and escaped: never raw to a terminal
    return Error{where + " answered HTTP " + std::to_string(response.status) + ": " + response.body.substr(0, shown) +
                 (response.body.size() > shown ? "..." : "")};  // escaped by fail()
  }
  // JSON text holds no raw control bytes but its whitespace (RFC 8259); nlohmann's parser stops at a NUL
  // and would let what follows it through.
  const bool control_bytes = std::any_of(response.body.begin(), response.body.end(), [](unsigned char c) {
    return c < 0x20 && c != '\t' && c != '\n' && c != '\r';
  });
  const auto profile = nlohmann::json::parse(response.body, nullptr, false);
  if (control_bytes || profile.is_discarded() || !profile.is_object()) {
    return Error{where + " answered with no JSON profile"};
  }
  // What goes to stdout is a profile dockerd would load, or nothing: `> profile.json` never keeps a broken one.
  const auto default_action = profile.find("defaultAction");
  if (default_action == profile.end() || !default_action->is_string() || default_action->get<std::string>().empty()) {
    return Error{where + " answered with a profile without a defaultAction"};
  }
  const auto syscalls = profile.find("syscalls");
  if (syscalls == profile.end() || !syscalls->is_array()) {
    return Error{where + " answered with a profile without a syscalls list"};
  }
  if (auto decoded = compliance::decode_profile(response.body, compliance::MobyLoader::profiles); !decoded) {
    return Error{where + " answered with a profile Docker would refuse: " + decoded.error()};
  }
  const auto report = profile.find("dockerSeccompExporter");
  if (report != profile.end() && report->is_object() && report->value("complete", true) == false) {
    std::cerr << "docker-seccomp-exporter profile: warning: "
              << escape_terminal_text(report->value("warning", std::string("the observations may be incomplete")))
              << "\n";
  }
  return response.body;
}

}  // namespace

int run_profile_command(const std::vector<std::string_view>& args) {
  if (args.empty()) return fail("learning or suggest?");
  if (args[0] == "learning") {
    std::string from;
    bool minimal = false;
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (args[i] == "--minimal") {
        minimal = true;
        continue;
      }
      if (!option(args, i, "from", from)) return fail("unexpected argument '" + std::string(args[i]) + "'");
    }
    Expected<std::string> base = std::string(compliance::docker_default_profile());
    if (!from.empty()) base = read_regular_file(from, max_config_file_bytes);
    if (!base) return fail(base.error());
    const auto profile = minimal ? compliance::minimal_learning_profile(*base) : compliance::learning_profile(*base);
    if (!profile) return fail((from.empty() ? "the default profile" : from) + ": " + profile.error());
    std::cout << *profile;
    return exit_ok;
  }
  if (args[0] == "suggest") {
    SuggestOptions options;
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (option(args, i, "exporter.url", options.url) || option(args, i, "exporter.ca-file", options.tls.ca) ||
          option(args, i, "exporter.cert-file", options.tls.cert) ||
          option(args, i, "exporter.key-file", options.tls.key) ||
          option(args, i, "exporter.username", options.username) ||
          option(args, i, "exporter.password-file", options.password_file) ||
          option(args, i, "exporter.timeout", options.timeout)) {
        continue;
      }
      if (!options.name.empty() || args[i].starts_with("-"))
        return fail("unexpected argument '" + std::string(args[i]) + "'");
      options.name = std::string(args[i]);
    }
    if (options.name.empty()) return fail("suggest needs a container name");
    const auto profile = fetch_profile(options);
    if (!profile) return fail(profile.error());
    std::cout << *profile;
    return exit_ok;
  }
  return fail("unknown profile command '" + std::string(args[0]) + "'");
}

}  // namespace dse::app
