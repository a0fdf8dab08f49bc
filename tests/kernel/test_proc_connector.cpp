#include <catch2/catch.hpp>

#include <string>
#include <vector>

#include "fixtures.hpp"
#include "kernel/proc_connector.hpp"

using namespace dse::kernel;

namespace {

std::vector<ProcEvent> decode(const std::string& datagram, std::size_t* malformed = nullptr) {
  std::vector<ProcEvent> events;
  const auto bad = decode_proc_connector_datagram(datagram, [&](const ProcEvent& e) { events.push_back(e); });
  if (malformed != nullptr) *malformed = bad;
  return events;
}

// Recorded from this kernel (6.18) while python (pid 4924) ran /bin/true (pid 4965).
constexpr long long python_pid = 4924;
constexpr long long true_pid = 4965;

}  // namespace

TEST_CASE("decode_proc_connector_datagram reads a fork, an exec and an exit recorded from the kernel") {
  std::size_t malformed = 99;
  const auto fork = decode(dse::test::fixture("proc_connector/fork.bin"), &malformed);
  CHECK(malformed == 0);
  REQUIRE(fork.size() == 1);
  CHECK(fork[0].kind == ProcEvent::Kind::fork);
  CHECK(fork[0].parent_tgid == python_pid);
  CHECK((fork[0].pid == true_pid && fork[0].tgid == true_pid));
  const auto exec = decode(dse::test::fixture("proc_connector/exec.bin"));
  REQUIRE(exec.size() == 1);
  CHECK(exec[0].kind == ProcEvent::Kind::exec);
  CHECK(exec[0].tgid == true_pid);
  const auto exit = decode(dse::test::fixture("proc_connector/exit.bin"));
  REQUIRE(exit.size() == 1);
  CHECK(exit[0].kind == ProcEvent::Kind::exit);
  CHECK((exit[0].pid == true_pid && exit[0].tgid == true_pid));
}

TEST_CASE("decode_proc_connector_datagram: two messages in one datagram, cut ones and strangers counted") {
  const auto fork = dse::test::fixture("proc_connector/fork.bin");
  const auto exit = dse::test::fixture("proc_connector/exit.bin");
  std::size_t malformed = 99;
  CHECK(decode(fork + exit, &malformed).size() == 2);
  CHECK(malformed == 0);
  // Every cut of a real message: never read past the end, never an event from a message cut short.
  for (std::size_t size = 0; size < fork.size(); ++size) {
    const auto events = decode(fork.substr(0, size), &malformed);
    CHECK(events.empty());
    CHECK(malformed == (size == 0 ? 0 : 1));
  }
  // A message of another connector (the idx at byte 16): not a process event.
  auto stranger = fork;
  stranger[16] = 7;
  CHECK(decode(stranger, &malformed).empty());
  CHECK(malformed == 1);
  // A netlink length past the datagram: the rest cannot be framed.
  auto liar = fork;
  liar[0] = static_cast<char>(200);
  CHECK(decode(liar, &malformed).empty());
  CHECK(malformed == 1);
  // An event this collector does not need (PROC_EVENT_UID = 4): skipped, not malformed.
  auto uid = fork;
  uid[36] = 4;
  CHECK(decode(uid, &malformed).empty());
  CHECK(malformed == 0);
}
