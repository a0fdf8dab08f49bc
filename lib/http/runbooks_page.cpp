#include "http/runbooks_page.hpp"

#include <cctype>
#include <string_view>
#include <vector>

#include "http/status_page.hpp"

namespace dse::http {

namespace {

constexpr std::string_view runbooks_markdown =
#include "http/runbooks.inc"
    ;

// `code` spans, the rest escaped.
std::string inline_html(std::string_view text) {
  std::string out;
  bool code = false;
  std::size_t start = 0;
  for (std::size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] != '`') continue;
    out += html_escape(text.substr(start, i - start));
    if (i < text.size()) out += code ? "</code>" : "<code>";
    code = !code;
    start = i + 1;
  }
  if (!code) out += "</code>";  // an odd backtick: close what was opened
  return out;
}

std::vector<std::string_view> cells(std::string_view row) {
  std::vector<std::string_view> out;
  row = row.substr(1, row.size() > 1 && row.back() == '|' ? row.size() - 2 : row.size() - 1);
  while (true) {
    const auto bar = row.find('|');
    auto cell = row.substr(0, bar);
    while (!cell.empty() && cell.front() == ' ') cell.remove_prefix(1);
    while (!cell.empty() && cell.back() == ' ') cell.remove_suffix(1);
    out.push_back(cell);
    if (bar == std::string_view::npos) return out;
    row.remove_prefix(bar + 1);
  }
}

}  // namespace

std::string render_runbooks_page() {
  std::string html =
      "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>docker-seccomp-exporter runbooks</title>"
      "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto}td,th{border:1px solid #ccc;padding:4px}"
      "table{border-collapse:collapse}</style></head>\n<body>\n";
  std::string_view text = runbooks_markdown;
  std::string paragraph;
  bool in_table = false;
  const auto flush = [&] {
    if (!paragraph.empty()) html += "<p>" + inline_html(paragraph) + "</p>\n";
    paragraph.clear();
    if (in_table) html += "</table>\n";
    in_table = false;
  };
  while (!text.empty()) {
    const auto end = text.find('\n');
    const auto line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
    if (line.starts_with("#")) {
      flush();
      const auto level = line.find_first_not_of('#');
      const auto title = line.substr(std::min(line.size(), level + 1));
      std::string id;
      for (const char c : title) {
        if (std::isalnum(static_cast<unsigned char>(c)))
          id += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      }
      const auto tag = "h" + std::to_string(std::min<std::size_t>(level, 6));
      html += "<" + tag + " id=\"" + id + "\">" + inline_html(title) + "</" + tag + ">\n";
    } else if (line.starts_with("|")) {
      if (!paragraph.empty()) flush();
      if (line.starts_with("|---") || line.starts_with("| ---")) continue;
      const bool header = !in_table;
      if (!in_table) html += "<table>\n";
      in_table = true;
      html += "<tr>";
      for (const auto cell : cells(line))
        html += (header ? "<th>" : "<td>") + inline_html(cell) + (header ? "</th>" : "</td>");
      html += "</tr>\n";
    } else if (line.empty()) {
      flush();
    } else {
      if (in_table) flush();
      paragraph += (paragraph.empty() ? "" : " ") + std::string(line);
    }
  }
  flush();
  return html + "</body></html>\n";
}

}  // namespace dse::http
