#pragma once
// Every flag the exporter accepts, declared once: its name, kind and help (--help), where its value goes
// (from the command line and from the config file alike), and, for a setting a reload cannot apply, how to
// tell that it changed (config/restart_only).
#include <span>
#include <string>
#include <string_view>

#include "util/expected.hpp"

namespace dse::config {

struct Config;

enum class Kind { value, list, toggle, command_line_only };

struct FlagSpec {
  std::string_view name;             // without "--"
  std::string_view value_name = {};  // empty: a toggle, or a command-line flag that takes no value
  Kind kind;
  std::string_view help;
  // Checks the value and puts it in place (a list's value is appended). Every flag has one.
  Expected<bool> (*apply)(Config&, const std::string& value) = nullptr;
  // A list's: empties it, since a list given again replaces the one before (the file's, by the command line).
  void (*clear)(Config&) = nullptr;
  // A restart-only setting's: whether two configurations agree on it. nullptr for a setting a reload applies,
  // and for the command line's own flags.
  bool (*same)(const Config&, const Config&) = nullptr;
};

std::span<const FlagSpec> flag_specs();

// nullptr when there is no such flag.
const FlagSpec* find_spec(std::string_view name);

}  // namespace dse::config
