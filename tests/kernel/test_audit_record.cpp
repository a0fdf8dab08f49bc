#include <catch2/catch.hpp>

#include <cstring>
#include <string>
#include <vector>

#include "fixtures.hpp"
#include "kernel/audit_record.hpp"
#include "kernel/proc_status.hpp"
#include "kernel/syscall_names.hpp"

using namespace dse::kernel;

namespace {

std::string netlink_message(std::uint16_t type, const std::string& payload) {
  std::string message(16, '\0');
  const std::uint32_t length = static_cast<std::uint32_t>(16 + payload.size());
  std::memcpy(message.data(), &length, 4);
  std::memcpy(message.data() + 4, &type, 2);
  message += payload;
  message.resize((message.size() + 3) & ~std::size_t{3}, '\0');
  return message;
}

std::vector<SeccompRecord> decode(const std::string& datagram, DatagramCounts* counts = nullptr) {
  std::vector<SeccompRecord> records;
  const auto result = decode_audit_datagram(datagram, [&](const SeccompRecord& r) { records.push_back(r); });
  if (counts != nullptr) *counts = result;
  return records;
}

}  // namespace

TEST_CASE("decode_audit_datagram reads a datagram recorded from the kernel") {
  // A getppid logged by a filter with SCMP_ACT_LOG (tests/helpers/seccomp_log_loop.c), x86_64.
  const auto records = decode(dse::test::fixture("audit/seccomp_log_getppid.bin"));
  REQUIRE(records.size() == 1);
  CHECK(records[0].pid == 26428);
  CHECK(records[0].arch == 0xc000003eU);
  CHECK(records[0].syscall == 110);
  CHECK(records[0].action == SeccompAction::log);
  SyscallNames names;
  CHECK(names.name(records[0].arch, records[0].syscall) == "getppid");
  CHECK(names.name(0x40000003U, 74) == "sethostname");  // i386: other numbers
  CHECK(names.name(0xc000003eU, 9999) == "unknown_9999");
}

TEST_CASE("decode_audit_datagram: several messages, other types skipped, malformed ones counted") {
  const std::string record =
      "audit(1.2:3): auid=1 uid=0 gid=0 ses=1 pid=42 comm=\"pid=7\" exe=2F746D70 sig=31 arch=c000003e "
      "syscall=165 compat=0 ip=0x1 code=0x80000000";
  const auto datagram = netlink_message(1326, record) + netlink_message(1300, "audit(1.2:4): syscall=1") +
                        netlink_message(1326, "audit(1.2:5): pid=x arch=c000003e syscall=1 code=0x0");
  DatagramCounts counts;
  const auto records = decode(datagram, &counts);
  REQUIRE(records.size() == 1);
  CHECK(records[0].pid == 42);  // not the comm's "pid=7"
  CHECK(records[0].syscall == 165);
  CHECK(records[0].action == SeccompAction::kill_process);
  CHECK(counts.records == 1);
  CHECK(counts.malformed == 1);
  // A length past the datagram's end stops the decoding, counted.
  auto truncated = netlink_message(1326, record);
  truncated.resize(40);
  decode(truncated, &counts);
  CHECK(counts.malformed == 1);
  CHECK(decode(std::string(8, '\xff')).empty());
}

TEST_CASE("action_of names every seccomp return action") {
  CHECK(to_string(action_of(0x7ffc0000U)) == "log");
  CHECK(to_string(action_of(0x00050001U)) == "errno");  // the low bits are the errno
  CHECK(to_string(action_of(0x00030000U)) == "trap");
  CHECK(to_string(action_of(0x7ff00000U)) == "trace");
  CHECK(to_string(action_of(0x7fc00000U)) == "user_notif");
  CHECK(to_string(action_of(0x00000000U)) == "kill_thread");
  CHECK(to_string(action_of(0x80000000U)) == "kill_process");
  CHECK(to_string(action_of(0x12340000U)) == "unknown");
}

TEST_CASE("container_id_in_cgroup finds Docker's and Podman's ids, and none for host processes") {
  const std::string id(64, 'a');
  CHECK(container_id_in_cgroup("0::/system.slice/docker-" + id + ".scope\n") == id);
  CHECK(container_id_in_cgroup("12:pids:/docker/" + id + "\n") == id);
  CHECK(container_id_in_cgroup("0::/machine.slice/libpod-" + id + ".scope/container\n") == id);
  CHECK_FALSE(container_id_in_cgroup("0::/user.slice/user-0.slice/session-1.scope\n"));
  CHECK_FALSE(container_id_in_cgroup("0::/docker/" + std::string(63, 'a') + "\n"));
  CHECK_FALSE(container_id_in_cgroup("0::/x/" + std::string(65, 'a') + "\n"));
}
