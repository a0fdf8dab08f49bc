#include "http/engine_link.hpp"

#include <algorithm>

namespace dse::http::link {

namespace {

void put_be(std::string& out, std::uint64_t value, int bytes) {
  for (int shift = (bytes - 1) * 8; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

// Reads the next bytes of a payload, big-endian; false when there are fewer left.
class Reader {
 public:
  explicit Reader(std::string_view bytes) : m_rest(bytes) {}
  bool take(std::uint64_t& value, int bytes) {
    if (m_rest.size() < static_cast<std::size_t>(bytes)) return false;
    value = 0;
    for (int i = 0; i < bytes; ++i)
      value = (value << 8) | static_cast<unsigned char>(m_rest[static_cast<std::size_t>(i)]);
    m_rest.remove_prefix(static_cast<std::size_t>(bytes));
    return true;
  }
  std::string_view rest() const { return m_rest; }

 private:
  std::string_view m_rest;
};

Expected<Request> decode_report(Request request, Reader reader) {
  std::uint64_t landlock = 0, count = 0;
  if (!reader.take(landlock, 1) || landlock > 1 || !reader.take(count, 2)) return Error{"a truncated report"};
  if (count > max_reported_syscalls) return Error{"a report of more than 64 syscalls"};
  request.report.landlock = landlock == 1;
  for (std::uint64_t i = 0; i < count; ++i) {
    std::uint64_t number = 0, calls = 0;
    if (!reader.take(number, 4) || !reader.take(calls, 8)) return Error{"a truncated report"};
    if (number >= max_syscall_number) return Error{"a syscall number out of range"};
    request.report.refused.emplace_back(static_cast<std::uint32_t>(number), calls);
  }
  if (!reader.rest().empty()) return Error{"bytes after the report"};
  return request;
}

}  // namespace

bool valid_name(std::string_view name) {
  if (name.empty() || name.size() > max_name_bytes) return false;
  for (const char c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::string encode(const Request& request) {
  std::string payload;
  payload.push_back(static_cast<char>(request.ask));
  if (request.ask == Ask::metrics) payload.push_back(request.has_last ? 1 : 0);
  if (request.ask == Ask::status_page) put_be(payload, request.page, 8);
  if (request.ask == Ask::profile) payload += request.name;
  if (request.ask == Ask::healthy) {
    const auto count = std::min(request.report.refused.size(), max_reported_syscalls);
    payload.push_back(request.report.landlock ? 1 : 0);
    put_be(payload, count, 2);
    for (std::size_t i = 0; i < count; ++i) {
      put_be(payload, request.report.refused[i].first, 4);
      put_be(payload, request.report.refused[i].second, 8);
    }
  }
  std::string frame;
  put_be(frame, payload.size(), 4);
  return frame + payload;
}

Expected<Request> decode_request(std::string_view payload) {
  Reader reader(payload);
  std::uint64_t ask = 0;
  if (!reader.take(ask, 1)) return Error{"an empty request"};
  Request request;
  request.ask = static_cast<Ask>(ask);
  switch (request.ask) {
    case Ask::status_page:
      if (!reader.take(request.page, 8) || !reader.rest().empty())
        return Error{"a status page request of the wrong size"};
      if (request.page == 0 || request.page > max_page) return Error{"a status page number out of range"};
      return request;
    case Ask::profile:
      if (!valid_name(reader.rest())) return Error{"a container name that is empty, too long or has control bytes"};
      request.name = std::string(reader.rest());
      return request;
    case Ask::healthy: return decode_report(std::move(request), reader);
    case Ask::metrics: {
      std::uint64_t has_last = 0;
      if (!reader.take(has_last, 1) || has_last > 1 || !reader.rest().empty())
        return Error{"a malformed metrics request"};
      request.has_last = has_last == 1;
      return request;
    }
    case Ask::ready:
    case Ask::slow_client_dropped:
    case Ask::web_config_reload_failed:
      if (!reader.rest().empty()) return Error{"bytes after a request that takes none"};
      return request;
  }
  return Error{"an unknown request kind " + std::to_string(ask)};
}

std::string encode_answer_header(Outcome outcome, std::size_t text_size) {
  std::string header;
  put_be(header, text_size + 1, 4);
  header.push_back(static_cast<char>(outcome));
  return header;
}

Expected<std::size_t> decode_length(std::string_view four_bytes, std::size_t limit) {
  Reader reader(four_bytes);
  std::uint64_t length = 0;
  if (four_bytes.size() != 4 || !reader.take(length, 4)) return Error{"a truncated frame length"};
  if (length == 0) return Error{"an empty frame"};
  if (length > limit) return Error{"a frame of " + std::to_string(length) + " bytes, over " + std::to_string(limit)};
  return static_cast<std::size_t>(length);
}

Expected<Outcome> decode_outcome(unsigned char byte) {
  if (byte > static_cast<unsigned char>(Outcome::unchanged)) return Error{"an unknown answer outcome"};
  return static_cast<Outcome>(byte);
}

}  // namespace dse::http::link
