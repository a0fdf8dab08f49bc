#pragma once
// Everything /metrics reports, owned by the event loop's thread.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "docker/daemon_info.hpp"
#include "state/container_store.hpp"
#include "state/latency_histogram.hpp"
#include "state/syscall_observations.hpp"
#include "state/web_side_stats.hpp"

namespace dse::state {

// The Docker endpoints we call, so that their error counters exist (at 0) before the first error.
inline constexpr const char* docker_endpoints[] = {"ping", "events", "info", "containers_list", "inspect"};
// The monitor's background tasks, so that their failure counters exist (at 0) before the first failure.
inline constexpr const char* monitor_tasks[] = {"session", "scan", "daemon_info", "inspect", "resync", "liveness"};

struct ExporterState {
  ExporterState();
  ContainerStore containers;
  docker::DaemonInfo daemon;
  bool daemon_known = false;  // set_daemon was called: verdicts can be judged
  bool events_connected = false;
  bool last_scan_ok = false;
  std::optional<double> last_full_scan_unix_seconds;
  std::map<std::string, std::uint64_t> events_by_action;
  std::map<std::string, std::uint64_t> request_errors_by_endpoint;
  std::map<std::string, std::uint64_t> internal_errors_by_task;  // a task ended by an exception
  std::uint64_t daemon_profile_read_errors = 0;  // the profile file /info names could not be read or analysed
  std::uint64_t profile_file_read_errors = 0;    // a profile file a container's SecurityOpt names (Podman)
  std::uint64_t kernel_read_errors = 0;          // running containers whose /proc status could not be read
  std::uint64_t slow_clients_dropped = 0;        // endpoint clients dropped while not reading their answer
  // Reloads that failed and kept the running settings: "config_file" (SIGHUP), "web_config_file" (changed).
  std::map<std::string, std::uint64_t> config_reload_errors_by_file{{"config_file", 0}, {"web_config_file", 0}};
  std::set<std::string> uninspectable;  // listed or announced containers whose last inspect failed
  LatencyHistogram event_to_verdict;    // from an event's time to the verdict that answers it
  SyscallObservations syscalls;         // --collector.seccomp-audit
  WebSideStats web_side;

  bool docker_up() const { return events_connected && last_scan_ok; }
  void count_event(const std::string& action) { ++events_by_action[action]; }
  void count_request_error(const std::string& endpoint) { ++request_errors_by_endpoint[endpoint]; }
  void count_internal_error(const std::string& task) { ++internal_errors_by_task[task]; }
  // A container is gone: its record, its failed inspect and its syscall counts go together. True when a
  // record was erased.
  bool forget(const std::string& id);
  // profiles: the texts of the daemon's custom default profile file and Podman's default, as read.
  void set_daemon(docker::DaemonInfo info, compliance::HostProfiles profiles = {});
  void set_rules(compliance::Policy policy, Exclusions exclusions);
  // Whether /profiles/<name>.json has a suggestion for this container: the audit collector saw its
  // filter act, or it runs under a learning profile (default action SCMP_ACT_LOG) and has made no call
  // outside Docker's default yet.
  bool has_profile_suggestion(const ContainerRecord& record) const;
  // The suggestion (compliance/learning_profile.hpp): made from the profile the container ran under when
  // that is a text (its own, or the daemon's file), else from the engine's default (Docker's, or Podman's
  // file); nullopt when there is none or the base cannot be read as a profile.
  std::optional<std::string> suggested_profile(const ContainerRecord& record) const;
};

}  // namespace dse::state
