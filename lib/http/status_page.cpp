#include "http/status_page.hpp"

#include <algorithm>
#include <ctime>

#include "audit/report.hpp"
#include "compliance/checks.hpp"
#include "kernel/proc_status.hpp"

namespace dse::http {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string_view remedy(compliance::Reason reason) {
  using compliance::Reason;
  switch (reason) {
    case Reason::unconfined:
      return "Recreate it without --security-opt seccomp=unconfined; give it a custom profile if it needs more "
             "syscalls.";
    case Reason::privileged:
      return "Recreate it without --privileged; grant only the capabilities (--cap-add) and devices it needs.";
    case Reason::daemon_unconfined:
      return "Remove the daemon's unconfined default (--seccomp-profile or daemon.json) and restart dockerd.";
    case Reason::daemon_no_seccomp: return "Run Docker on a kernel and engine built with seccomp support.";
    case Reason::kernel_unconfined:
      return "The kernel shows no filter although one is configured: check the runtime and restart the container.";
    case Reason::invalid_profile:
      return "Fix the profile: the engine or its runtime (runc, crun) refuses it, so the container cannot start (see "
             "docs/audit.md).";
    case Reason::empty_profile:
      return "The profile has neither a defaultAction nor a rule: dockerd installs no filter. Give it a defaultAction.";
    case Reason::weak_profile:
      return "Tighten the profile: default action SCMP_ACT_ERRNO, and drop the syscalls Docker's default blocks.";
    case Reason::default_profile:
    case Reason::custom_profile: return "";
  }
  return "";
}

std::string profile_summary(const state::ContainerRecord& record) {
  using compliance::Reason;
  const auto& profile = record.profile;
  const auto custom = [&] {
    if (!profile) return std::string("custom");
    if (profile->builtin) return std::string("custom: Docker's default");
    const auto action = profile->default_action.empty() ? std::string("none") : profile->default_action;
    return std::string(profile->deny_list ? "custom deny-list" : "custom allow-list") + " (default " + action + ")";
  };
  switch (record.verdict.reason) {
    case Reason::default_profile: return "Docker's default";
    case Reason::custom_profile:
    case Reason::weak_profile: return custom();
    case Reason::unconfined: return "none: seccomp=unconfined";
    case Reason::privileged: return "none: --privileged";
    case Reason::daemon_unconfined: return "none: the daemon's default is unconfined";
    case Reason::daemon_no_seccomp: return "none: the daemon has no seccomp support";
    case Reason::kernel_unconfined: return "configured, yet none in the kernel";
    case Reason::empty_profile: return "custom, installs no filter";
    case Reason::invalid_profile:
      if (profile && !profile->problem.empty()) return "custom, refused by " + profile->problem;
      if (!record.container.start_error.empty())
        return "custom, refused by the runtime: " + record.container.start_error;
      return "custom, refused by the engine";
  }
  return "";
}

namespace {

// What the Kernel column's values mean: the words /proc/<pid>/status uses, and the dash.
constexpr std::string_view kernel_legend =
    "<p class=\"meta\" id=\"legend\">Kernel: what <code>/proc/&lt;pid&gt;/status</code> says of the container's "
    "main process. <code>filter</code>: a seccomp filter is installed (<code>Seccomp: 2</code>); "
    "<code>disabled</code>: no filter (<code>Seccomp: 0</code>); <code>strict</code>: strict mode "
    "(<code>Seccomp: 1</code>); <code>unknown</code>: it could not tell (the pid was not shown to be the "
    "container's, or <code>--proc.path</code> could not be read; never guessed); &ndash;: not read (the container is "
    "not running, or the engine gave no pid).</p>\n";

constexpr std::string_view style = R"(
body{font-family:system-ui,sans-serif;margin:2rem;color:#1d1d1f;background:#fafafa}
h1{font-size:1.4rem;margin:0 0 .3rem}
.summary{display:flex;gap:1rem;margin:1rem 0;flex-wrap:wrap}
.card{background:#fff;border:1px solid #ddd;border-radius:6px;padding:.6rem 1rem;min-width:9rem}
.card b{display:block;font-size:1.6rem}
.bad b{color:#b3261e}.good b{color:#1e7b34}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e5e5e5;padding:.4rem .6rem;text-align:left;vertical-align:top;font-size:.9rem}
th{background:#f0f0f0}
tr.noncompliant td.verdict{color:#b3261e;font-weight:bold}
tr.compliant td.verdict{color:#1e7b34}
tr.excluded{color:#777}
code{font-size:.85rem}
.meta{color:#555;font-size:.9rem}
)";

std::string card(std::string_view css_class, std::string_view label, std::size_t value) {
  return "<div class=\"card " + std::string(css_class) + "\"><b>" + std::to_string(value) + "</b>" +
         std::string(label) + "</div>";
}

std::string scan_time(const state::ExporterState& state) {
  if (!state.last_full_scan_unix_seconds) return "never";
  const auto seconds = static_cast<std::time_t>(*state.last_full_scan_unix_seconds);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char text[32];
  std::strftime(text, sizeof(text), "%Y-%m-%d %H:%M:%S UTC", &tm);
  return text;
}

std::string container_row(const state::ExporterState& state, const state::ContainerRecord& record) {
  const auto& c = record.container;
  const bool bad = !record.verdict.compliant && !record.excluded;
  const std::string css = record.excluded ? "excluded" : bad ? "noncompliant" : "compliant";
  const std::string verdict = record.excluded ? "excluded" : bad ? "non-compliant" : "compliant";
  const std::string kernel_mode =
      record.kernel ? std::string(kernel::to_string(record.kernel->seccomp.mode)) : "&ndash;";
  const bool filter = record.profile && record.profile->effect == compliance::ProfileAnalysis::Effect::filter;
  const std::string risky = filter ? std::to_string(record.profile->risky_allowed.size()) : "&ndash;";
  const auto suggestion = state.suggested_profile(record);
  const auto allows = suggestion ? compliance::suggestion_allows(*suggestion, c, state.containers.context().daemon,
                                                                 state.containers.context().profiles)
                                 : std::nullopt;
  return "<tr class=\"" + css + "\"><td class=\"name\">" + html_escape(c.name) + "</td><td class=\"image\">" +
         html_escape(c.image) + "</td><td>" + html_escape(c.state) + "</td><td class=\"verdict\">" + verdict +
         "</td><td class=\"reason\"><code>" + std::string(compliance::to_string(record.verdict.reason)) +
         "</code></td><td class=\"fix\">" + html_escape(bad ? remedy(record.verdict.reason) : "") + "</td><td>" +
         kernel_mode + "</td><td>" + risky + "</td><td class=\"profile\">" + html_escape(profile_summary(record)) +
         (suggestion
              ? " &middot; <a href=\"profiles/" + html_escape(c.name) + ".json\">suggested profile</a>" +
                    (allows ? " <span class=\"allows\">allows " + std::to_string(allows->allowed) + " syscalls, " +
                                  "the engine's default " + std::to_string(allows->default_allowed) + "</span>"
                            : std::string()) +
                    (state.syscalls.gaps(c.id).complete()
                         ? std::string()
                         : " <b class=\"incomplete\" title=\"records past the per-container bound or lost by the audit "
                           "socket: the profile may lack syscalls\">(incomplete)</b>")
              : std::string()) +
         "</td></tr>\n";
}

}  // namespace

namespace {

// "Containers 501–1000 of 1200", with links to the pages around it; empty when one page holds all.
std::string page_links(std::size_t page, std::size_t pages, std::size_t first, std::size_t last, std::size_t total) {
  if (pages <= 1) return "";
  std::string links = "<p class=\"meta\" id=\"pages\">Containers " + std::to_string(first + 1) + "&ndash;" +
                      std::to_string(last) + " of " + std::to_string(total) + ", worst first";
  if (page > 1) links += " &middot; <a href=\"?page=" + std::to_string(page - 1) + "\">&lsaquo; previous</a>";
  if (page < pages) links += " &middot; <a href=\"?page=" + std::to_string(page + 1) + "\">next &rsaquo;</a>";
  return links + " &middot; page " + std::to_string(page) + " of " + std::to_string(pages) + "</p>\n";
}

}  // namespace

std::string render_status_page(const state::ExporterState& state, std::string_view telemetry_path,
                               std::string_view version, std::size_t page_number) {
  std::size_t compliant = 0, non_compliant = 0, excluded = 0;
  const auto ordered = audit::report_order(state);
  // Bounded: one page of rows however many containers (and however long their strings, docker/container.hpp).
  const auto pages = std::max<std::size_t>(1, (ordered.size() + status_page_rows - 1) / status_page_rows);
  const auto page_shown = std::clamp<std::size_t>(page_number, 1, pages);
  const auto first = (page_shown - 1) * status_page_rows, last = std::min(ordered.size(), first + status_page_rows);
  std::string rows;
  for (std::size_t i = 0; i < ordered.size(); ++i) {
    const auto* record = ordered[i];
    if (record->excluded)
      ++excluded;
    else if (record->verdict.compliant)
      ++compliant;
    else
      ++non_compliant;
    if (i >= first && i < last) rows += container_row(state, *record);
  }
  const auto links = page_links(page_shown, pages, first, last, ordered.size());
  const auto& daemon = state.daemon;
  const auto metrics = html_escape(telemetry_path);
  std::string page =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<title>docker-seccomp-exporter</title><style>" +
      std::string(style) + "</style></head>\n<body>\n";
  page += "<h1>Seccomp filtering of containers (CIS Docker Benchmark 5.21)</h1>\n";
  page += "<p class=\"meta\" id=\"health\">Docker: <b>" + std::string(state.docker_up() ? "connected" : "DOWN") +
          "</b> &middot; engine " + html_escape(daemon.server_version.empty() ? "unknown" : daemon.server_version) +
          " &middot; daemon default profile <code>" +
          html_escape(daemon.seccomp.supported ? daemon.seccomp.profile_name() : "none (no seccomp support)") +
          "</code> &middot; last full scan " + scan_time(state) + " &middot; exporter " + html_escape(version) +
          " &middot; <a href=\"" + metrics + "\">Metrics</a></p>\n";
  page += "<div class=\"summary\">" + card(non_compliant > 0 ? "bad" : "good", "non-compliant", non_compliant) +
          card("good", "compliant", compliant) + card("", "excluded", excluded) + "</div>\n";
  page +=
      "<table id=\"containers\"><thead><tr><th>Container</th><th>Image</th><th>State</th><th>Verdict</th>"
      "<th>Reason</th><th>Fix</th><th>Kernel</th><th>Risky syscalls allowed</th><th>Seccomp "
      "profile</th></tr></thead>\n<tbody>\n" +
      rows + "</tbody></table>\n" + links + std::string(kernel_legend);
  page += "<p class=\"meta\"><a href=\"" + metrics + "\">" + metrics + "</a></p>\n</body></html>\n";
  return page;
}

}  // namespace dse::http
