#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "http/status_page.hpp"

using namespace dse;

TEST_CASE("render_status_page escapes every container string and links the metrics") {
  state::ExporterState state;
  state.set_daemon({{true, "default"}, "20.10"});
  docker::Container container;
  container.id = "0123456789abcdef";
  container.name = "<script>alert('x')</script>";
  container.image = "a\"&b";
  container.security_opt = {"seccomp=unconfined"};
  state.containers.upsert(container);
  const auto page = http::render_status_page(state, "/m\"", "1.0");
  CHECK(page.find("<script>") == std::string::npos);
  CHECK(page.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;") != std::string::npos);
  CHECK(page.find("a&quot;&amp;b") != std::string::npos);
  CHECK(page.find("href=\"/m&quot;\"") != std::string::npos);
  CHECK(page.find(std::string(http::remedy(compliance::Reason::unconfined)).substr(0, 20)) != std::string::npos);
  CHECK(page.find("Docker: <b>DOWN</b>") != std::string::npos);
  CHECK(page.find("http://") == std::string::npos);  // no external assets
  CHECK(page.find("https://") == std::string::npos);
}

TEST_CASE("remedy has a line for every non-compliant reason and none for compliant ones") {
  for (const auto reason : compliance::all_reasons) {
    const bool compliant_reason = reason == compliance::Reason::default_profile || reason == compliance::Reason::custom_profile;
    CHECK(http::remedy(reason).empty() == compliant_reason);
  }
}
