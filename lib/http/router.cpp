#include "http/router.hpp"

#include "http/status_page.hpp"
#include "metrics/render.hpp"

namespace dse::http {

namespace {

Reply landing_page(const Routes& routes) {
  if (routes.render_status) return {200, "text/html; charset=utf-8", routes.render_status(), {}};
  const auto path = html_escape(routes.telemetry_path);
  return {200, "text/html; charset=utf-8",
          "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>docker-seccomp-exporter</title></head>\n"
          "<body><h1>docker-seccomp-exporter</h1>\n"
          "<p>CIS Docker Benchmark 5.21: are incoming system calls filtered by an enabled seccomp profile?</p>\n"
          "<p><a href=\"" + path + "\">Metrics</a></p>\n</body></html>\n",
          {}};
}

Reply plain(unsigned status, std::string_view text) { return {status, "text/plain; charset=utf-8", std::string(text) + "\n", {}}; }

}  // namespace

Reply route(std::string_view method, std::string_view target, const Routes& routes) {
  if (method != "GET" && method != "HEAD") {
    auto reply = plain(405, "Method Not Allowed");
    reply.allow = "GET, HEAD";
    return reply;
  }
  const auto path = target.substr(0, target.find('?'));
  if (path == routes.telemetry_path) {
    return {200, std::string(metrics::text_content_type), routes.render_metrics ? routes.render_metrics() : "", {}};
  }
  if (path == "/") return landing_page(routes);
  return plain(404, "Not Found");
}

}  // namespace dse::http
