#include <catch2/catch.hpp>

#include <string>

#include "http/runbooks_page.hpp"

TEST_CASE("render_runbooks_page has an anchor for every alert the rules link, and renders tables") {
  const auto page = dse::http::render_runbooks_page();
  for (const auto* anchor :
       {"dockercontainerseccompunconfined", "dockerseccompexporterdockerdown", "dockerseccompexporterdown",
        "dockerseccompnoncompliantcontainers", "dockerseccompscanstale", "dockerseccompuninspectablecontainers",
        "dockerseccompexporterrestarting"}) {
    CHECK(page.find("id=\"" + std::string(anchor) + "\"") != std::string::npos);
  }
  CHECK(page.find("<table>\n<tr><th>reason</th><th>what to do</th></tr>") != std::string::npos);
  CHECK(page.find("<td><code>privileged</code></td>") != std::string::npos);
  CHECK(page.find("<script") == std::string::npos);
}
