#include "app/profile_command.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <iostream>
#include <string>

#include "app/run.hpp"
#include "compliance/learning_profile.hpp"
#include "util/read_file.hpp"

namespace dse::app {

namespace {

namespace beast = boost::beast;
namespace bhttp = beast::http;
using boost::asio::ip::tcp;

constexpr std::string_view usage =
    "usage: docker-seccomp-exporter profile learning [--from FILE]\n"
    "       docker-seccomp-exporter profile suggest NAME [--exporter.url URL]   (default http://127.0.0.1:10521)\n";

int fail(const std::string& why) {
  std::cerr << "docker-seccomp-exporter profile: " << why << "\n" << usage;
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

Expected<std::string> http_get(const std::string& url, const std::string& path) {
  constexpr std::string_view scheme = "http://";
  if (!url.starts_with(scheme)) return Error{"--exporter.url: want http://HOST:PORT, got '" + url + "'"};
  const auto authority = url.substr(scheme.size(), url.find('/', scheme.size()) - scheme.size());
  const auto colon = authority.rfind(':');
  const auto host = authority.substr(0, colon);
  const auto port = colon == std::string::npos ? std::string("80") : authority.substr(colon + 1);
  boost::asio::io_context io;
  beast::tcp_stream stream(io);
  boost::system::error_code ec;
  const auto endpoints = tcp::resolver(io).resolve(host, port, ec);
  if (!ec) stream.connect(endpoints, ec);
  if (ec) return Error{"cannot reach the exporter at " + url + ": " + ec.message()};
  bhttp::request<bhttp::empty_body> request{bhttp::verb::get, path, 11};
  request.set(bhttp::field::host, host);
  bhttp::response<bhttp::string_body> response;
  beast::flat_buffer buffer;
  if (bhttp::write(stream, request, ec); !ec) bhttp::read(stream, buffer, response, ec);
  if (ec) return Error{"asking " + url + path + ": " + ec.message()};
  if (response.result_int() != 200) {
    return Error{url + path + " answered HTTP " + std::to_string(response.result_int()) + ": " + response.body()};
  }
  return response.body();
}

}  // namespace

int run_profile_command(const std::vector<std::string_view>& args) {
  if (args.empty()) return fail("learning or suggest?");
  if (args[0] == "learning") {
    std::string from;
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (!option(args, i, "from", from)) return fail("unexpected argument '" + std::string(args[i]) + "'");
    }
    Expected<std::string> base = std::string(compliance::docker_default_profile());
    if (!from.empty()) base = read_file(from);
    if (!base) return fail(base.error());
    const auto profile = compliance::learning_profile(*base);
    if (!profile) return fail((from.empty() ? "the default profile" : from) + ": " + profile.error());
    std::cout << *profile;
    return exit_ok;
  }
  if (args[0] == "suggest") {
    std::string name, url = "http://127.0.0.1:10521";
    for (std::size_t i = 1; i < args.size(); ++i) {
      if (option(args, i, "exporter.url", url)) continue;
      if (!name.empty() || args[i].starts_with("-")) return fail("unexpected argument '" + std::string(args[i]) + "'");
      name = std::string(args[i]);
    }
    if (name.empty()) return fail("suggest needs a container name");
    const auto profile = http_get(url, "/profiles/" + name + ".json");
    if (!profile) return fail(profile.error());
    std::cout << *profile;
    return exit_ok;
  }
  return fail("unknown profile command '" + std::string(args[0]) + "'");
}

}  // namespace dse::app
