#include "util/read_file.hpp"

#include <fcntl.h>
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

}  // namespace dse
