#include "http/router.hpp"

#include "metrics/render.hpp"

namespace dse::http {

namespace {

std::string html_escape(std::string_view text) {
  std::string out;
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

Reply landing_page(const Routes& routes) {
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
