#pragma once
// A small read-only Docker Engine API client (HTTP/1.1 over a unix socket or TCP), also what `profile suggest`
// asks an exporter with (no API version negotiated: paths go as they are).
// Beast and the sockets stay in client.cpp: this header is cheap to include.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "docker/host.hpp"
#include "docker/response.hpp"
#include "util/expected.hpp"

namespace dse::docker {

// Client side of TLS to the engine (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH): opaque, built once at start-up.
// An empty ca trusts the system's CAs; an empty cert and key present no client certificate.
struct TlsContext;
Expected<std::shared_ptr<TlsContext>> make_tls_context(const TlsFiles& files);

// The body of a long-lived response (GET /events), delivered piece by piece, chunk framing removed.
class BodyStream {
 public:
  struct Impl;
  explicit BodyStream(std::unique_ptr<Impl> impl);
  ~BodyStream();
  BodyStream(const BodyStream&) = delete;
  BodyStream& operator=(const BodyStream&) = delete;

  // The next bytes of the body; an error when the stream ends or fails (the message says which).
  boost::asio::awaitable<Expected<std::string>> read_some();
  void close();

 private:
  std::unique_ptr<Impl> m_impl;
};

class Client {
 public:
  // tls: nullptr for plain unix:// or tcp://.
  Client(boost::asio::any_io_executor executor, DockerHost host, std::chrono::milliseconds timeout,
         std::shared_ptr<TlsContext> tls = nullptr);
  ~Client();
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  // GET /_ping and choose the API version (pinned wins, else the lower of the engine's and ours).
  boost::asio::awaitable<Expected<std::string>> negotiate(std::string pinned_version);
  // GET of a versioned API path such as "/containers/json?all=1"; the whole body, within the deadline.
  // Connections are kept alive and reused (at most max_idle_connections wait between requests).
  // timeout: this request's deadline instead of the client's.
  boost::asio::awaitable<Expected<Response>> get(std::string path,
                                                 std::optional<std::chrono::milliseconds> timeout = std::nullopt);
  // GET of a streaming path: returns once the response header arrived; the body has no deadline.
  boost::asio::awaitable<Expected<std::unique_ptr<BodyStream>>> stream(std::string path);

  const DockerHost& host() const { return m_host; }
  const boost::asio::any_io_executor& executor() const { return m_executor; }
  const std::string& api_version() const { return m_api_version; }
  // An Authorization header for every request ("Basic ..."), for an exporter behind basic auth.
  void set_authorization(std::string value) { m_authorization = std::move(value); }

 private:
  struct Connection;
  static constexpr std::size_t max_idle_connections = 8;

  std::string versioned(const std::string& path) const;
  boost::asio::awaitable<Expected<std::unique_ptr<Connection>>> open();
  void keep(std::unique_ptr<Connection> connection);

  boost::asio::any_io_executor m_executor;
  DockerHost m_host;
  std::chrono::milliseconds m_timeout;
  std::string m_api_version;
  std::shared_ptr<TlsContext> m_tls;
  std::string m_authorization;
  std::vector<std::unique_ptr<Connection>> m_idle;  // open, answered in full, ready for the next request
};

}  // namespace dse::docker
