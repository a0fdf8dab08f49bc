// The limit for the audit collector: a plain reader of the audit multicast group that only counts seccomp
// records (no decoding, no /proc). Reads until N records or TIMEOUT seconds without one; prints the count
// and its own CPU seconds.
#include <linux/audit.h>
#include <linux/netlink.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/time.h>

int main(int argc, char** argv) {
  const long want = argc > 1 ? strtol(argv[1], NULL, 10) : 1000;
  const int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_AUDIT);
  struct sockaddr_nl address = {.nl_family = AF_NETLINK, .nl_groups = AUDIT_NLGRP_READLOG};
  const int buffer = 8 * 1024 * 1024;
  struct timeval timeout = {.tv_sec = 2};
  if (fd < 0 || bind(fd, (struct sockaddr*)&address, sizeof address) != 0) {
    perror("netlink_reader");
    return 1;
  }
  setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buffer, sizeof buffer);
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
  printf("ready\n");
  fflush(stdout);
  static char data[65536];
  long records = 0, lost = 0;
  while (records < want) {
    const ssize_t got = recv(fd, data, sizeof data, 0);
    if (got < 0) {
      if (errno == ENOBUFS) {
        ++lost;
        continue;
      }
      break;
    }
    const struct nlmsghdr* header = (const struct nlmsghdr*)data;
    if (got >= (ssize_t)sizeof *header && header->nlmsg_type == AUDIT_SECCOMP) ++records;
  }
  struct rusage usage;
  getrusage(RUSAGE_SELF, &usage);
  printf("%ld %ld %.6f\n", records, lost,
         usage.ru_utime.tv_sec + usage.ru_stime.tv_sec + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6);
  return 0;
}
