// Runs inside a test container (statically linked: the image is busybox). Calls mount(2) on a path that
// does not exist N times, prints how the last call failed, and stays alive LINGER seconds (2 unless given;
// 0: the process is gone within a millisecond of its calls, before any /proc read could find it).
// The error tells who refused the call: EPERM from Docker's default filter (mount needs CAP_SYS_ADMIN
// there); ENOENT from the kernel itself, once a profile lets the call through.
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <unistd.h>

int main(int argc, char** argv) {
  const long count = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
  int last = 0;
  for (long i = 0; i < count; ++i) {
    last = mount("none", "/nonexistent-mount-target", "tmpfs", 0, NULL) == 0 ? 0 : errno;
  }
  printf("%ld calls, last: %s\n", count, last == ENOENT ? "ENOENT" : last == EPERM ? "EPERM" : strerror(last));
  fflush(stdout);
  sleep(argc > 2 ? (unsigned)strtoul(argv[2], NULL, 10) : 2);
  return 0;
}
