#include "compliance/seccomp_profile.hpp"

#include <charconv>

#include "docker/go_json.hpp"

namespace dse::compliance {

namespace {

using docker::GoJson;
using Kind = GoJson::Kind;

// encoding/json keeps decoding after a value of the wrong type and returns the first such error at the
// end; an Unmarshaler's own error (KernelVersion) ends decoding at once. Either way LoadProfile fails.
class Decoder {
 public:
  std::optional<std::string> error;

  void mismatch(const GoJson& value, std::string_view field, std::string_view go_type) {
    if (!error) {
      error = "json: cannot unmarshal " + std::string(docker::go_kind_name(value.kind)) + " into Go struct field " +
              std::string(field) + " of type " + std::string(go_type);
    }
  }

  void string_field(const GoJson& value, std::string& out, std::string_view field) {
    if (value.kind == Kind::string) out = value.text;
    else if (value.kind != Kind::null) mismatch(value, field, "string");
  }

  void string_list(const GoJson& value, std::vector<std::string>& out, std::string_view field) {
    if (value.kind == Kind::null) {
      out.clear();
    } else if (value.kind == Kind::array) {
      out.clear();  // a slice is replaced, not appended to
      for (const auto& item : value.items) {
        out.emplace_back(item.kind == Kind::string ? item.text : "");
        if (item.kind != Kind::string && item.kind != Kind::null) mismatch(item, field, "string");
      }
    } else {
      mismatch(value, field, "[]string");
    }
  }

  void unsigned_field(const GoJson& value, std::string_view field) {
    if (value.kind == Kind::number && value.number == GoJson::Number::unsigned_integer) return;
    if (value.kind != Kind::null) mismatch(value, field, "uint64");
  }

  // moby KernelVersion.UnmarshalJSON: a string "<kernel>.<major>", each part a decimal of at most 255.
  void kernel_version(const GoJson& value, std::optional<KernelVersion>& out) {
    if (value.kind == Kind::null) {
      out.reset();
      return;
    }
    if (!out) out = KernelVersion{};  // Go allocates the pointer before calling UnmarshalJSON
    const auto invalid = [&] {
      if (!error) error = "invalid kernel version, expected \"<kernel>.<major>\"";
    };
    if (value.kind != Kind::string) return invalid();
    if (value.text.empty()) return;  // accepted, and leaves the version as it was
    const auto dot = value.text.find('.');
    if (dot == std::string::npos || value.text.find('.', dot + 1) != std::string::npos) return invalid();
    KernelVersion parsed;
    if (!parse_byte(std::string_view(value.text).substr(0, dot), parsed.kernel) ||
        !parse_byte(std::string_view(value.text).substr(dot + 1), parsed.major) ||
        (parsed.kernel == 0 && parsed.major == 0)) {
      return invalid();
    }
    *out = parsed;
  }

  void filter(const GoJson& value, RuleFilter& out, std::string_view field) {
    if (value.kind == Kind::null) return;  // a struct is left as it was
    if (value.kind != Kind::object) return mismatch(value, field, "seccomp.Filter");
    for (const auto& [key, member] : value.members) {
      if (docker::go_key_matches(key, "caps")) string_list(member, out.caps, "caps");
      else if (docker::go_key_matches(key, "arches")) string_list(member, out.arches, "arches");
      else if (docker::go_key_matches(key, "minKernel")) kernel_version(member, out.min_kernel);
    }
  }

  void args(const GoJson& value, ProfileRule& rule) {
    if (value.kind == Kind::null) {
      rule.args = 0;
      rule.null_arg = false;
      return;
    }
    if (value.kind != Kind::array) return mismatch(value, "args", "[]*specs.LinuxSeccompArg");
    rule.args = value.items.size();
    rule.null_arg = false;
    for (const auto& arg : value.items) {
      if (arg.kind == Kind::null) {
        rule.null_arg = true;
        continue;
      }
      if (arg.kind != Kind::object) {
        mismatch(arg, "args", "specs.LinuxSeccompArg");
        continue;
      }
      std::string op;
      for (const auto& [key, member] : arg.members) {
        if (docker::go_key_matches(key, "index")) unsigned_field(member, "index");
        else if (docker::go_key_matches(key, "value")) unsigned_field(member, "value");
        else if (docker::go_key_matches(key, "valueTwo")) unsigned_field(member, "valueTwo");
        else if (docker::go_key_matches(key, "op")) string_field(member, op, "op");
      }
    }
  }

  std::optional<ProfileRule> rule(const GoJson& value) {
    if (value.kind == Kind::null) return std::nullopt;
    ProfileRule rule;
    if (value.kind != Kind::object) {
      mismatch(value, "syscalls", "seccomp.Syscall");
      return rule;
    }
    std::string comment;
    for (const auto& [key, member] : value.members) {
      if (docker::go_key_matches(key, "name")) string_field(member, rule.name, "name");
      else if (docker::go_key_matches(key, "names")) string_list(member, rule.names, "names");
      else if (docker::go_key_matches(key, "action")) string_field(member, rule.action, "action");
      else if (docker::go_key_matches(key, "errnoRet")) unsigned_field(member, "errnoRet");
      else if (docker::go_key_matches(key, "args")) args(member, rule);
      else if (docker::go_key_matches(key, "comment")) string_field(member, comment, "comment");
      else if (docker::go_key_matches(key, "includes")) filter(member, rule.includes, "includes");
      else if (docker::go_key_matches(key, "excludes")) filter(member, rule.excludes, "excludes");
    }
    return rule;
  }

  void profile(const GoJson& value, SeccompProfile& out) {
    for (const auto& [key, member] : value.members) {
      if (docker::go_key_matches(key, "defaultAction")) {
        string_field(member, out.default_action, "defaultAction");
      } else if (docker::go_key_matches(key, "architectures")) {
        string_list(member, out.architectures, "architectures");
      } else if (docker::go_key_matches(key, "archMap")) {
        if (member.kind == Kind::array) out.arch_map = member.items.size();
        else if (member.kind == Kind::null) out.arch_map = 0;
        else mismatch(member, "archMap", "[]seccomp.Architecture");
        for (const auto& entry : member.items) arch_map_entry(entry);
      } else if (docker::go_key_matches(key, "syscalls")) {
        if (member.kind == Kind::array || member.kind == Kind::null) out.syscalls.clear();
        else mismatch(member, "syscalls", "[]*seccomp.Syscall");
        for (const auto& entry : member.items) out.syscalls.push_back(rule(entry));
      }
    }
  }

 private:
  static bool parse_byte(std::string_view digits, std::uint64_t& out) {
    if (digits.empty()) return false;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc{} && end == digits.data() + digits.size() && out <= 255;
  }

  void arch_map_entry(const GoJson& entry) {
    if (entry.kind == Kind::null) return;
    if (entry.kind != Kind::object) return mismatch(entry, "archMap", "seccomp.Architecture");
    std::string arch;
    std::vector<std::string> sub_arches;
    for (const auto& [key, member] : entry.members) {
      if (docker::go_key_matches(key, "architecture")) string_field(member, arch, "architecture");
      else if (docker::go_key_matches(key, "subArchitectures")) string_list(member, sub_arches, "subArchitectures");
    }
  }
};

}  // namespace

Expected<SeccompProfile> decode_profile(std::string_view json) {
  auto document = docker::parse_go_json(json);
  if (!document) return Error{"Decoding seccomp profile failed: " + document.error()};
  SeccompProfile profile;
  if (document->kind == Kind::null) return profile;  // json.Unmarshal of null leaves every field empty
  Decoder decoder;
  if (document->kind != Kind::object) {
    decoder.mismatch(*document, "(top level)", "seccomp.Seccomp");
  } else {
    decoder.profile(*document, profile);
  }
  if (decoder.error) return Error{"Decoding seccomp profile failed: " + *decoder.error};
  return profile;
}

}  // namespace dse::compliance
