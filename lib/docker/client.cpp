#include "docker/client.hpp"

#include <openssl/ssl.h>

#include <array>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/generic/stream_protocol.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/local/stream_protocol.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <variant>

#include "docker/api_version.hpp"
#include "docker/tls_context.hpp"

namespace dse::docker {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace ssl = asio::ssl;

namespace {

// One socket type for unix and TCP endpoints alike, and TLS on top of it for tcp:// with TLS.
using Plain = beast::basic_stream<asio::generic::stream_protocol>;
using Tls = beast::ssl_stream<Plain>;
using AnyStream = std::variant<Plain, Tls>;

constexpr auto nothrow = asio::as_tuple(asio::use_awaitable);
// Far above any real list or inspect body, but bounded: a broken engine must not exhaust memory.
constexpr std::uint64_t max_body_bytes = 256ull * 1024 * 1024;

Error io_error(std::string_view what, const boost::system::error_code& ec) {
  return Error{std::string(what) + ": " + ec.message()};
}

Plain& lowest(AnyStream& stream) {
  return std::visit([](auto& s) -> Plain& { return beast::get_lowest_layer(s); }, stream);
}

asio::awaitable<Expected<Plain>> connect_plain(const DockerHost& host, std::chrono::milliseconds timeout) {
  auto executor = co_await asio::this_coro::executor;
  if (host.transport == DockerHost::Transport::unix_socket) {
    Plain socket(executor);
    socket.expires_after(timeout);
    const asio::local::stream_protocol::endpoint endpoint(host.socket_path);
    auto [ec] = co_await socket.async_connect(asio::generic::stream_protocol::endpoint(endpoint), nothrow);
    if (ec) co_return io_error("connect " + host.to_string(), ec);
    co_return std::move(socket);
  }
  asio::ip::tcp::resolver resolver(executor);
  auto [rec, results] = co_await resolver.async_resolve(host.host, host.port, nothrow);
  if (rec) co_return io_error("resolve " + host.host, rec);
  boost::system::error_code last = asio::error::host_not_found;
  for (const auto& entry : results) {
    Plain socket(executor);
    socket.expires_after(timeout);
    auto [ec] = co_await socket.async_connect(asio::generic::stream_protocol::endpoint(entry.endpoint()), nothrow);
    if (!ec) {
      socket.socket().set_option(asio::ip::tcp::no_delay(true));
      co_return std::move(socket);
    }
    last = ec;
  }
  co_return io_error("connect " + host.to_string(), last);
}

// TLS as the Docker CLI does it with DOCKER_TLS_VERIFY: the engine's certificate must chain to ca.pem
// and name the host we dialled; we present cert.pem.
asio::awaitable<Expected<std::unique_ptr<AnyStream>>> connect(const DockerHost& host, std::chrono::milliseconds timeout,
                                                              const std::shared_ptr<TlsContext>& tls) {
  auto plain = co_await connect_plain(host, timeout);
  if (!plain) co_return Error{plain.error()};
  if (!tls) co_return std::make_unique<AnyStream>(std::in_place_type<Plain>, std::move(*plain));
  auto stream = std::make_unique<AnyStream>(std::in_place_type<Tls>, std::move(*plain), tls->context);
  auto& secure = std::get<Tls>(*stream);
  boost::system::error_code ec;
  asio::ip::make_address(host.host, ec);
  if (ec) SSL_set_tlsext_host_name(secure.native_handle(), host.host.c_str());  // SNI for names, not addresses
  secure.set_verify_callback(ssl::host_name_verification(host.host));
  beast::get_lowest_layer(secure).expires_after(timeout);
  auto [hec] = co_await secure.async_handshake(ssl::stream_base::client, nothrow);
  if (hec) co_return io_error("TLS handshake with " + host.to_string(), hec);
  co_return stream;
}

// Like the Docker CLI: the Host header is meaningless on a unix socket but HTTP/1.1 requires one; over TCP it
// names the host dialled (a proxy in front of the engine, or of an exporter, may route by it).
std::string host_header(const DockerHost& host) {
  if (host.transport == DockerHost::Transport::unix_socket) return "docker";
  const bool v6 = host.host.find(':') != std::string::npos;
  return (v6 ? "[" + host.host + "]" : host.host) + ":" + host.port;
}

http::request<http::empty_body> make_request(const std::string& target, bool keep_alive, const DockerHost& host,
                                             const std::string& authorization) {
  http::request<http::empty_body> request{http::verb::get, target, 11};
  request.set(http::field::host, host_header(host));
  request.set(http::field::user_agent, "docker-seccomp-exporter");
  if (!authorization.empty()) request.set(http::field::authorization, authorization);
  request.keep_alive(keep_alive);
  return request;
}

// One request and its response on an open connection; an I/O failure is kept as its code so that the caller
// can tell a dead idle connection from a timeout.
struct Exchanged {
  boost::system::error_code error;
  const char* failed_step = "";
  Response response;
  bool reusable = false;  // the engine keeps the connection open and nothing is left unread on it
};

template <class Stream>
asio::awaitable<Exchanged> exchange(Stream& stream, beast::flat_buffer& buffer,
                                    const http::request<http::empty_body>& request) {
  Exchanged result;
  if (auto [ec, n] = co_await http::async_write(stream, request, nothrow); ec) {
    result.error = ec;
    result.failed_step = "write";
    co_return result;
  }
  http::response_parser<http::string_body> parser;
  parser.body_limit(max_body_bytes);
  if (auto [ec, n] = co_await http::async_read(stream, buffer, parser, nothrow); ec) {
    result.error = ec;
    result.failed_step = "read";
    co_return result;
  }
  auto message = parser.release();
  result.reusable = message.keep_alive() && buffer.size() == 0;
  result.response.status = message.result_int();
  result.response.api_version = std::string(message["API-Version"]);
  result.response.body = std::move(message.body());
  co_return result;
}

}  // namespace

// Beast reads as much as the buffer has room for, and no less than 512 bytes: a buffer that the parser
// empties after each read never grows, so without room reserved a 5 KB inspect took eleven recvmsg calls.
constexpr std::size_t read_buffer_bytes = 16 * 1024;

namespace {

struct StreamState {
  StreamState() { buffer.reserve(read_buffer_bytes); }
  std::unique_ptr<AnyStream> stream;
  beast::flat_buffer buffer;  // (Must persist between reads)
  http::response_parser<http::buffer_body> parser;
  std::array<char, 64 * 1024> chunk{};
};

template <class Stream>
asio::awaitable<Expected<std::string>> read_body_piece(Stream& stream, StreamState& impl) {
  while (true) {
    if (impl.parser.is_done()) co_return Error{"stream ended"};
    impl.parser.get().body().data = impl.chunk.data();
    impl.parser.get().body().size = impl.chunk.size();
    // read_some, not read: read would wait until the 64 KiB buffer is full, delaying every event.
    auto [ec, ignored] = co_await http::async_read_some(stream, impl.buffer, impl.parser, nothrow);
    if (ec == http::error::need_buffer) ec = {};
    const auto produced = impl.chunk.size() - impl.parser.get().body().size;
    if (produced > 0) co_return std::string(impl.chunk.data(), produced);
    if (ec == http::error::end_of_stream || ec == asio::error::eof) co_return Error{"stream closed by the engine"};
    if (ec) co_return io_error("stream read", ec);
  }
}

class BeastBodyStream final : public BodyStream {
 public:
  explicit BeastBodyStream(std::unique_ptr<StreamState> state) : m_state(std::move(state)) {}

  asio::awaitable<Expected<std::string>> read_some() override {
    auto& state = *m_state;
    co_return co_await std::visit([&](auto& stream) { return read_body_piece(stream, state); }, *state.stream);
  }
  void close() override {
    boost::system::error_code ignored;
    lowest(*m_state->stream).socket().close(ignored);
  }

 private:
  std::unique_ptr<StreamState> m_state;
};

}  // namespace

Client::Client(asio::any_io_executor executor, DockerHost host, std::chrono::milliseconds timeout,
               std::shared_ptr<TlsContext> tls)
    : m_executor(std::move(executor)), m_host(std::move(host)), m_timeout(timeout), m_tls(std::move(tls)) {}

// A path that names its version already ("/v1.41/info", asked before the negotiation ends) goes as it is.
std::string Client::versioned(const std::string& path) const {
  const bool has_version = path.size() > 2 && path.starts_with("/v") && path[2] >= '0' && path[2] <= '9';
  return m_api_version.empty() || has_version ? path : "/v" + m_api_version + path;
}

asio::awaitable<Expected<std::string>> Client::negotiate(std::string pinned_version) {
  m_api_version.clear();
  auto ping = co_await get("/_ping");
  if (!ping) co_return Error{ping.error()};
  if (ping->status != 200) co_return Error{"/_ping answered HTTP " + std::to_string(ping->status)};
  const auto version = negotiate_api_version(pinned_version, ping->api_version);
  if (!version) {
    co_return Error{"cannot use API version '" + (pinned_version.empty() ? ping->api_version : pinned_version) + "'"};
  }
  m_api_version = version->to_string();
  co_return m_api_version;
}

struct Client::Connection {
  std::unique_ptr<AnyStream> stream;
  beast::flat_buffer buffer;  // (Must persist between reads)
  bool reused = false;
};

Client::~Client() = default;

asio::awaitable<Expected<std::unique_ptr<Client::Connection>>> Client::open() {
  auto stream = co_await connect(m_host, m_timeout, m_tls);
  if (!stream) co_return Error{stream.error()};
  auto connection = std::make_unique<Connection>();
  connection->stream = std::move(*stream);
  connection->buffer.reserve(read_buffer_bytes);
  co_return connection;
}

void Client::keep(std::unique_ptr<Connection> connection) {
  if (m_idle.size() >= max_idle_connections) return;
  lowest(*connection->stream).expires_never();  // idle connections cost nothing until reused
  connection->reused = true;
  m_idle.push_back(std::move(connection));
}

asio::awaitable<Expected<Response>> Client::get(std::string path, std::optional<std::chrono::milliseconds> timeout) {
  const auto target = versioned(path);
  // An idle connection first; the engine may have closed it meanwhile (a restart, an idle timeout), and
  // then the request is asked again on a new one: a GET is safe to repeat. A timeout is not repeated.
  while (true) {
    std::unique_ptr<Connection> connection;
    if (!m_idle.empty()) {
      connection = std::move(m_idle.back());
      m_idle.pop_back();
    } else {
      auto opened = co_await open();
      if (!opened) co_return Error{opened.error()};
      connection = std::move(*opened);
    }
    lowest(*connection->stream).expires_after(timeout.value_or(m_timeout));
    const auto request = make_request(target, true, m_host, m_authorization);
    auto exchanged =
        co_await std::visit([&](auto& s) { return exchange(s, connection->buffer, request); }, *connection->stream);
    if (exchanged.error) {
      if (connection->reused && exchanged.error != beast::error::timeout) continue;
      co_return io_error(exchanged.failed_step, exchanged.error);
    }
    if (exchanged.reusable) keep(std::move(connection));
    co_return std::move(exchanged.response);
  }
}

asio::awaitable<Expected<std::unique_ptr<BodyStream>>> Client::stream(std::string path) {
  auto stream = co_await connect(m_host, m_timeout, m_tls);
  if (!stream) co_return Error{stream.error()};
  auto impl = std::make_unique<StreamState>();
  impl->stream = std::move(*stream);
  lowest(*impl->stream).expires_after(m_timeout);
  auto request = make_request(versioned(path), false, m_host, m_authorization);
  impl->parser.body_limit(boost::none);
  const auto error = co_await std::visit(
      [&](auto& s) -> asio::awaitable<std::optional<Error>> {
        if (auto [ec, n] = co_await http::async_write(s, request, nothrow); ec) co_return io_error("write", ec);
        if (auto [ec, n] = co_await http::async_read_header(s, impl->buffer, impl->parser, nothrow); ec) {
          co_return io_error("read header", ec);
        }
        co_return std::nullopt;
      },
      *impl->stream);
  if (error) co_return *error;
  const auto status = impl->parser.get().result_int();
  if (status != 200) co_return Error{path + " answered HTTP " + std::to_string(status)};
  // The stream stays open as long as the engine runs: only the header had a deadline.
  lowest(*impl->stream).expires_never();
  co_return std::unique_ptr<BodyStream>(std::make_unique<BeastBodyStream>(std::move(impl)));
}

}  // namespace dse::docker
