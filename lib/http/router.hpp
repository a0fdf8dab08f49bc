#pragma once
// What the exporter's HTTP endpoint answers, as a pure function of method and target.
#include <functional>
#include <string>
#include <string_view>

namespace dse::http {

struct Reply {
  unsigned status = 200;
  std::string content_type;
  std::string body;
  std::string allow;  // the Allow header, for 405
};

struct Routes {
  std::string telemetry_path = "/metrics";
  std::function<std::string()> render_metrics;  // called per scrape
  std::function<std::string()> render_status;   // the page at "/"
};

Reply route(std::string_view method, std::string_view target, const Routes& routes);

}  // namespace dse::http
