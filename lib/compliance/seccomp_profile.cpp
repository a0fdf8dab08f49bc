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
  explicit Decoder(MobyLoader loader) : m_loader(loader) {}
  std::optional<std::string> error;

  void mismatch(const GoJson& value, std::string_view field, std::string_view go_type) {
    if (!error) {
      error = "json: cannot unmarshal " + std::string(docker::go_kind_name(value.kind)) + " into Go struct field " +
              std::string(field) + " of type " + std::string(go_type);
    }
  }

  void string_field(const GoJson& value, std::string& out, std::string_view field) {
    if (value.kind == Kind::string)
      out = value.text;
    else if (value.kind != Kind::null)
      mismatch(value, field, "string");
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

  // True when a number was given (a pointer field is then set; null resets it).
  bool unsigned_field(const GoJson& value, std::string_view field, std::string_view go_type = "uint64") {
    if (value.kind == Kind::number && value.number == GoJson::Number::unsigned_integer) return true;
    if (value.kind != Kind::null) mismatch(value, field, go_type);
    return false;
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
    if (value.kind == Kind::null) {
      // moby/profiles' Includes and Excludes are *Filter: null clears one; 20.10's and containers/common's are
      // structs, left as they were (seen in the differential test)
      if (m_loader == MobyLoader::profiles) out = RuleFilter{};
      return;
    }
    if (value.kind != Kind::object) return mismatch(value, field, "seccomp.Filter");
    for (const auto& [key, member] : value.members) {
      if (docker::go_key_matches(key, "caps"))
        string_list(member, out.caps, "caps");
      else if (docker::go_key_matches(key, "arches"))
        string_list(member, out.arches, "arches");
      else if (docker::go_key_matches(key, "minKernel") && m_loader != MobyLoader::containers_common) {
        kernel_version(member, out.min_kernel);  // containers/common's Filter has no minKernel: ignored
      }
    }
  }

  void args(const GoJson& value, ProfileRule& rule) {
    rule.args = 0;
    rule.null_arg = false;
    rule.arg_problem.clear();
    if (value.kind == Kind::null) return;
    if (value.kind != Kind::array) return mismatch(value, "args", "[]*specs.LinuxSeccompArg");
    rule.args = value.items.size();
    for (const auto& arg : value.items) {
      if (arg.kind == Kind::null && m_loader != MobyLoader::profiles) {  // []*Arg: dereferenced
        rule.null_arg = true;
        continue;
      }
      if (arg.kind != Kind::object && arg.kind != Kind::null) {
        mismatch(arg, "args", "specs.LinuxSeccompArg");
        continue;
      }
      std::string op;
      std::uint64_t index = 0;
      for (const auto& [key, member] : arg.members) {
        if (docker::go_key_matches(key, "index")) {
          unsigned_field(member, "index");
          if (member.number == GoJson::Number::unsigned_integer) index = member.unsigned_value;
        } else if (docker::go_key_matches(key, "value")) {
          unsigned_field(member, "value");
        } else if (docker::go_key_matches(key, "valueTwo")) {
          unsigned_field(member, "valueTwo");
        } else if (docker::go_key_matches(key, "op")) {
          string_field(member, op, "op");
        }
      }
      if (!rule.arg_problem.empty()) continue;
      if (!runc_operator(op))
        rule.arg_problem = "invalid operator \"" + op + "\"";
      else if (index > 5)
        rule.arg_problem = "syscalls only have up to 6 arguments (" + std::to_string(index) + " given)";
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
      if (docker::go_key_matches(key, "name"))
        string_field(member, rule.name, "name");
      else if (docker::go_key_matches(key, "names"))
        string_list(member, rule.names, "names");
      else if (docker::go_key_matches(key, "action"))
        string_field(member, rule.action, "action");
      else if (docker::go_key_matches(key, "errnoRet"))
        rule.errno_ret = unsigned_field(member, "errnoRet");
      else if (docker::go_key_matches(key, "errno") && m_loader == MobyLoader::containers_common) {
        string_field(member, rule.errno_name, "errno");
      } else if (docker::go_key_matches(key, "args"))
        args(member, rule);
      else if (docker::go_key_matches(key, "comment"))
        string_field(member, comment, "comment");
      else if (docker::go_key_matches(key, "includes"))
        filter(member, rule.includes, "includes");
      else if (docker::go_key_matches(key, "excludes"))
        filter(member, rule.excludes, "excludes");
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
        if (member.kind == Kind::array || member.kind == Kind::null)
          out.arch_map.clear();
        else
          mismatch(member, "archMap", "[]seccomp.Architecture");
        for (const auto& entry : member.items) out.arch_map.push_back(arch_map_entry(entry));
      } else if (docker::go_key_matches(key, "syscalls")) {
        if (member.kind == Kind::array || member.kind == Kind::null)
          out.syscalls.clear();
        else
          mismatch(member, "syscalls", "[]*seccomp.Syscall");
        for (const auto& entry : member.items) out.syscalls.push_back(rule(entry));
      } else if (m_loader != MobyLoader::v20_10) {
        runtime_field(key, member, out);
      }
    }
  }

 private:
  MobyLoader m_loader;

  // runc libcontainer/seccomp/config.go operators.
  static bool runc_operator(std::string_view op) {
    for (std::string_view known : {"SCMP_CMP_NE", "SCMP_CMP_LT", "SCMP_CMP_LE", "SCMP_CMP_EQ", "SCMP_CMP_GE",
                                   "SCMP_CMP_GT", "SCMP_CMP_MASKED_EQ"}) {
      if (op == known) return true;
    }
    return false;
  }

  // The fields passed to the runtime as they are: specs.LinuxSeccomp's that moby/profiles' Seccomp does not
  // override (runtime-spec 1.2 config.go), or containers/common's own, which add defaultErrno.
  void runtime_field(const std::string& key, const GoJson& member, SeccompProfile& out) {
    const bool moby = m_loader == MobyLoader::profiles;
    const std::string type = moby ? "Seccomp.LinuxSeccomp." : "Seccomp.";
    std::string ignored;
    if (docker::go_key_matches(key, "defaultErrnoRet")) {
      out.default_errno_ret = unsigned_field(member, type + "defaultErrnoRet", "uint");
    } else if (docker::go_key_matches(key, "defaultErrno") && !moby) {
      string_field(member, out.default_errno_name, type + "defaultErrno");
    } else if (docker::go_key_matches(key, "flags")) {
      string_list(member, out.flags, type + "flags");
    } else if (docker::go_key_matches(key, "listenerPath")) {
      string_field(member, out.listener_path, type + "listenerPath");
    } else if (docker::go_key_matches(key, "listenerMetadata")) {
      string_field(member, ignored, type + "listenerMetadata");
    }
  }

  static bool parse_byte(std::string_view digits, std::uint64_t& out) {
    if (digits.empty()) return false;
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc{} && end == digits.data() + digits.size() && out <= 255;
  }

  ArchMapEntry arch_map_entry(const GoJson& entry) {
    ArchMapEntry out;
    if (entry.kind == Kind::null) return out;
    if (entry.kind != Kind::object) {
      mismatch(entry, "archMap", "seccomp.Architecture");
      return out;
    }
    for (const auto& [key, member] : entry.members) {
      if (docker::go_key_matches(key, "architecture"))
        string_field(member, out.arch, "architecture");
      else if (docker::go_key_matches(key, "subArchitectures"))
        string_list(member, out.sub_arches, "subArchitectures");
    }
    return out;
  }
};

}  // namespace

Expected<SeccompProfile> decode_profile(std::string_view json, MobyLoader loader) {
  auto document = docker::parse_go_json(json);
  if (!document) return Error{"Decoding seccomp profile failed: " + document.error()};
  SeccompProfile profile;
  if (document->kind == Kind::null) return profile;  // json.Unmarshal of null leaves every field empty
  Decoder decoder(loader);
  if (document->kind != Kind::object) {
    decoder.mismatch(*document, "(top level)", "seccomp.Seccomp");
  } else {
    decoder.profile(*document, profile);
  }
  if (decoder.error) return Error{"Decoding seccomp profile failed: " + *decoder.error};
  return profile;
}

}  // namespace dse::compliance
