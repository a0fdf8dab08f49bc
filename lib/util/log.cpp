#include "util/log.hpp"

#include <charconv>

namespace dse::log {

namespace {

constexpr char field_mark = '\x1f';  // then KEY, '=', the value's length, ':', the value

}  // namespace

std::string encode(std::string_view msg, std::initializer_list<Field> fields) {
  std::string payload(msg);
  for (const auto& field : fields) {
    payload += field_mark;
    payload += field.key;
    payload += '=';
    payload += std::to_string(field.value.size());
    payload += ':';
    payload += field.value;
  }
  return payload;
}

Decoded decode(std::string_view payload) {
  Decoded decoded;
  const auto first = payload.find(field_mark);
  decoded.msg = payload.substr(0, first);
  if (first == std::string_view::npos) return decoded;
  auto rest = payload.substr(first);
  while (rest.size() > 1 && rest.front() == field_mark) {
    const auto eq = rest.find('=');
    const auto colon = rest.find(':', eq);
    std::size_t length = 0;
    if (eq == std::string_view::npos || colon == std::string_view::npos ||
        std::from_chars(rest.data() + eq + 1, rest.data() + colon, length).ptr != rest.data() + colon ||
        length > rest.size() - colon - 1) {
      decoded.msg = payload;  // not ours after all: the whole payload is the message
      decoded.fields.clear();
      return decoded;
    }
    decoded.fields.emplace_back(rest.substr(1, eq - 1), rest.substr(colon + 1, length));
    rest.remove_prefix(colon + 1 + length);
  }
  return decoded;
}

}  // namespace dse::log
