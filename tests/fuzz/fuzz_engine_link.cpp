// What the engine side reads from the web side, which it treats as untrusted (app/web_side.cpp): a frame's
// length and payload, decoded into a request. Whatever decodes must encode back to the same payload, and
// satisfy every bound the engine side relies on.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "http/engine_link.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  namespace wire = dse::http::link;
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (bytes.size() >= 4) (void)wire::decode_length(bytes.substr(0, 4), wire::max_request_bytes);
  const auto request = wire::decode_request(bytes);
  if (!request) return 0;
  if (request->page == 0 || request->page > wire::max_page) __builtin_trap();
  if (request->report.refused.size() > wire::max_reported_syscalls) __builtin_trap();
  for (const auto& [number, calls] : request->report.refused) {
    if (number >= wire::max_syscall_number) __builtin_trap();
  }
  if (request->ask == wire::Ask::profile && !wire::valid_name(request->name)) __builtin_trap();
  if (wire::encode(*request).substr(4) != bytes) __builtin_trap();
  return 0;
}
