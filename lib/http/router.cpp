#include "http/router.hpp"

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

Reply landing_page(const Routes& routes) {
  if (routes.render_status) return reply(200, "text/html; charset=utf-8", routes.render_status());
  const auto path = html_escape(routes.telemetry_path);
  return reply(200, "text/html; charset=utf-8",
               "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>docker-seccomp-exporter</title></head>\n"
               "<body><h1>docker-seccomp-exporter</h1>\n"
               "<p>CIS Docker Benchmark 5.21: are incoming system calls filtered by an enabled seccomp profile?</p>\n"
               "<p><a href=\"" + path + "\">Metrics</a></p>\n</body></html>\n");
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
    return reply(200, metrics::text_content_type, routes.render_metrics ? routes.render_metrics() : "");
  }
  if (path == "/") return landing_page(routes);
  // As Prometheus and its exporters: alive while it answers; ready once it has something true to say.
  if (path == "/runbooks") return reply(200, "text/html; charset=utf-8", render_runbooks_page());
  if (path == "/-/healthy") return plain(200, "docker-seccomp-exporter is Healthy.");
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
    return plain(404, "No suggested profiles: this exporter runs without --collector.seccomp-audit, which records "
                      "what containers' filters log");
  }
  return plain(404, "Not Found");
}

}  // namespace dse::http
