#include <catch2/catch.hpp>

#include "recorded_state.hpp"
#include "state/container_store.hpp"
#include "state/exporter_state.hpp"

using namespace dse;

using test::inspect_fixture;

TEST_CASE("ContainerStore counts verdicts by reason and replaces on upsert") {
  state::ContainerStore store;
  store.set_context({{true, "default"}, {}, {}, {}});
  store.upsert(inspect_fixture("plain"));
  store.upsert(inspect_fixture("unconf_eq"));
  store.upsert(inspect_fixture("plain"));
  CHECK(store.size() == 2);
  const auto counts = store.counts_by_reason();
  CHECK(counts[static_cast<std::size_t>(compliance::Reason::default_profile)] == 1);
  CHECK(counts[static_cast<std::size_t>(compliance::Reason::unconfined)] == 1);
  CHECK(store.erase(inspect_fixture("plain").id));
  CHECK_FALSE(store.erase(inspect_fixture("plain").id));
  CHECK(store.size() == 1);
}

TEST_CASE("ExporterState re-evaluates every verdict when the daemon profile changes") {
  state::ExporterState state;
  state.set_daemon({{true, "default"}, "20.10"});
  state.containers.upsert(inspect_fixture("plain"));
  CHECK(state.containers.records().begin()->second.verdict.compliant);
  state.set_daemon({{true, "unconfined"}, "24.0"});
  CHECK(state.containers.records().begin()->second.verdict ==
        compliance::non_compliant_because(compliance::Reason::daemon_unconfined));
}

TEST_CASE("ExporterState: docker_up needs both the stream and a complete scan") {
  state::ExporterState state;
  CHECK_FALSE(state.docker_up());
  state.events_connected = true;
  CHECK_FALSE(state.docker_up());
  state.last_scan_ok = true;
  CHECK(state.docker_up());
}

TEST_CASE("ContainerStore moves a record's revision only when what it shows changed") {
  state::ContainerStore store;
  store.set_context({{true, "default"}, {}, {}, {}});
  store.upsert(test::inspect_fixture("plain"));
  const auto id = test::inspect_fixture("plain").id;
  const auto revision = store.records().at(id).revision;
  const auto generation = store.generation();

  store.upsert(test::inspect_fixture("plain"));  // a resync's inspect, nothing new
  CHECK(store.records().at(id).revision == revision);
  CHECK(store.generation() == generation);

  auto renamed = test::inspect_fixture("plain");
  renamed.name = "renamed";
  store.upsert(renamed);
  CHECK(store.records().at(id).revision > revision);
  CHECK(store.generation() > generation);

  const auto before_context = store.generation();
  store.set_context(store.context());  // judged again, same verdicts
  CHECK(store.generation() == before_context);
  auto context = store.context();
  context.daemon.supported = false;
  store.set_context(context);
  CHECK(store.records().at(id).verdict.reason == compliance::Reason::daemon_no_seccomp);
  CHECK(store.records().at(id).revision == store.generation());
  CHECK(store.generation() > before_context);
}

TEST_CASE("ContainerStore labels by the whole id while two ids share their first 12 characters") {
  state::ContainerStore store;
  store.set_context({{true, "default"}, {}, {}, {}});
  auto first = inspect_fixture("plain");
  auto second = first;
  second.id = first.id.substr(0, 12) + std::string(52, 'f');
  const auto other = inspect_fixture("unconf_eq");
  store.upsert(first);
  store.upsert(other);
  CHECK_FALSE(store.records().at(first.id).full_id_label);
  const auto before = store.records().at(first.id).revision;
  store.upsert(second);
  CHECK(store.records().at(first.id).full_id_label);
  CHECK(store.records().at(second.id).full_id_label);
  CHECK_FALSE(store.records().at(other.id).full_id_label);
  CHECK(store.records().at(first.id).revision > before);  // a scrape renders its series again
  store.upsert(first);                                    // an unchanged inspect keeps the label
  CHECK(store.records().at(first.id).full_id_label);
  store.erase(second.id);
  CHECK_FALSE(store.records().at(first.id).full_id_label);
}

TEST_CASE("ContainerStore keeps whole-id labels while at least two still share the short id") {
  state::ContainerStore store;
  store.set_context({{true, "default"}, {}, {}, {}});
  auto base = inspect_fixture("plain");
  std::vector<std::string> ids;
  for (const char tail : {'a', 'b', 'c'}) {
    auto container = base;
    container.id = base.id.substr(0, 12) + std::string(52, tail);
    ids.push_back(container.id);
    store.upsert(container);
  }
  store.erase(ids[1]);
  CHECK(store.records().at(ids[0]).full_id_label);
  CHECK(store.records().at(ids[2]).full_id_label);
  store.erase(ids[0]);
  CHECK_FALSE(store.records().at(ids[2]).full_id_label);
  CHECK_FALSE(store.erase(ids[0]));
  store.erase(ids[2]);
  CHECK(store.size() == 0);
}

TEST_CASE("ContainerStore gives each live record a slot of its own, kept on update and reused after an erase") {
  state::ContainerStore store;
  const auto plain = inspect_fixture("plain");
  const auto unconfined = inspect_fixture("unconf_eq");
  const auto slot_of = [&](const std::string& id) { return store.records().find(id)->second.slot; };
  store.upsert(plain);
  store.upsert(unconfined);
  CHECK(slot_of(plain.id) != slot_of(unconfined.id));
  CHECK(store.slot_bound() == 2);
  const auto plain_slot = slot_of(plain.id);
  const auto revision = store.records().find(plain.id)->second.revision;
  auto changed = plain;
  changed.security_opt = {"seccomp=unconfined"};
  store.upsert(changed);
  CHECK(slot_of(plain.id) == plain_slot);
  store.erase(plain.id);
  auto newcomer = inspect_fixture("custom");
  store.upsert(newcomer);
  CHECK(slot_of(newcomer.id) == plain_slot);  // reused, and so told apart by a revision above the old one's
  CHECK(store.records().find(newcomer.id)->second.revision > revision);
  CHECK(store.slot_bound() == 2);
}

TEST_CASE("ContainerStore keeps its counts equal to what its records count, whatever changes") {
  state::ContainerStore store;
  const auto recount = [&store] {
    std::array<state::ReasonCounts, 2> counts{};
    std::size_t cut = 0;
    for (const auto& [id, record] : store.records()) {
      ++counts[record.excluded ? 1 : 0][static_cast<std::size_t>(record.verdict.reason)];
      if (record.container.cut) ++cut;
    }
    CHECK(counts[0] == store.counts_by_reason(false));
    CHECK(counts[1] == store.counts_by_reason(true));
    CHECK(cut == store.cut_count());
  };
  auto plain = inspect_fixture("plain");
  auto unconfined = inspect_fixture("unconf_eq");
  auto custom = inspect_fixture("custom");
  store.upsert(plain);
  store.upsert(unconfined);
  store.upsert(custom);
  recount();
  plain.security_opt = {"seccomp=unconfined"};
  plain.cut = true;
  store.upsert(plain);  // another verdict, and cut
  recount();
  CHECK(store.cut_count() == 1);
  store.set_context({{true, "default"}, {}, {}, {{}, {{"com.example.skip", std::nullopt}}}});
  recount();
  unconfined.labels = {{"com.example.skip", "1"}};
  store.upsert(unconfined);  // now excluded
  recount();
  CHECK(store.counts_by_reason(true)[static_cast<std::size_t>(compliance::Reason::unconfined)] == 1);
  store.set_context({{false, ""}, {}, {}, {}});  // the daemon without seccomp: every verdict again
  recount();
  store.erase(plain.id);
  store.erase(custom.id);
  recount();
  store.erase(unconfined.id);
  recount();
  CHECK(store.cut_count() == 0);
}
