#include <catch2/catch.hpp>

#include "metrics/exposition.hpp"
#include "metrics/families.hpp"
#include "metrics/render.hpp"
#include "recorded_state.hpp"

using namespace dse;

namespace {

std::string full_render(const state::ExporterState& state, const metrics::LabelOptions& options = {}) {
  return metrics::render_text(metrics::build_families(state, options, "1"));
}

}  // namespace

TEST_CASE("Exposition serves what a full render would, scrape after scrape, whatever changed") {
  auto state = test::recorded_state({"plain", "custom", "running", "unconf_eq"});
  metrics::Exposition exposition;
  CHECK(exposition.render(state, {}, "1") == full_render(state));

  state.count_event("create");  // the summary moves, the containers do not
  CHECK(exposition.render(state, {}, "1") == full_render(state));

  SECTION("a container changes") {
    auto container = test::inspect_fixture("plain");
    container.security_opt = {"seccomp=unconfined"};
    state.containers.upsert(container);
    CHECK(exposition.render(state, {}, "1").find("name=\"plain\",reason=\"unconfined\"") != std::string::npos);
    CHECK(exposition.render(state, {}, "1") == full_render(state));
  }
  SECTION("a container with markup and line breaks in its name and image arrives") {
    auto container = test::inspect_fixture("unconf_colon");
    container.name = "evil\n# TYPE x counter\nname=\"}";
    container.image = "img\\\n";
    state.containers.upsert(container);
    CHECK(exposition.render(state, {}, "1") == full_render(state));
  }
  SECTION("invalid UTF-8 that got past the parser, and Docker labels as series labels") {
    auto container = test::inspect_fixture("custom");
    container.name = "bad\xff\xfe name";
    container.labels = {{"team", "a\"b"}, {"z", "\xc3"}};
    state.containers.upsert(container);
    metrics::LabelOptions options;
    options.docker_labels = {
        {"team", "container_label_team"}, {"z", "container_label_z"}, {"gone", "container_label_gone"}};
    const auto text = exposition.render(state, options, "1");
    CHECK(text == full_render(state, options));
    CHECK(text.find("\xff") == std::string::npos);
    CHECK(text.find(R"(container_label_team="a\"b")") != std::string::npos);
  }
  SECTION("a second container shares the first one's short id and name: both are labelled by the whole id") {
    const auto first = test::inspect_fixture("plain");
    auto twin = first;
    twin.id = first.id.substr(0, 12) + std::string(52, 'f');
    state.containers.upsert(twin);
    const auto text = exposition.render(state, {}, "1");
    CHECK(text == full_render(state));
    CHECK(text.find("id=\"" + first.id + "\"") != std::string::npos);
    CHECK(text.find("id=\"" + twin.id + "\"") != std::string::npos);
    state.containers.erase(twin.id);
    CHECK(exposition.render(state, {}, "1").find("id=\"" + first.id.substr(0, 12) + "\"") != std::string::npos);
  }
  SECTION("a container goes") {
    state.containers.erase(test::inspect_fixture("custom").id);
    CHECK(exposition.render(state, {}, "1") == full_render(state));
  }
  SECTION("a container goes and another takes its slot, with its kept lines' place in the text") {
    const auto gone = test::inspect_fixture("custom");
    state.containers.erase(gone.id);
    auto newcomer = test::inspect_fixture("unconf_colon");
    newcomer.name = "newcomer";
    state.containers.upsert(newcomer);
    const auto text = exposition.render(state, {}, "1");
    CHECK(text == full_render(state));
    CHECK(text.find("name=\"newcomer\"") != std::string::npos);
    CHECK(text.find("name=\"" + gone.name + "\"") == std::string::npos);
  }
  SECTION("the daemon's profile changes") {
    state.set_daemon(*docker::parse_daemon_info(test::fixture("info/daemon_unconfined.json")));
    CHECK(exposition.render(state, {}, "1") == full_render(state));
  }
  SECTION("a reload drops a label or every container series") {
    metrics::LabelOptions options;
    options.image_label = false;
    CHECK(exposition.render(state, options, "1") == full_render(state, options));
    options.aggregate_only = true;
    CHECK(exposition.render(state, options, "1") == full_render(state, options));
    CHECK(exposition.render(state, options, "1").find("docker_seccomp_container_compliant") == std::string::npos);
  }
}

TEST_CASE("Exposition never changes an answer a client still holds, and reuses one no client holds") {
  auto state = test::recorded_state({"plain", "custom", "running"});
  metrics::Exposition exposition;
  auto first = exposition.render_shared(state, {}, "1", "# appended\n");
  const auto first_text = *first;
  CHECK(first_text == full_render(state) + "# appended\n");
  CHECK(exposition.held_answer() == first);

  state.count_event("create");  // the summary moves: a new answer, the held one as it was
  auto second = exposition.render_shared(state, {}, "1");
  CHECK(second != first);
  CHECK(*first == first_text);
  CHECK(*second == full_render(state));
  first.reset();

  // Once no client holds it, the next answer is made in its buffer, as a new object: what was derived from
  // the old one (SharedGzip keeps a weak_ptr to its source) is not mistaken for the new one's.
  const std::weak_ptr<const std::string> derived = second;
  const auto* buffer = second->data();
  second.reset();
  CHECK_FALSE(exposition.held_answer());
  state.count_event("create");
  const auto third = exposition.render_shared(state, {}, "1");
  CHECK(third->data() == buffer);
  CHECK(derived.lock() != third);
  CHECK(*third == full_render(state));
}
