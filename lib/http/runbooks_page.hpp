#pragma once
// GET /runbooks: docs/runbooks.md, compiled in and served as HTML by the exporter itself, so that an alert's
// runbook_url (http://<instance>/runbooks#<alert>) opens in any browser that can reach the exporter.
#include <string>

namespace dse::http {

// Headings become anchors named as the rules link them (#dockercontainerseccompunconfined); tables,
// paragraphs, lists and `code` are kept; everything else is text, escaped.
std::string render_runbooks_page();

}  // namespace dse::http
