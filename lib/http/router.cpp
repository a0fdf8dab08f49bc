#include "http/router.hpp"

#include <algorithm>
#include <charconv>

#include "http/runbooks_page.hpp"
#include "http/status_page.hpp"
#include "metrics/render.hpp"

namespace dse::http {

namespace {

Reply reply(unsigned status, std::string_view content_type, std::string body) {
  Reply result;
  result.status = status;
  result.content_type = content_type;
  result.body = std::move(body);
  return result;
}

Reply plain(unsigned status, std::string_view text) {
  return reply(status, "text/plain; charset=utf-8", std::string(text) + "\n");
}

// ?page=N of the status page: 1 when absent or not a number.
std::size_t page_of(std::string_view query) {
  std::size_t page = 1;
  for (std::size_t at = 0; at < query.size();) {
    const auto end = std::min(query.find('&', at), query.size());
    const auto pair = query.substr(at, end - at);
    if (pair.starts_with("page=")) {
      const auto digits = pair.substr(5);
      std::size_t value = 0;
      const auto [last, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
      if (ec == std::errc{} && last == digits.data() + digits.size() && value > 0) page = value;
    }
    at = end + 1;
  }
  return page;
}

Reply landing_page(const Routes& routes, std::string_view query) {
  if (routes.render_status) return reply(200, "text/html; charset=utf-8", routes.render_status(page_of(query)));
  const auto path = html_escape(routes.telemetry_path);
  return reply(200, "text/html; charset=utf-8",
               "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>docker-seccomp-exporter</title></head>\n"
               "<body><h1>docker-seccomp-exporter</h1>\n"
               "<p>CIS Docker Benchmark 5.21: are incoming system calls filtered by an enabled seccomp profile?</p>\n"
               "<p><a href=\"" +
                   path + "\">Metrics</a></p>\n</body></html>\n");
}

}  // namespace

Reply route(std::string_view method, std::string_view target, const Routes& routes, bool authorized) {
  if (!authorized) {
    auto result = plain(401, "Unauthorized");
    result.www_authenticate = "Basic realm=\"docker-seccomp-exporter\"";
    return result;
  }
  if (method != "GET" && method != "HEAD") {
    auto result = plain(405, "Method Not Allowed");
    result.allow = "GET, HEAD";
    return result;
  }
  const auto path = target.substr(0, target.find('?'));
  if (path == routes.telemetry_path) {
    auto result = reply(200, metrics::text_content_type, "");
    if (routes.render_metrics) result.shared_body = routes.render_metrics();
    return result;
  }
  if (path == "/") {
    const auto question = target.find('?');
    return landing_page(routes, question == std::string_view::npos ? std::string_view() : target.substr(question + 1));
  }
  // As Prometheus and its exporters: alive while it answers; ready once it has something true to say.
  if (path == "/runbooks") return reply(200, "text/html; charset=utf-8", render_runbooks_page());
  if (path == "/-/healthy") {
    if (!routes.healthy || routes.healthy()) return plain(200, "docker-seccomp-exporter is Healthy.");
    return plain(503, "docker-seccomp-exporter is not healthy: the engine side does not answer.");
  }
  if (path == "/-/ready") {
    if (!routes.ready || routes.ready()) return plain(200, "docker-seccomp-exporter is Ready.");
    return plain(503, "docker-seccomp-exporter is not ready: no complete scan of Docker yet.");
  }
  constexpr std::string_view profiles = "/profiles/", json = ".json";
  if (routes.render_profile && path.starts_with(profiles) && path.ends_with(json) &&
      path.size() > profiles.size() + json.size()) {
    const auto name = path.substr(profiles.size(), path.size() - profiles.size() - json.size());
    if (auto profile = routes.render_profile(name)) return reply(200, "application/json", std::move(*profile));
    return plain(404, "No seccomp observations for this container (run it under the learning profile)");
  }
  if (!routes.render_profile && path.starts_with(profiles)) {
    return plain(404,
                 "No suggested profiles: this exporter runs without --collector.seccomp-audit, which records "
                 "what containers' filters log");
  }
  return plain(404, "Not Found");
}

}  // namespace dse::http
