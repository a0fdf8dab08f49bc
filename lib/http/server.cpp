#include "http/server.hpp"

#include <openssl/ssl.h>

#include <sys/resource.h>
#include <unistd.h>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ip/v6_only.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <list>
#include <set>
#include <vector>

#include "http/answer.hpp"
#include "http/gzip.hpp"
#include "http/held_answers.hpp"
#include "http/listeners.hpp"
#include "http/read_request.hpp"
#include "http/request_framing.hpp"
#include "http/web_settings.hpp"
#include "util/log.hpp"

namespace dse::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
namespace ssl = asio::ssl;
using asio::ip::tcp;

namespace {

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
constexpr auto write_deadline = std::chrono::seconds(30);
constexpr std::uint32_t max_header_bytes = 8 * 1024;
constexpr std::uint64_t max_body_bytes = 16 * 1024;
// Bounded, but far above what a scraper needs. At the bound the oldest idle connection (one waiting for a
// request) is closed for the new one: a flood of idle connections must not lock Prometheus out.
constexpr std::size_t max_connections = 4096;
constexpr auto accept_retry_delay = std::chrono::milliseconds(100);
// One worker, at the lowest priority: bcrypt must never take the CPU from the event loop (with two workers on
// a 2-core machine, a flood of guesses delayed the watchdog's pings by 110 ms under ASan).
constexpr std::size_t verifier_threads = 1;
constexpr std::size_t max_verifying = 32;

}  // namespace

struct Server::Impl {
  asio::any_io_executor executor;
  std::vector<tcp::acceptor> acceptors;
  std::vector<std::size_t> first_acceptor_of_address;  // an address may resolve to several (IPv4 and IPv6)
  Routes routes;
  std::chrono::milliseconds header_timeout{10'000};
  std::unique_ptr<WebSettings> web;  // TLS, users and headers, re-read when the file changes
  // Open connections, least recently active first; idle: waiting for a request (or a TLS handshake).
  struct Open {
    beast::tcp_stream* stream;
    bool idle = true;
  };
  std::list<Open> open;
  HeldAnswers held;
  SharedGzip shared_gzip;  // one compression for every client of a shared scrape

  asio::awaitable<void> accept_loop(tcp::acceptor& acceptor);
  asio::awaitable<void> serve(beast::tcp_stream stream);
  template <class Stream>
  asio::awaitable<void> serve_http(Stream& stream, beast::flat_buffer& buffer, std::list<Open>::iterator self);
  bool make_room();
  void refresh_web() {
    if (!web->refresh() && routes.web_config_reload_failed) routes.web_config_reload_failed();
  }
  asio::awaitable<bool> authorize(const std::shared_ptr<BasicAuth>& auth, std::string_view header);

  // bcrypt runs here, never on the event loop: a flood of wrong passwords cannot delay a scrape or the
  // systemd watchdog. At most max_verifying wait at once; beyond that a guess is refused without one.
  std::unique_ptr<asio::thread_pool> verifiers;
  std::size_t verifying = 0;
};

namespace {

// A coroutine of its own, its argument copied into its frame (a lambda coroutine's captures stay in the
// lambda object, which co_spawn destroys on another thread: ASan saw that). pending outlives it: authorize
// waits for it, and ~Impl joins the pool before the event loop's frames go.
asio::awaitable<bool> verify_on_pool(const BasicAuth::Pending* pending) { co_return BasicAuth::verify(*pending); }

}  // namespace

Expected<std::unique_ptr<Server>> Server::bind(asio::any_io_executor executor, const Options& options, Routes routes) {
  auto impl = std::make_unique<Impl>();
  auto web = WebSettings::create(options.config_file, options.config);
  if (!web) return Error{web.error()};
  impl->web = std::move(*web);
  if (options.systemd_socket) {  // each passed socket stands for an address of its own
    auto acceptors = adopt_acceptors(executor, options.systemd_sockets);
    if (!acceptors) return Error{acceptors.error()};
    for (auto& acceptor : *acceptors) {
      impl->first_acceptor_of_address.push_back(impl->acceptors.size());
      impl->acceptors.push_back(std::move(acceptor));
    }
  } else {
    for (const auto& address : options.listen_addresses) {
      auto acceptors = open_acceptors(executor, address);
      if (!acceptors) return Error{acceptors.error()};
      impl->first_acceptor_of_address.push_back(impl->acceptors.size());
      std::move(acceptors->begin(), acceptors->end(), std::back_inserter(impl->acceptors));
    }
  }
  impl->executor = executor;
  impl->routes = std::move(routes);
  impl->header_timeout = options.header_timeout;
  return std::make_unique<Server>(std::move(impl));
}

Server::Server(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Server::~Server() = default;

std::vector<unsigned short> Server::ports() const {
  std::vector<unsigned short> ports;
  for (const auto first : m_impl->first_acceptor_of_address) {
    ports.push_back(m_impl->acceptors[first].local_endpoint().port());
  }
  return ports;
}

std::vector<int> Server::descriptors() const {
  std::vector<int> fds;
  for (auto& acceptor : m_impl->acceptors) fds.push_back(const_cast<tcp::acceptor&>(acceptor).native_handle());
  return fds;
}

asio::awaitable<void> Server::run() {
  for (auto& acceptor : m_impl->acceptors) {
    asio::co_spawn(m_impl->executor, m_impl->accept_loop(acceptor), asio::detached);
  }
  co_return;
}

void Server::stop() {
  for (auto& acceptor : m_impl->acceptors) {
    boost::system::error_code ignored;
    acceptor.close(ignored);
  }
}

asio::awaitable<void> Server::Impl::accept_loop(tcp::acceptor& acceptor) {
  while (acceptor.is_open()) {
    auto [ec, socket] = co_await acceptor.async_accept(nothrow);
    if (ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Typically EMFILE: pause instead of spinning, connections will close.
      log::warn("accept failed", {{"err", ec.message()}});
      asio::steady_timer pause(executor, accept_retry_delay);
      co_await pause.async_wait(nothrow);
      continue;
    }
    if (open.size() >= max_connections && !make_room()) {
      log::debug("refusing a connection: none idle", {{"open", open.size()}});
      continue;  // the socket closes as it goes out of scope
    }
    asio::co_spawn(executor, serve(beast::tcp_stream(std::move(socket))), asio::detached);
  }
}

asio::awaitable<bool> Server::Impl::authorize(const std::shared_ptr<BasicAuth>& auth, std::string_view header) {
  auto decision = auth->check(header);
  if (const auto* decided = std::get_if<bool>(&decision)) co_return *decided;
  if (verifying >= max_verifying) co_return false;
  auto pending = std::get<BasicAuth::Pending>(std::move(decision));
  // Started with the first verification (users may appear with a reload): no threads without basic auth.
  if (!verifiers) {
    verifiers = std::make_unique<asio::thread_pool>(verifier_threads);
    // Refused under the unit's syscall filter (~@resources): then systemd's CPUWeight is the lever.
    asio::post(*verifiers, [] { ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 19); });
  }
  ++verifying;
  const bool verified =
      co_await asio::co_spawn(verifiers->get_executor(), verify_on_pool(&pending), asio::use_awaitable);
  --verifying;
  auth->remember(pending, verified);
  co_return verified;
}

// Closes the least recently active idle connection; false when every connection is busy.
bool Server::Impl::make_room() {
  for (auto& connection : open) {
    if (!connection.idle) continue;
    connection.idle = false;  // closing: not a candidate again
    connection.stream->close();
    log::debug("closed the oldest idle connection to make room", {{"open", open.size()}});
    return true;
  }
  return false;
}

// One connection: HTTP, or with TLS configured, HTTPS (a plain HTTP request gets a clear 400).
asio::awaitable<void> Server::Impl::serve(beast::tcp_stream stream) {
  const auto self = open.insert(open.end(), Open{&stream});
  beast::flat_buffer buffer;    // (Must persist between requests on one connection)
  refresh_web();                // a rotated certificate serves from the next handshake
  const auto tls = web->tls();  // (Must persist for the connection: the stream refers to it)
  if (!tls) {
    co_await serve_http(stream, buffer, self);
  } else {
    stream.expires_after(header_timeout);
    auto [ec, is_tls] = co_await beast::async_detect_ssl(stream, buffer, nothrow);
    if (!ec && !is_tls) {
      stream.expires_after(write_deadline);
      auto refusal =
          make_response(text_reply(400, "Client sent an HTTP request to an HTTPS server."), false, 11, false);
      co_await bhttp::async_write(stream, refusal.message, nothrow);
    } else if (!ec) {
      beast::ssl_stream<beast::tcp_stream&> secure(stream, *tls);
      auto [hec, used] = co_await secure.async_handshake(ssl::stream_base::server, buffer.data(), nothrow);
      if (hec) {
        log::debug("TLS handshake failed", {{"err", hec.message()}});
      } else {
        buffer.consume(used);
        co_await serve_http(secure, buffer, self);
        stream.expires_after(write_deadline);
        co_await secure.async_shutdown(nothrow);
      }
    }
  }
  boost::system::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_send, ignored);
  open.erase(self);
}

template <class Stream>
asio::awaitable<void> Server::Impl::serve_http(Stream& stream, beast::flat_buffer& buffer,
                                               std::list<Open>::iterator self) {
  auto& lowest = beast::get_lowest_layer(stream);
  while (true) {
    if (!lowest.socket().is_open()) co_return;  // closed to make room
    self->idle = true;
    open.splice(open.end(), open, self);  // the most recently active
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(max_header_bytes);
    parser.body_limit(max_body_bytes);
    lowest.expires_after(header_timeout);  // a slow client cannot hold a slot forever
    auto [ec, framing] = co_await read_request(stream, buffer, parser);
    if (framing) {
      lowest.expires_after(write_deadline);
      auto bad = make_response(text_reply(400, "Bad Request: " + *framing), false, 11, false);
      co_await bhttp::async_write(stream, bad.message, nothrow);
      co_return;
    }
    if (ec) {
      // A malformed or oversized request gets an answer when the peer is still there to read it.
      if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout && ec != asio::error::connection_reset &&
          ec != asio::ssl::error::stream_truncated) {
        lowest.expires_after(write_deadline);
        auto bad = make_response(error_reply(ec), false, 11, false);
        co_await bhttp::async_write(stream, bad.message, nothrow);
      }
      co_return;
    }
    self->idle = false;
    const auto& request = parser.get();
    const bool head = request.method() == bhttp::verb::head;
    refresh_web();  // a user added to the file counts from its next request
    const auto auth = web->auth();
    const bool authorized = !auth || co_await authorize(auth, request[bhttp::field::authorization]);
    auto reply = route(request.method_string(), origin_form(request.target()), routes, authorized);
    shared_gzip.compress(reply, request[bhttp::field::accept_encoding]);
    auto answer = make_response(std::move(reply), head, request.version(), request.keep_alive());
    auto& response = answer.message;
    for (const auto& [name, value] : web->headers()) response.set(name, value);
    lowest.expires_after(write_deadline);
    const auto slot = held.hold(answer.text, [this, &lowest] {
      lowest.close();
      if (routes.slow_client_dropped) routes.slow_client_dropped();
    });
    // Piece by piece, so that the budget knows which clients take their answer and which do not.
    bhttp::response_serializer<bhttp::span_body<const char>> serializer{response};
    boost::system::error_code wec;
    while (!wec && !serializer.is_done()) {
      std::tie(wec, std::ignore) = co_await bhttp::async_write_some(stream, serializer, nothrow);
      held.progress(slot);
    }
    held.release(slot);
    if (wec || !response.keep_alive()) co_return;
  }
}

}  // namespace dse::http
