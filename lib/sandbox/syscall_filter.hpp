#pragma once
// The web side's own seccomp filter (libseccomp), stacked on whatever filter it was started under (the unit's).
// It refuses what a process serving HTTP on sockets it already holds never needs: new sockets, connect, bind,
// exec, new processes (threads stay allowed), ptrace and its kin, mounts, namespaces, BPF, modules, keyrings.
// A refused call fails with EPERM and is counted here (SIGSYS), so that the engine side can export it.
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "util/expected.hpp"

namespace dse::sandbox {

// The names the filter refuses (those the running architecture knows).
std::vector<std::string_view> refused_syscall_names();

// Installs the filter (and sets no_new_privs). Irreversible.
Expected<bool> install_web_side_filter();

// The native architecture's name of a syscall number, or "unknown_<number>".
std::string syscall_name(std::uint32_t number);

// (syscall number, refused calls) for each refused syscall called at least once, from the SIGSYS handler's counts.
std::vector<std::pair<std::uint32_t, std::uint64_t>> refused_calls();

}  // namespace dse::sandbox
