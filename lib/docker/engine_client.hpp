#pragma once
// What the monitor asks of an engine, as an interface: the Beast client (docker/client.hpp) on a socket, or
// recorded answers in a unit test (tests/monitor/test_monitor_session.cpp), so that the session's flow runs
// without a socket. Cheap to include: no Beast.
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>
#include <chrono>
#include <memory>
#include <optional>
#include <string>

#include "docker/host.hpp"
#include "docker/response.hpp"
#include "util/expected.hpp"

namespace dse::docker {

// The body of a long-lived response (GET /events), delivered piece by piece, chunk framing removed.
class BodyStream {
 public:
  virtual ~BodyStream() = default;
  // The next bytes of the body; an error when the stream ends or fails (the message says which).
  virtual boost::asio::awaitable<Expected<std::string>> read_some() = 0;
  // Ends the stream: a read_some waiting, or the next one, returns an error.
  virtual void close() = 0;
};

class EngineClient {
 public:
  virtual ~EngineClient() = default;
  // GET /_ping and choose the API version (pinned wins, else the lower of the engine's and ours).
  virtual boost::asio::awaitable<Expected<std::string>> negotiate(std::string pinned_version) = 0;
  // GET of a versioned API path such as "/containers/json?all=1"; the whole body, within the deadline
  // (timeout: this request's instead of the client's). A path with its own version ("/v1.41/info") goes
  // as it is.
  virtual boost::asio::awaitable<Expected<Response>> get(std::string path,
                                                         std::optional<std::chrono::milliseconds> timeout) = 0;
  boost::asio::awaitable<Expected<Response>> get(std::string path) { return get(std::move(path), std::nullopt); }
  // GET of a streaming path: returns once the response header arrived; the body has no deadline.
  virtual boost::asio::awaitable<Expected<std::unique_ptr<BodyStream>>> stream(std::string path) = 0;

  virtual const DockerHost& host() const = 0;
  virtual const boost::asio::any_io_executor& executor() const = 0;
};

}  // namespace dse::docker
