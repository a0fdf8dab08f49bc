#pragma once
// What the exporter's HTTP endpoint answers, as a pure function of method and target.
#include <cstddef>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

namespace dse::http {

struct Reply {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::string allow;             // the Allow header, for 405
  std::string www_authenticate;  // for 401
  std::string content_encoding;  // "gzip" once compressed (see gzip.hpp)
  // Instead of body: a text several clients may be sent at once (a scrape), never copied per client.
  std::shared_ptr<const std::string> shared_body;
};

struct Routes {
  std::string telemetry_path = "/metrics";
  std::function<std::shared_ptr<const std::string>()> render_metrics;  // called per scrape
  std::function<std::string(std::size_t page)> render_status;          // the page at "/" (?page=N, from 1)
  std::function<bool()> ready;  // /-/ready answers 200 once this holds (unset: at once)
  // /-/healthy answers 503 while this does not hold (unset: healthy while it answers). The web side's: the
  // engine side answers (app/web_process.cpp).
  std::function<bool()> healthy;
  // /profiles/<container name>.json: the suggested seccomp profile, or nullopt (404) for a container with
  // no observations. Unset: no such path.
  std::function<std::optional<std::string>(std::string_view container_name)> render_profile;
  // Called by the server each time it drops a client that did not read its answer (see server.cpp).
  std::function<void()> slow_client_dropped;
  // Called each time a changed --web.config.file (or a file it names) could not be applied.
  std::function<void()> web_config_reload_failed;
};

// authorized: whether the request's credentials were accepted (see BasicAuth); false answers 401.
Reply route(std::string_view method, std::string_view target, const Routes& routes, bool authorized = true);

}  // namespace dse::http
