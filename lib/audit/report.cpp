#include "audit/report.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <tuple>
#include <vector>

#include "kernel/proc_status.hpp"
#include "util/log_escape.hpp"

namespace dse::audit {

namespace {

using Record = state::ContainerRecord;

int rank(const Record& record) {
  if (record.excluded) return 2;
  return record.verdict.compliant ? 1 : 0;
}

}  // namespace

std::vector<const Record*> report_order(const state::ExporterState& state) {
  std::vector<const Record*> records;
  for (const auto& [id, record] : state.containers.records()) records.push_back(&record);
  std::sort(records.begin(), records.end(), [](const Record* a, const Record* b) {
    return std::make_tuple(rank(*a), std::cref(a->container.name), std::cref(a->container.id)) <
           std::make_tuple(rank(*b), std::cref(b->container.name), std::cref(b->container.id));
  });
  return records;
}

namespace {

std::string verdict_word(const Record& record) {
  if (record.excluded) return "excluded";
  return record.verdict.compliant ? "compliant" : "NON-COMPLIANT";
}

std::string kernel_word(const Record& record) {
  return record.kernel ? std::string(kernel::to_string(record.kernel->seccomp.mode)) : "-";
}

struct Counts {
  std::size_t compliant = 0, non_compliant = 0, excluded = 0;
};

Counts count(const state::ExporterState& state) {
  Counts counts;
  for (const auto& [id, record] : state.containers.records()) {
    if (record.excluded)
      ++counts.excluded;
    else if (record.verdict.compliant)
      ++counts.compliant;
    else
      ++counts.non_compliant;
  }
  return counts;
}

}  // namespace

std::string render_table(const state::ExporterState& state) {
  std::vector<std::array<std::string, 6>> rows = {{"CONTAINER", "IMAGE", "STATE", "VERDICT", "REASON", "KERNEL"}};
  for (const auto* record : report_order(state)) {
    const auto& c = record->container;
    // The engine's strings may hold a newline (a forged row) or a terminal's escape sequences.
    rows.push_back({escape_terminal_text(c.name), escape_terminal_text(c.image), escape_terminal_text(c.state),
                    verdict_word(*record), std::string(compliance::to_string(record->verdict.reason)),
                    kernel_word(*record)});
  }
  std::array<std::size_t, 6> widths{};
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) widths[i] = std::max(widths[i], row[i].size());
  }
  std::string out;
  for (const auto& row : rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      out += row[i];
      if (i + 1 < row.size()) out += std::string(widths[i] - row[i].size() + 2, ' ');
    }
    out += '\n';
  }
  const auto counts = count(state);
  out += "\n" + std::to_string(state.containers.size()) + " containers: " + std::to_string(counts.compliant) +
         " compliant, " + std::to_string(counts.non_compliant) + " non-compliant, " + std::to_string(counts.excluded) +
         " excluded (CIS Docker Benchmark 5.21)\n";
  return out;
}

std::string render_json(const state::ExporterState& state, std::string_view docker_host,
                        std::string_view generated_at) {
  nlohmann::ordered_json containers = nlohmann::ordered_json::array();
  for (const auto* record : report_order(state)) {
    const auto& c = record->container;
    nlohmann::ordered_json entry = {
        {"id", c.id},
        {"name", c.name},
        {"image", c.image},
        {"state", c.state},
        {"compliant", record->verdict.compliant && !record->excluded},
        {"excluded", record->excluded},
        {"reason", compliance::to_string(record->verdict.reason)},
        {"privileged", c.privileged},
        {"security_opt", c.security_opt},
        {"kernel_mode", record->kernel ? nlohmann::ordered_json(kernel::to_string(record->kernel->seccomp.mode))
                                       : nlohmann::ordered_json()},
        {"start_error", c.start_error.empty() ? nlohmann::ordered_json() : nlohmann::ordered_json(c.start_error)},
        {"profile", nullptr},
    };
    if (record->profile && record->profile->effect == compliance::ProfileAnalysis::Effect::filter) {
      entry["profile"] = {{"default_action", record->profile->default_action},
                          {"risky_syscalls_allowed", record->profile->risky_allowed}};
    }
    containers.push_back(std::move(entry));
  }
  const auto counts = count(state);
  const nlohmann::ordered_json report = {
      {"schema_version", schema_version},
      {"generated_at", generated_at},
      {"control", "CIS Docker Benchmark 5.21 (5.22 from v1.6.0)"},
      {"docker",
       {{"host", docker_host},
        {"server_version", state.daemon.server_version},
        {"seccomp_supported", state.daemon.seccomp.supported},
        {"default_profile", state.daemon.seccomp.profile_name()}}},
      {"summary",
       {{"containers", state.containers.size()},
        {"compliant", counts.compliant},
        {"non_compliant", counts.non_compliant},
        {"excluded", counts.excluded}}},
      {"containers", std::move(containers)},
  };
  // Container-supplied strings may hold anything: replace invalid UTF-8 rather than throw.
  return report.dump(2, ' ', false, nlohmann::ordered_json::error_handler_t::replace) + "\n";
}

int exit_code(const state::ExporterState& state) { return count(state).non_compliant > 0 ? 1 : 0; }

}  // namespace dse::audit
