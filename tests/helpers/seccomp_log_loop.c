// A process outside any container whose syscalls the kernel logs: it installs a seccomp filter that
// allows everything and logs getppid (SCMP_ACT_LOG), then calls getppid N times. The audit collector
// must count these records as unattributed, never give them to a container.
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <unistd.h>

int main(int argc, char** argv) {
  const long count = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
  scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
  if (filter == NULL || seccomp_rule_add(filter, SCMP_ACT_LOG, SCMP_SYS(getppid), 0) != 0 ||
      seccomp_load(filter) != 0) {
    fprintf(stderr, "seccomp_log_loop: cannot install the filter\n");
    return 1;
  }
  seccomp_release(filter);
  for (long i = 0; i < count; ++i) syscall(SYS_getppid);
  printf("%ld\n", count);
  return 0;
}
