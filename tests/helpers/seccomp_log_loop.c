// A process outside any container whose syscalls the kernel logs: it installs a seccomp filter that
// allows everything and logs getppid (SCMP_ACT_LOG), then calls getppid N times, RATE a second if given
// (the benchmark's paced load). The audit collector must count these records as unattributed, never give
// them to a container.
#include <seccomp.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

int main(int argc, char** argv) {
  const long count = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
  const long rate = argc > 2 ? strtol(argv[2], NULL, 10) : 0;  // records a second; 0: as fast as it can
  scmp_filter_ctx filter = seccomp_init(SCMP_ACT_ALLOW);
  if (filter == NULL || seccomp_rule_add(filter, SCMP_ACT_LOG, SCMP_SYS(getppid), 0) != 0 ||
      seccomp_load(filter) != 0) {
    fprintf(stderr, "seccomp_log_loop: cannot install the filter\n");
    return 1;
  }
  seccomp_release(filter);
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (long i = 0; i < count; ++i) {
    syscall(SYS_getppid);
    if (rate > 0 && i % 100 == 99) {  // in steps of 100: the schedule, not a busy loop
      const long long due_ns = (long long)(i + 1) * 1000000000LL / rate;
      struct timespec due = {start.tv_sec + (time_t)(due_ns / 1000000000LL), start.tv_nsec + (long)(due_ns % 1000000000LL)};
      if (due.tv_nsec >= 1000000000L) {
        due.tv_sec += 1;
        due.tv_nsec -= 1000000000L;
      }
      clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL);
    }
  }
  printf("%ld\n", count);
  return 0;
}
