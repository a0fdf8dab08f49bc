#pragma once
// A small read-only Docker Engine API client (HTTP/1.1 over a unix socket or TCP), also what `profile suggest`
// asks an exporter with (no API version negotiated: paths go as they are).
// Beast and the sockets stay in client.cpp: this header is cheap to include.
#include <vector>

#include "docker/engine_client.hpp"

namespace dse::docker {

// Client side of TLS to the engine (DOCKER_TLS_VERIFY, DOCKER_CERT_PATH): opaque, built once at start-up.
// An empty ca trusts the system's CAs; an empty cert and key present no client certificate.
struct TlsContext;
Expected<std::shared_ptr<TlsContext>> make_tls_context(const TlsFiles& files);

class Client final : public EngineClient {
 public:
  // tls: nullptr for plain unix:// or tcp://.
  Client(boost::asio::any_io_executor executor, DockerHost host, std::chrono::milliseconds timeout,
         std::shared_ptr<TlsContext> tls = nullptr);
  ~Client() override;
  Client(const Client&) = delete;
  Client& operator=(const Client&) = delete;

  boost::asio::awaitable<Expected<std::string>> negotiate(std::string pinned_version) override;
  // Connections are kept alive and reused (at most max_idle_connections wait between requests).
  using EngineClient::get;
  boost::asio::awaitable<Expected<Response>> get(std::string path,
                                                 std::optional<std::chrono::milliseconds> timeout) override;
  boost::asio::awaitable<Expected<std::unique_ptr<BodyStream>>> stream(std::string path) override;

  const DockerHost& host() const override { return m_host; }
  const boost::asio::any_io_executor& executor() const override { return m_executor; }
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
