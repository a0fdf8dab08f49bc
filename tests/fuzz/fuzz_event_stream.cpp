// The events body, split into chunks wherever the input says: decoder, event parser, reaction.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "docker/event.hpp"
#include "docker/line_decoder.hpp"
#include "monitor/event_reaction.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size == 0) return 0;
  // The first byte picks the chunk size, so every split is reachable.
  const std::size_t chunk = 1 + data[0] % 64;
  const std::string_view body(reinterpret_cast<const char*>(data + 1), size - 1);
  dse::docker::LineDecoder decoder(4096);
  for (std::size_t at = 0; at < body.size(); at += chunk) {
    decoder.feed(body.substr(at, chunk), [](std::string_view line) {
      if (auto event = dse::docker::parse_event(line)) {
        (void)dse::monitor::reaction_to(*event);
        (void)dse::docker::event_action_label(event->action);
      }
    });
  }
  return 0;
}
