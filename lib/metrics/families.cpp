#include "metrics/families.hpp"

#include "metrics/builders.hpp"
#include "metrics/syscall_families.hpp"

#include <algorithm>
#include <iterator>
#include <limits>
#include <tuple>

#include <string>
#include "kernel/proc_status.hpp"

namespace dse::metrics {

namespace {

using prometheus::ClientMetric;
using prometheus::MetricFamily;
using prometheus::MetricType;

}  // namespace

std::vector<const state::ContainerRecord*> judged_records(const state::ExporterState& state) {
  std::vector<const state::ContainerRecord*> records;
  records.reserve(state.containers.size());
  for (const auto& [id, record] : state.containers.records()) {
    if (!record.excluded) records.push_back(&record);
  }
  // One three-way comparison of the names (a tuple's < compares them twice when they differ).
  std::sort(records.begin(), records.end(), [](const auto* a, const auto* b) {
    const auto by_name = a->container.name.compare(b->container.name);
    return by_name != 0 ? by_name < 0 : a->container.id < b->container.id;
  });
  return records;
}

ContainerFamilies container_families() {
  return {family("container_compliant",
                 "1 if the container's system calls are filtered by an enabled seccomp profile "
                 "(CIS Docker Benchmark 5.21, 5.22 from v1.6.0), 0 if not; reason says why.",
                 MetricType::Gauge),
          family("container_kernel_mode",
                 "Seccomp mode of a running container's process as the kernel reports it "
                 "(/proc/<pid>/status): disabled, strict, filter, or unknown when unreadable.",
                 MetricType::Gauge),
          family("container_profile_risky_syscalls",
                 "Syscalls blocked by Docker's default profile (the newest this build knows: build_info's "
                 "default_profile) that the container's custom seccomp profile allows.",
                 MetricType::Gauge),
          family("container_profile_unknown_syscalls",
                 "Syscall names in the container's custom seccomp profile that this host's libseccomp does not "
                 "know; runc skips them, so they neither allow nor refuse anything.",
                 MetricType::Gauge),
          family("container_profile_default_action",
                 "Default action of the container's custom seccomp profile (SCMP_ACT_ALLOW or SCMP_ACT_LOG: "
                 "a deny-list profile); always 1.",
                 MetricType::Gauge)};
}

void add_container_series(const state::ContainerRecord& record, const LabelOptions& options,
                          ContainerFamilies& families) {
  for_each_container_sample(record, [&](ContainerSample sample) {
    families[sample.family].metric.push_back(
        gauge(sample.value, container_labels(record, options, std::move(sample.label))));
  });
}

namespace {

// Every container at once: the reference rendering (tests, fuzzing). /metrics renders through Exposition,
// which keeps each container's lines between scrapes.
void add_container_families(const state::ExporterState& state, const LabelOptions& options,
                            std::vector<MetricFamily>& families) {
  auto container = container_families();
  for (const auto* record : judged_records(state)) add_container_series(*record, options, container);
  std::move(container.begin(), container.end(), std::back_inserter(families));
}

MetricFamily containers_by_reason(const state::ExporterState& state, bool excluded) {
  auto result = excluded ? family("excluded_containers",
                                  "Number of containers excluded from judgement by --exclude.*, per verdict reason.",
                                  MetricType::Gauge)
                         : family("containers",
                                  "Number of containers per seccomp verdict reason (CIS Docker Benchmark 5.21/5.22), "
                                  "excluded ones not counted.",
                                  MetricType::Gauge);
  const auto& counts = state.containers.counts_by_reason(excluded);
  for (const auto reason : compliance::all_reasons) {
    // compliant: what rules count by, so that no rule lists reasons (and misses a new one).
    result.metric.push_back(gauge(static_cast<double>(counts[static_cast<std::size_t>(reason)]),
                                  {{"compliant", compliance::is_compliant(reason) ? "true" : "false"},
                                   {"reason", std::string(compliance::to_string(reason))}}));
  }
  return result;
}

MetricFamily daemon_info(const state::ExporterState& state) {
  const auto& seccomp = state.daemon.seccomp;
  return single_gauge("daemon_info",
                      "The Docker daemon's seccomp set-up: its default profile (default/builtin, unconfined, or a "
                      "file path), whether it reports seccomp support, and the OCI runtime that installs the filters "
                      "(its name and, for runc, version as /info reports them; empty when unknown); always 1.",
                      1,
                      {{"profile", seccomp.profile_name()},
                       {"runtime", seccomp.runtime},
                       {"runtime_version", seccomp.runtime_version},
                       {"seccomp_supported", seccomp.supported ? "true" : "false"},
                       {"version", state.daemon.server_version}});
}

MetricFamily event_to_verdict(const state::LatencyHistogram& histogram) {
  auto result = family("event_to_verdict_seconds",
                       "Time from a Docker event (its timeNano) to the container's new verdict being stored.",
                       MetricType::Histogram);
  ClientMetric metric;
  metric.histogram.sample_count = histogram.count();
  metric.histogram.sample_sum = histogram.sum();
  for (std::size_t i = 0; i < state::LatencyHistogram::bounds.size(); ++i) {
    metric.histogram.bucket.push_back({histogram.cumulative(i), state::LatencyHistogram::bounds[i]});
  }
  metric.histogram.bucket.push_back({histogram.count(), std::numeric_limits<double>::infinity()});
  result.metric.push_back(std::move(metric));
  return result;
}

}  // namespace

std::vector<MetricFamily> build_families(const state::ExporterState& state, const LabelOptions& options,
                                         const BuildInfo& build) {
  std::vector<MetricFamily> families;
  if (!options.aggregate_only) add_container_families(state, options, families);
  auto syscalls = build_syscall_families(state, options);
  std::move(syscalls.begin(), syscalls.end(), std::back_inserter(families));
  auto summary = build_summary_families(state, build);
  std::move(summary.begin(), summary.end(), std::back_inserter(families));
  return families;
}

std::vector<MetricFamily> build_summary_families(const state::ExporterState& state, const BuildInfo& build) {
  std::vector<MetricFamily> families;
  families.push_back(containers_by_reason(state, false));
  families.push_back(containers_by_reason(state, true));
  families.push_back(single_gauge("docker_up",
                                  "1 if the Docker events stream is connected and the last full scan "
                                  "succeeded, else 0 (verdicts may then be stale).",
                                  state.docker_up() ? 1 : 0));
  families.push_back(
      labelled_counter("events_total", "Docker events received, by action.", "action", state.events_by_action));
  families.push_back(labelled_counter("docker_request_errors_total", "Failed Docker Engine API requests, by endpoint.",
                                      "endpoint", state.request_errors_by_endpoint));
  families.push_back(labelled_counter("internal_errors_total",
                                      "Background tasks of the exporter that failed (an exception, such as an "
                                      "allocation failure); each is logged and turns into a reconnect and rescan.",
                                      "task", state.internal_errors_by_task));
  families.push_back(labelled_counter("config_reload_errors_total",
                                      "Reloads of --config.file (SIGHUP) or of a changed --web.config.file that "
                                      "failed (not a regular file, over 1 MiB, unreadable, invalid); each is "
                                      "logged and the running settings are kept.",
                                      "file", state.config_reload_errors_by_file));
  families.push_back(single_counter("daemon_profile_read_errors_total",
                                    "Reads of the daemon's seccomp profile file (named by /info) that failed: not "
                                    "a regular file, over 1 MiB, unreadable or not a profile.",
                                    state.daemon_profile_read_errors));
  families.push_back(single_counter("profile_file_read_errors_total",
                                    "Reads of a container's seccomp profile file (Podman names a path in "
                                    "SecurityOpt) that failed; the profile is then unknown (CIS: custom_profile).",
                                    state.profile_file_read_errors));
  families.push_back(single_counter("kernel_read_errors_total",
                                    "Reads of a running container's /proc/<pid>/status that failed or found "
                                    "another process (its kernel mode is then unknown).",
                                    state.kernel_read_errors));
  families.push_back(single_counter("http_slow_clients_dropped_total",
                                    "Clients of the endpoint dropped because they did not read their answer while "
                                    "the answers held for readers exceeded 64 MiB (or four times the answer).",
                                    state.slow_clients_dropped));
  families.push_back(event_to_verdict(state.event_to_verdict));
  families.push_back(single_gauge("uninspectable_containers",
                                  "Containers whose last inspect failed (HTTP error, timeout, unusable body); "
                                  "they have no current verdict and are retried at the next resync.",
                                  static_cast<double>(state.uninspectable.size())));
  const auto cut = state.containers.cut_count();
  families.push_back(single_gauge("containers_cut",
                                  "Containers whose name, image, labels or state the engine sent longer than the "
                                  "exporter keeps (256 bytes each, images 512, 256 labels) or not as UTF-8: "
                                  "shown cut on a character boundary, invalid bytes as U+FFFD.",
                                  static_cast<double>(cut)));
  if (!state.daemon.server_version.empty()) families.push_back(daemon_info(state));
  if (state.last_full_scan_unix_seconds) {
    families.push_back(single_gauge("last_full_scan_timestamp_seconds",
                                    "Unix time of the last successful full scan of all containers.",
                                    *state.last_full_scan_unix_seconds));
  }
  families.push_back(single_gauge("build_info", "Build information of docker-seccomp-exporter; always 1.", 1,
                                  {{"compiler", std::string(build.compiler)},
                                   {"default_profile", std::string(build.default_profile)},
                                   {"revision", std::string(build.revision)},
                                   {"version", std::string(build.version)}}));
  return families;
}

}  // namespace dse::metrics
