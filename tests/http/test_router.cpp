#include <catch2/catch.hpp>

#include "http/router.hpp"

using dse::http::route;
using dse::http::Routes;

namespace {

Routes routes() {
  Routes result;
  result.telemetry_path = "/metrics";
  result.render_metrics = [] { return std::make_shared<const std::string>("up 1\n"); };
  return result;
}

}  // namespace

TEST_CASE("route serves metrics on the telemetry path, with or without a query") {
  const auto reply = route("GET", "/metrics", routes());
  CHECK(reply.status == 200);
  CHECK(*reply.shared_body == "up 1\n");
  CHECK(reply.content_type.starts_with("text/plain; version=0.0.4"));
  CHECK(*route("HEAD", "/metrics?x=1", routes()).shared_body == "up 1\n");
}

TEST_CASE("route serves a landing page linking to the metrics") {
  auto custom = routes();
  custom.telemetry_path = "/m\"<x>";
  const auto reply = route("GET", "/", custom);
  CHECK(reply.status == 200);
  CHECK(reply.content_type.starts_with("text/html"));
  CHECK(reply.body.find("href=\"/m&quot;&lt;x&gt;\"") != std::string::npos);
}

TEST_CASE("route passes the status page its ?page=, 1 when absent or not a number") {
  auto custom = routes();
  custom.render_status = [](std::size_t page) { return "page " + std::to_string(page); };
  CHECK(route("GET", "/", custom).body == "page 1");
  CHECK(route("GET", "/?page=3", custom).body == "page 3");
  CHECK(route("GET", "/?x=1&page=2", custom).body == "page 2");
  for (const auto* target : {"/?page=0", "/?page=-1", "/?page=2x", "/?page=99999999999999999999999", "/?page="}) {
    CHECK(route("GET", target, custom).body == "page 1");
  }
}

TEST_CASE("route answers 404 for unknown paths and 405 for other methods") {
  CHECK(route("GET", "/metricsx", routes()).status == 404);
  CHECK(route("GET", "", routes()).status == 404);
  const auto post = route("POST", "/metrics", routes());
  CHECK(post.status == 405);
  CHECK(post.allow == "GET, HEAD");
  CHECK(route("DELETE", "/nope", routes()).status == 405);
}

TEST_CASE("route serves suggested profiles by container name, and 404 without observations") {
  Routes routes;
  routes.render_profile = [](std::string_view name) -> std::optional<std::string> {
    if (name == "web-1") return std::string("{}\n");
    return std::nullopt;
  };
  const auto found = route("GET", "/profiles/web-1.json", routes);
  CHECK(found.status == 200);
  CHECK(found.content_type == "application/json");
  CHECK(found.body == "{}\n");
  CHECK(route("GET", "/profiles/other.json", routes).status == 404);
  CHECK(route("GET", "/profiles/.json", routes).status == 404);
  CHECK(route("GET", "/profiles/web-1", routes).status == 404);
  Routes without;
  const auto off = route("GET", "/profiles/web-1.json", without);
  CHECK(off.status == 404);
  CHECK(off.body.find("without --collector.seccomp-audit") != std::string::npos);  // says why, not "Not Found"
}

TEST_CASE("route answers /-/healthy always and /-/ready once the first scan is done") {
  bool scanned = false;
  auto with_ready = routes();
  with_ready.ready = [&scanned] { return scanned; };
  CHECK(route("GET", "/-/healthy", with_ready).status == 200);
  CHECK(route("GET", "/-/ready", with_ready).status == 503);
  scanned = true;
  CHECK(route("GET", "/-/ready", with_ready).status == 200);
  CHECK(route("HEAD", "/-/healthy", with_ready).status == 200);
}

TEST_CASE("route answers /-/healthy with 503 while the healthy check fails (the web side's: the engine side's word)") {
  bool engine_says = false;
  auto asked = routes();
  asked.healthy = [&engine_says] { return engine_says; };
  const auto refused = route("GET", "/-/healthy", asked);
  CHECK(refused.status == 503);
  CHECK(refused.body == "docker-seccomp-exporter is not healthy: the engine side does not answer.\n");
  engine_says = true;
  CHECK(route("GET", "/-/healthy", asked).status == 200);
}
