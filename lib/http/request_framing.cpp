#include "http/request_framing.hpp"

#include "util/ascii.hpp"

namespace dse::http {

namespace {

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// A line of the header (after the request line) that starts with a space or tab continues the line
// before it: obs-fold, which a server must reject in a request (RFC 9112 §5.2).
bool has_obs_fold(std::string_view raw_header) {
  for (auto at = raw_header.find("\r\n"); at != std::string_view::npos; at = raw_header.find("\r\n", at + 2)) {
    if (at + 2 < raw_header.size() && (raw_header[at + 2] == ' ' || raw_header[at + 2] == '\t')) return true;
  }
  return false;
}

// Transfer-Encoding, every field line joined: chunked must be the last coding, and only once (§6.1, §7).
std::optional<std::string> transfer_coding_error(const std::vector<std::string_view>& lines) {
  if (lines.empty()) return std::nullopt;
  int chunked = 0;
  std::string_view final_coding;
  for (auto value : lines) {
    while (true) {
      const auto comma = value.find(',');
      const auto coding = trimmed(value.substr(0, comma));
      if (!coding.empty()) {
        final_coding = coding;
        if (ascii_iequals(coding, "chunked")) ++chunked;
      }
      if (comma == std::string_view::npos) break;
      value.remove_prefix(comma + 1);
    }
  }
  if (chunked != 1 || !ascii_iequals(final_coding, "chunked")) {
    return "Transfer-Encoding must end in chunked, once";
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> framing_error(std::string_view raw_header, const FramingFields& fields) {
  if (has_obs_fold(raw_header)) return "obs-fold (a header line continued on the next) is not accepted";
  if (auto coding = transfer_coding_error(fields.transfer_encodings)) return coding;
  if (fields.hosts > 1) return "more than one Host header";
  if (fields.hosts == 0 && fields.version >= 11) return "an HTTP/1.1 request needs a Host header";
  return std::nullopt;
}

std::string_view origin_form(std::string_view target) {
  for (const std::string_view scheme : {"http://", "https://"}) {
    if (target.size() >= scheme.size() && ascii_iequals(target.substr(0, scheme.size()), scheme)) {
      const auto path = target.find_first_of("/?", scheme.size());
      if (path == std::string_view::npos) return "/";
      return target.substr(path);
    }
  }
  return target;
}

}  // namespace dse::http
