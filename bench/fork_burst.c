// A container's burst of short-lived processes: forks COUNT children, RATE a second if given (0: as fast as
// it can); each child makes one sethostname, which the learning profile logs, and exits at once. The
// children never exec, so each is a container process only by inheritance from its parent at fork: the case
// the audit collector's process events must attribute. Static, for the busybox image.
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void wait_until(const struct timespec* start, long done, long rate) {
  const long long due_ns = (long long)done * 1000000000LL / rate;
  struct timespec due = {start->tv_sec + (time_t)(due_ns / 1000000000LL),
                         start->tv_nsec + (long)(due_ns % 1000000000LL)};
  if (due.tv_nsec >= 1000000000L) {
    due.tv_sec += 1;
    due.tv_nsec -= 1000000000L;
  }
  while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &due, NULL) != 0) {
  }
}

int main(int argc, char** argv) {
  const long count = argc > 1 ? strtol(argv[1], NULL, 10) : 1;
  const long rate = argc > 2 ? strtol(argv[2], NULL, 10) : 0;
  struct timespec start;
  clock_gettime(CLOCK_MONOTONIC, &start);
  for (long i = 0; i < count; ++i) {
    const pid_t child = fork();
    if (child < 0) {
      perror("fork_burst: fork");
      return 1;
    }
    if (child == 0) {
      syscall(SYS_sethostname, "x", 1);
      _exit(0);
    }
    if (waitpid(child, NULL, 0) != child) {
      perror("fork_burst: waitpid");
      return 1;
    }
    if (rate > 0) wait_until(&start, i + 1, rate);
  }
  return 0;
}
