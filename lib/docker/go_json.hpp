#pragma once
// JSON as Go's encoding/json reads it into a struct, for decoding what dockerd decodes (seccomp profiles):
// every member in order with duplicates kept (a later one overwrites, a nested object merges into the
// earlier one), numbers with the literal's kind, and Go's case-insensitive key matching.
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "util/expected.hpp"

namespace dse::docker {

struct GoJsonMember;

struct GoJson {
  enum class Kind { null, boolean, number, string, array, object };
  // What Go's strconv.ParseUint would make of the literal: an unsigned integer, or not one.
  enum class Number { unsigned_integer, other };

  Kind kind = Kind::null;
  Number number = Number::other;
  std::uint64_t unsigned_value = 0;
  std::string text;  // a string's value
  std::vector<GoJson> items;
  std::vector<GoJsonMember> members;  // in document order, duplicates kept
};

struct GoJsonMember {
  std::string key;
  GoJson value;
};

// Syntax as RFC 8259 (as encoding/json), nesting at most 64 deep. One divergence: Go reads invalid
// UTF-8 in a string as U+FFFD, this refuses it.
Expected<GoJson> parse_go_json(std::string_view text);

// encoding/json's key matching for an ASCII field name: the key equals it ignoring case, where the
// KELVIN SIGN (U+212A) folds to 'k' and LONG S (U+017F) to 's', as Unicode simple folding has them.
bool go_key_matches(std::string_view key, std::string_view field);

// The JSON kind as Go names it in an UnmarshalTypeError ("string", "number", "object", ...).
std::string_view go_kind_name(GoJson::Kind kind);

}  // namespace dse::docker
