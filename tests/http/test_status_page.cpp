#include <catch2/catch.hpp>

#include <cstdio>

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
    const bool compliant_reason =
        reason == compliance::Reason::default_profile || reason == compliance::Reason::custom_profile;
    CHECK(http::remedy(reason).empty() == compliant_reason);
  }
}

TEST_CASE("profile_summary names the profile for every reason, and the page explains the Kernel column") {
  for (const auto reason : compliance::all_reasons) {
    state::ContainerRecord record;
    record.verdict = {compliance::is_compliant(reason), reason};
    CHECK_FALSE(http::profile_summary(record).empty());
  }
  state::ContainerRecord custom;
  custom.verdict = compliance::compliant_because(compliance::Reason::custom_profile);
  compliance::ProfileAnalysis analysis;
  const auto with = [&] { return std::make_shared<const compliance::ProfileAnalysis>(analysis); };
  analysis.default_action = "SCMP_ACT_ERRNO";
  custom.profile = with();
  CHECK(http::profile_summary(custom) == "custom allow-list (default SCMP_ACT_ERRNO)");
  analysis.deny_list = true;
  analysis.default_action = "SCMP_ACT_ALLOW";
  custom.profile = with();
  CHECK(http::profile_summary(custom) == "custom deny-list (default SCMP_ACT_ALLOW)");
  analysis.builtin = true;
  custom.profile = with();
  CHECK(http::profile_summary(custom) == "custom: Docker's default");

  state::ContainerRecord invalid;
  invalid.verdict = compliance::non_compliant_because(compliance::Reason::invalid_profile);
  analysis = {};
  analysis.effect = compliance::ProfileAnalysis::Effect::invalid;
  analysis.problem = "crun: unknown seccomp option `SECCOMP_FILTER_FLAG_X`";
  invalid.profile = with();
  CHECK(http::profile_summary(invalid) == "custom, refused by crun: unknown seccomp option `SECCOMP_FILTER_FLAG_X`");

  state::ExporterState state;
  state.set_daemon({{true, "default"}, "20.10"});
  docker::Container container;
  container.id = "0123456789abcdef";
  container.name = "web";
  state.containers.upsert(container);
  const auto page = http::render_status_page(state, "/metrics", "1.0");
  CHECK(page.find("<td class=\"profile\">Docker&#39;s default</td>") != std::string::npos);
  CHECK(page.find("<code>disabled</code>: no filter") != std::string::npos);
}

TEST_CASE("render_status_page shows one page of rows, worst first, and counts every container") {
  state::ExporterState state;
  state.set_daemon({{true, "default"}, "20.10"});
  for (int i = 0; i < 1200; ++i) {
    docker::Container container;
    container.id = std::to_string(100000 + i) + std::string(58, 'a');
    container.name = "c" + std::to_string(100000 + i);
    if (i < 3) container.security_opt = {"seccomp=unconfined"};
    state.containers.upsert(container);
  }
  const auto rows = [](const std::string& page) {
    std::size_t count = 0;
    for (auto at = page.find("<td class=\"name\">"); at != std::string::npos;
         at = page.find("<td class=\"name\">", at + 1))
      ++count;
    return count;
  };
  const auto first = http::render_status_page(state, "/metrics", "1.0");
  CHECK(rows(first) == http::status_page_rows);
  CHECK(first.find("<b>3</b>non-compliant") != std::string::npos);
  CHECK(first.find("<b>1197</b>compliant") != std::string::npos);
  CHECK(first.find("Containers 1&ndash;500 of 1200") != std::string::npos);
  CHECK(first.find("<td class=\"name\">c100000</td>") != std::string::npos);  // the non-compliant on page 1
  CHECK(first.find("href=\"?page=2\"") != std::string::npos);
  const auto last = http::render_status_page(state, "/metrics", "1.0", 3);
  CHECK(rows(last) == 200);
  CHECK(last.find("Containers 1001&ndash;1200 of 1200") != std::string::npos);
  CHECK(last.find("href=\"?page=4\"") == std::string::npos);
  CHECK(http::render_status_page(state, "/metrics", "1.0", 99) == last);
}

TEST_CASE("render_status_page marks a suggested profile whose observations may be incomplete") {
  state::ExporterState state;
  state.set_daemon({{true, "default"}, "20.10"});
  state.syscalls.enabled = true;
  docker::Container container;
  container.id = std::string(64, 'c');
  container.name = "learner";
  state.containers.upsert(container);
  state.syscalls.record(container.id, dse::kernel::SeccompAction::log, "mount");
  // Docker's default plus mount, for a container with Docker's default capabilities (mount needs CAP_SYS_ADMIN).
  const auto complete = http::render_status_page(state, "/metrics", "1.0");
  const auto link = complete.find("suggested profile</a> <span class=\"allows\">allows ");
  REQUIRE(link != std::string::npos);
  unsigned allowed = 0, default_allowed = 0;
  REQUIRE(std::sscanf(complete.c_str() + link,
                      "suggested profile</a> <span class=\"allows\">allows %u syscalls, the "
                      "engine's default %u</span></td>",
                      &allowed, &default_allowed) == 2);
  CHECK(allowed == default_allowed + 1);
  CHECK(default_allowed > 300);
  state.syscalls.add_lost(4);
  const auto page = http::render_status_page(state, "/metrics", "1.0");
  CHECK(page.find("</span> <b class=\"incomplete\"") != std::string::npos);
}
