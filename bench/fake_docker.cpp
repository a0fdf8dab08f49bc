// A simulated Docker Engine API for benchmarks: answers /_ping, /info, the container list and inspects
// from recorded real bodies as fast as one core allows (the Python fake of the tests serves ~1,500
// inspects/s, which measured the fake, not the exporter), and emits paced event storms on request.
//
//   bench_fake_docker SOCKET FIXTURES_DIR CONTAINERS
//
// Control requests, on the same socket:
//   GET /bench/storm?rate=R&seconds=S&ids=K[&mix=exec]
//                                            `create` events for the first K containers, round robin, at R
//                                            per second for S seconds to every events subscriber (mix=exec:
//                                            nine in ten are exec and health events, as a busy host sends);
//                                            answers when done: {"sent","seconds","max_write_ms"}
//   GET /bench/stats                         {"inspects","connections","subscribers"}
#include <unistd.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <iostream>
#include <list>
#include <nlohmann/json.hpp>
#include <string>
#include <unordered_map>
#include <vector>

#include "simulated_containers.hpp"

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using Socket = asio::local::stream_protocol::socket;
using Clock = std::chrono::steady_clock;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr const char* api_version = "1.41";

// One subscriber of /events: what is still to be written, and whether a write is under way.
struct Subscriber {
  explicit Subscriber(Socket* s) : socket(s) {}
  Socket* socket;
  std::string pending;
  bool writing = false;
  bool closed = false;
};

struct Engine {
  std::vector<std::string> ids;
  std::unordered_map<std::string, std::string> inspects;  // id -> body
  std::string list;
  std::string info;
  std::list<Subscriber> subscribers;
  std::uint64_t inspect_count = 0;
  std::uint64_t connection_count = 0;
  double max_write_ms = 0;  // the longest a chunk waited for the exporter to read: a slow listener

  Engine(const std::string& fixtures, std::size_t count) {
    const dse::bench::SimulatedContainers containers(fixtures);
    auto list_json = nlohmann::json::array();
    for (std::size_t i = 0; i < count; ++i) {
      const auto id = dse::bench::simulated_id(i);
      inspects.emplace(id, containers.inspect(i));
      ids.push_back(id);
      list_json.push_back({{"Id", id}});
    }
    list = list_json.dump();
    info = dse::bench::read_json(fixtures + "/info/default.json").dump();
  }
};

std::string query_value(std::string_view target, std::string_view key) {
  const auto query = target.find('?');
  if (query == std::string_view::npos) return "";
  std::string_view rest = target.substr(query + 1);
  while (!rest.empty()) {
    const auto amp = rest.find('&');
    const auto pair = rest.substr(0, amp);
    if (pair.starts_with(key) && pair.size() > key.size() && pair[key.size()] == '=') {
      return std::string(pair.substr(key.size() + 1));
    }
    if (amp == std::string_view::npos) break;
    rest = rest.substr(amp + 1);
  }
  return "";
}

// The API path without its /v1.xx prefix and query.
std::string api_path(std::string_view target) {
  auto path = target.substr(0, target.find('?'));
  if (path.starts_with("/v")) {
    const auto slash = path.find('/', 1);
    path = slash == std::string_view::npos ? "" : path.substr(slash);
  }
  return std::string(path);
}

asio::awaitable<void> flush(Subscriber& subscriber, Engine& engine) {
  subscriber.writing = true;
  while (!subscriber.pending.empty() && !subscriber.closed) {
    std::string out;
    out.swap(subscriber.pending);
    const auto started = Clock::now();
    auto [ec, n] = co_await asio::async_write(*subscriber.socket, http::make_chunk(asio::buffer(out)), nothrow);
    engine.max_write_ms =
        std::max(engine.max_write_ms, std::chrono::duration<double, std::milli>(Clock::now() - started).count());
    if (ec) subscriber.closed = true;
  }
  subscriber.writing = false;
}

std::int64_t unix_nanos() {
  return std::chrono::duration_cast<std::chrono::nanoseconds>(std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// Events due by now are appended to every subscriber at each 1 ms tick: the rate holds on average, and a
// listener that falls behind shows as a write that waits.
// What a busy host's stream is mostly made of: exec and health check events, which need no inspect.
const std::array<std::string_view, 10> exec_mix = {"exec_create: sh -c true",
                                                   "exec_start: sh -c true",
                                                   "exec_die",
                                                   "health_status: healthy",
                                                   "exec_create: sh -c true",
                                                   "exec_start: sh -c true",
                                                   "exec_die",
                                                   "health_status: healthy",
                                                   "exec_die",
                                                   "create"};

std::string_view storm_action(bool mixed, std::uint64_t n) { return mixed ? exec_mix[n % exec_mix.size()] : "create"; }

asio::awaitable<std::string> storm(Engine& engine, double rate, double seconds, std::size_t ids, bool mixed) {
  ids = std::clamp<std::size_t>(ids, 1, engine.ids.size());
  engine.max_write_ms = 0;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  const auto begin = Clock::now();
  std::uint64_t sent = 0;
  while (true) {
    const double elapsed = std::chrono::duration<double>(Clock::now() - begin).count();
    const auto due = static_cast<std::uint64_t>(std::min(elapsed, seconds) * rate);
    std::string lines;
    for (; sent < due; ++sent) {
      lines += R"({"Type":"container","Action":")" + std::string(storm_action(mixed, sent)) + R"(","Actor":{"ID":")" +
               engine.ids[sent % ids] + R"(","Attributes":{}},"scope":"local","timeNano":)" +
               std::to_string(unix_nanos()) + "}\n";
    }
    for (auto& subscriber : engine.subscribers) {
      subscriber.pending += lines;
      if (!subscriber.writing) asio::co_spawn(timer.get_executor(), flush(subscriber, engine), asio::detached);
    }
    if (elapsed >= seconds) break;
    timer.expires_after(std::chrono::milliseconds(1));
    co_await timer.async_wait(asio::use_awaitable);
  }
  const double took = std::chrono::duration<double>(Clock::now() - begin).count();
  co_return nlohmann::json{{"sent", sent}, {"seconds", took}, {"max_write_ms", engine.max_write_ms}}.dump();
}

asio::awaitable<void> follow(Engine& engine, Socket& socket, unsigned version) {
  http::response<http::empty_body> header{http::status::ok, version};
  header.set(http::field::content_type, "application/json");
  header.set("Api-Version", api_version);
  header.chunked(true);
  http::response_serializer<http::empty_body> serializer(header);
  if (auto [ec, n] = co_await http::async_write_header(socket, serializer, nothrow); ec) co_return;
  auto& subscriber = engine.subscribers.emplace_back(&socket);
  // Wait for the exporter to hang up; it sends nothing more on this connection.
  char byte;
  co_await socket.async_read_some(asio::buffer(&byte, 1), nothrow);
  subscriber.closed = true;
  while (subscriber.writing) {  // the flush coroutine still holds it
    asio::steady_timer wait(socket.get_executor(), std::chrono::milliseconds(1));
    co_await wait.async_wait(nothrow);
  }
  engine.subscribers.remove_if([&](const Subscriber& s) { return &s == &subscriber; });
}

asio::awaitable<void> serve(Engine& engine, Socket socket) {
  ++engine.connection_count;
  beast::flat_buffer buffer;
  while (true) {
    http::request<http::empty_body> request;
    if (auto [ec, n] = co_await http::async_read(socket, buffer, request, nothrow); ec) co_return;
    const auto target = std::string(request.target());
    const auto path = api_path(target);
    if (path == "/events") {
      co_await follow(engine, socket, request.version());
      co_return;
    }
    http::response<http::string_body> response{http::status::ok, request.version()};
    response.set(http::field::content_type, "application/json");
    response.set("Api-Version", api_version);
    if (path == "/_ping") {
      response.body() = "OK";
    } else if (path == "/info") {
      response.body() = engine.info;
    } else if (path == "/containers/json") {
      response.body() = engine.list;
    } else if (path.size() > 17 && path.starts_with("/containers/") && path.ends_with("/json")) {
      ++engine.inspect_count;
      const auto found = engine.inspects.find(path.substr(12, path.size() - 17));
      if (found != engine.inspects.end()) {
        response.body() = found->second;
      } else {
        response.result(http::status::not_found);
        response.body() = R"({"message":"No such container"})";
      }
    } else if (path == "/bench/storm") {
      response.body() = co_await storm(
          engine, std::stod("0" + query_value(target, "rate")), std::stod("0" + query_value(target, "seconds")),
          std::stoul("0" + query_value(target, "ids")), query_value(target, "mix") == "exec");
    } else if (path == "/bench/stats") {
      response.body() = nlohmann::json{{"inspects", engine.inspect_count},
                                       {"connections", engine.connection_count},
                                       {"subscribers", engine.subscribers.size()}}
                            .dump();
    } else {
      response.result(http::status::not_found);
      response.body() = R"({"message":"page not found"})";
    }
    response.keep_alive(request.keep_alive());
    response.prepare_payload();
    if (auto [ec, n] = co_await http::async_write(socket, response, nothrow); ec || !response.keep_alive()) co_return;
  }
}

asio::awaitable<void> accept(Engine& engine, asio::local::stream_protocol::acceptor& acceptor) {
  while (true) {
    auto [ec, socket] = co_await acceptor.async_accept(nothrow);
    if (ec) continue;
    asio::co_spawn(acceptor.get_executor(), serve(engine, std::move(socket)), asio::detached);
  }
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 4) {
    std::cerr << "usage: bench_fake_docker SOCKET FIXTURES_DIR CONTAINERS\n";
    return 2;
  }
  try {
    Engine engine(argv[2], std::stoul(argv[3]));
    asio::io_context io;
    ::unlink(argv[1]);
    asio::local::stream_protocol::acceptor acceptor(io, asio::local::stream_protocol::endpoint(argv[1]));
    acceptor.listen(1024);
    asio::co_spawn(io, accept(engine, acceptor), asio::detached);
    std::cout << "ready" << std::endl;
    io.run();
  } catch (const std::exception& error) {
    std::cerr << "bench_fake_docker: " << error.what() << "\n";
    return 1;
  }
}
