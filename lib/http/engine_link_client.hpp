#pragma once
// The web side's end of the link (http/engine_link.hpp): a question, then its answer, in blocking calls with a
// deadline. Blocking is deliberate: the engine side renders on its own event loop, so the web side's loop
// would wait for the answer anyway, and a call that returns before its answer cannot leave the link half read.
// Any failure (the engine side gone, a deadline passed, a malformed answer) breaks the link for good: the
// web side then exits and the engine side starts a new one.
#include <chrono>
#include <optional>

#include "http/engine_link.hpp"

namespace dse::http::link {

class Client {
 public:
  explicit Client(int fd, std::chrono::milliseconds deadline = std::chrono::seconds(30))
      : m_fd(fd), m_deadline(deadline) {}
  // nullopt once broken (error() says why).
  std::optional<Answer> ask(const Request& request);
  // The same, the answer's text read into text (its capacity reused: a scrape's megabytes are not new pages
  // each time).
  std::optional<Outcome> ask_into(const Request& request, std::string& text);
  bool broken() const { return !m_error.empty(); }
  const std::string& error() const { return m_error; }

 private:
  bool write_all(std::string_view bytes, std::chrono::steady_clock::time_point until);
  bool read_all(char* into, std::size_t size, std::chrono::steady_clock::time_point until);
  std::nullopt_t fail(std::string why);

  int m_fd;
  std::chrono::milliseconds m_deadline;
  std::string m_error;
};

}  // namespace dse::http::link
