#pragma once
// What goes into a quoted logfmt value or a JSON string: text from the engine may hold NUL, 0xFF, escape
// sequences or line breaks, and none of it may reach a terminal or a log shipper as it came.
#include <string>
#include <string_view>

namespace dse {

// Quotes and backslashes escaped; \n, \r, \t as such; other control characters (and DEL) as \u00XX; bytes
// that are not UTF-8 as the text \xNN; valid UTF-8 kept as it is.
std::string escape_log_text(std::string_view text);

// For a terminal (the audit table, a server's words on stderr): backslash, \n, \r, \t escaped, other control
// characters (C0, DEL, and C1 such as U+009B, a CSI of its own) and bytes that are not UTF-8 as \xNN or
// \u00NN, so that no row can be forged and no escape sequence reach the terminal; valid UTF-8 kept.
std::string escape_terminal_text(std::string_view text);

}  // namespace dse
