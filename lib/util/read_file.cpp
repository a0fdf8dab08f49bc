#include "util/read_file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace dse {

// Plain read(2) into one buffer: procfs files are generated on read and report no size, so no stat().
Expected<std::string> read_file(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return Error{"cannot read " + path + ": " + std::strerror(errno)};
  std::string content;
  char buffer[4096];
  ssize_t got = 0;
  while ((got = ::read(fd, buffer, sizeof(buffer))) > 0) content.append(buffer, static_cast<std::size_t>(got));
  const int read_errno = errno;
  ::close(fd);
  if (got < 0) return Error{"cannot read " + path + ": " + std::strerror(read_errno)};
  return content;
}

Expected<std::string> read_regular_file(const std::string& path, std::size_t max_bytes) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
  if (fd < 0) return Error{"cannot read " + path + ": " + std::strerror(errno)};
  struct stat status {};
  std::string why;
  std::string content;
  if (::fstat(fd, &status) != 0) {
    why = std::strerror(errno);
  } else if (!S_ISREG(status.st_mode)) {
    why = "not a regular file";
  } else if (static_cast<std::size_t>(status.st_size) > max_bytes) {
    why = "larger than " + std::to_string(max_bytes) + " bytes";
  } else {
    content.resize(max_bytes + 1);  // one byte more tells a file that grew since fstat
    std::size_t have = 0;
    ssize_t got = 0;
    while (have < content.size() && (got = ::read(fd, content.data() + have, content.size() - have)) > 0) {
      have += static_cast<std::size_t>(got);
    }
    if (got < 0)
      why = std::strerror(errno);
    else if (have > max_bytes)
      why = "larger than " + std::to_string(max_bytes) + " bytes";
    content.resize(have);
  }
  ::close(fd);
  if (!why.empty()) return Error{"cannot read " + path + ": " + why};
  return content;
}

}  // namespace dse
