// One datagram from the proc connector, as the kernel (or anything that can send to its group) delivers:
// netlink framing, connector header, process events; each event applied to a process tree, every record's
// lookup then done for the pids it names.
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kernel/proc_connector.hpp"
#include "kernel/process_tree.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static dse::kernel::ProcessTree tree;  // kept across inputs: bounds and reuse are exercised too
  const auto read = [](long long pid) -> std::optional<std::string> {
    if (pid % 3 == 0) return std::nullopt;   // gone
    if (pid % 3 == 1) return std::string();  // a host process
    return "c" + std::to_string(pid % 7);
  };
  const std::string_view datagram(reinterpret_cast<const char*>(data), size);
  const auto now = dse::kernel::ProcessTree::Clock::now();
  (void)dse::kernel::decode_proc_connector_datagram(datagram, [&](const dse::kernel::ProcEvent& event) {
    switch (event.kind) {
      case dse::kernel::ProcEvent::Kind::fork: tree.forked(event.parent_tgid, event.tgid); break;
      case dse::kernel::ProcEvent::Kind::exec: tree.execed(event.tgid, read); break;
      case dse::kernel::ProcEvent::Kind::exit: tree.exited(event.tgid, now); break;
    }
    (void)tree.container_of(event.tgid, read);
    (void)tree.placed(event.pid);
  });
  tree.sweep(now + dse::kernel::ProcessTree::exited_memory * 2);
  return 0;
}
