#include "docker/go_json.hpp"

#include <nlohmann/json.hpp>

namespace dse::docker {

namespace {

constexpr std::size_t max_depth = 64;

GoJson of_kind(GoJson::Kind kind) {
  GoJson value;
  value.kind = kind;
  return value;
}

// nlohmann's SAX events into a GoJson tree: containers are built on a stack and moved into their parent
// when they close, so duplicate keys and member order survive (nlohmann's own DOM keeps one per key).
class Builder {
 public:
  using json = nlohmann::json;

  bool null() { return add(GoJson{}); }
  bool boolean(bool) { return add(of_kind(GoJson::Kind::boolean)); }
  bool number_integer(json::number_integer_t) { return add(of_kind(GoJson::Kind::number)); }
  bool number_unsigned(json::number_unsigned_t value) {
    GoJson number = of_kind(GoJson::Kind::number);
    number.number = GoJson::Number::unsigned_integer;
    number.unsigned_value = value;
    return add(std::move(number));
  }
  bool number_float(json::number_float_t, const json::string_t&) { return add(of_kind(GoJson::Kind::number)); }
  bool string(json::string_t& value) {
    GoJson text = of_kind(GoJson::Kind::string);
    text.text = std::move(value);
    return add(std::move(text));
  }
  bool binary(json::binary_t&) { return false; }
  bool start_object(std::size_t) { return open(GoJson::Kind::object); }
  bool key(json::string_t& name) {
    m_keys.push_back(std::move(name));
    return true;
  }
  bool end_object() { return close(); }
  bool start_array(std::size_t) { return open(GoJson::Kind::array); }
  bool end_array() { return close(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& error) {
    m_error = error.what();
    return false;
  }

  std::string error() const { return m_error.empty() ? "JSON nested deeper than 64 levels" : m_error; }
  GoJson result() { return std::move(m_root); }

 private:
  bool open(GoJson::Kind kind) {
    if (m_stack.size() >= max_depth) return false;
    m_stack.push_back(of_kind(kind));
    return true;
  }
  bool close() {
    GoJson done = std::move(m_stack.back());
    m_stack.pop_back();
    return add(std::move(done));
  }
  bool add(GoJson value) {
    if (m_stack.empty()) {
      m_root = std::move(value);
    } else if (auto& parent = m_stack.back(); parent.kind == GoJson::Kind::array) {
      parent.items.push_back(std::move(value));
    } else {
      parent.members.push_back(GoJsonMember{std::move(m_keys.back()), std::move(value)});
      m_keys.pop_back();
    }
    return true;
  }

  std::vector<GoJson> m_stack;
  std::vector<std::string> m_keys;  // one per open object awaiting its value
  GoJson m_root;
  std::string m_error;
};

// One code point from UTF-8 (the parser has validated it); advances i.
char32_t next_code_point(std::string_view text, std::size_t& i) {
  const auto byte = static_cast<unsigned char>(text[i]);
  const int length = byte < 0x80 ? 1 : byte < 0xE0 ? 2 : byte < 0xF0 ? 3 : 4;
  char32_t point = length == 1 ? byte : byte & (0x7F >> length);
  for (int k = 1; k < length && i + k < text.size(); ++k) point = (point << 6) | (text[i + k] & 0x3F);
  i += static_cast<std::size_t>(length);
  return point;
}

char32_t ascii_lower(char32_t c) { return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c; }

}  // namespace

Expected<GoJson> parse_go_json(std::string_view text) {
  Builder builder;
  if (!nlohmann::json::sax_parse(text, &builder)) return Error{builder.error()};
  return builder.result();
}

bool go_key_matches(std::string_view key, std::string_view field) {
  std::size_t i = 0;
  for (const char expected : field) {
    if (i >= key.size()) return false;
    char32_t c = ascii_lower(next_code_point(key, i));
    if (c == U'\u212A') c = 'k';
    if (c == U'\u017F') c = 's';
    if (c != ascii_lower(static_cast<unsigned char>(expected))) return false;
  }
  return i == key.size();
}

std::string_view go_kind_name(GoJson::Kind kind) {
  switch (kind) {
    case GoJson::Kind::null: return "null";
    case GoJson::Kind::boolean: return "bool";
    case GoJson::Kind::number: return "number";
    case GoJson::Kind::string: return "string";
    case GoJson::Kind::array: return "array";
    case GoJson::Kind::object: return "object";
  }
  return "value";
}

}  // namespace dse::docker
