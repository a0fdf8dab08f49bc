#include "util/log_escape.hpp"

#include <cstdint>

#include "util/utf8.hpp"

namespace dse {

std::string escape_log_text(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    if (c >= 0x80) {
      if (const auto length = utf8_sequence_length(text.substr(i)); length > 0) {
        out.append(text.substr(i, length));
        i += length;
      } else {
        out += "\\\\x";
        out += hex[c >> 4];
        out += hex[c & 0xF];
        ++i;
      }
      continue;
    }
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F) {
          out += "\\u00";
          out += hex[c >> 4];
          out += hex[c & 0xF];
        } else {
          out += static_cast<char>(c);
        }
    }
    ++i;
  }
  return out;
}

std::string escape_terminal_text(std::string_view text) {
  static constexpr char hex[] = "0123456789abcdef";
  std::string out;
  out.reserve(text.size());
  const auto escaped = [&](std::string_view prefix, unsigned value) {
    out += prefix;
    out += hex[(value >> 4) & 0xF];
    out += hex[value & 0xF];
  };
  for (std::size_t i = 0; i < text.size();) {
    const auto c = static_cast<std::uint8_t>(text[i]);
    if (c >= 0x80) {
      const auto length = utf8_sequence_length(text.substr(i));
      if (length == 0) {
        escaped("\\x", c);
        ++i;
      } else if (length == 2 && c == 0xC2 && static_cast<std::uint8_t>(text[i + 1]) < 0xA0) {
        escaped("\\u00", static_cast<std::uint8_t>(text[i + 1]));  // C1 control
        i += 2;
      } else {
        out.append(text.substr(i, length));
        i += length;
      }
      continue;
    }
    switch (c) {
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20 || c == 0x7F)
          escaped("\\x", c);
        else
          out += static_cast<char>(c);
    }
    ++i;
  }
  return out;
}

}  // namespace dse
