// An inspect body (and the same bytes as info, list and profile): parsing, every verdict, every rendering.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "audit/report.hpp"
#include "compliance/profile_analysis.hpp"
#include "docker/container.hpp"
#include "docker/container_list.hpp"
#include "docker/daemon_info.hpp"
#include "http/status_page.hpp"
#include "metrics/exposition.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  (void)dse::docker::parse_daemon_info(body);
  (void)dse::docker::parse_container_list(body);
  (void)dse::compliance::analyse_profile(body, dse::compliance::EngineContext{});
  auto container = dse::docker::parse_inspect(body);
  if (!container) return 0;
  for (const char* profile : {"default", "unconfined", "/etc/docker/seccomp.json", ""}) {
    for (const bool weak_policy : {false, true}) {
      dse::state::ExporterState state;
      dse::docker::DaemonInfo info{{profile[0] != '\0', profile}, "fuzz"};
      // Docker 27 (its own custom profile even when privileged) with the policy on, 20.10 without.
      info.seccomp.custom_profile_for_privileged = info.seccomp.knows_builtin = weak_policy;
      state.set_daemon(info, {std::string(body), {}});  // the same bytes as the daemon's profile file
      state.set_rules({weak_policy}, {});
      state.containers.upsert(*container, dse::kernel::Observation{{dse::kernel::SeccompMode::disabled, 0}, ""});
      (void)dse::metrics::Exposition{}.render(state, {}, "fuzz");  // what /metrics serves
      (void)dse::audit::render_json(state, "unix:///fuzz", "now");
      (void)dse::audit::render_table(state);
      (void)dse::http::render_status_page(state, "/metrics", "fuzz");
    }
  }
  return 0;
}
