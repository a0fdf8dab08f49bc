"""Learning that misses nothing (--collector.seccomp-audit with the kernel's process events), against the
real kernel and a private dockerd.

1. Every record of a container's processes is its, even of a process gone within a millisecond of its call:
   2,000 one-call processes, 2,000 records, none unattributed.
2. `profile learning --minimal` closes the loop: a shell workload learned under it gets a suggestion that
   allows fewer than a third of Docker's default, runs the same workload with the same output and exit
   code, and is judged compliant.
"""
import json
import os
import shutil
import re
import subprocess
import tempfile
import unittest

from harness import (EXPORTER, IMAGE, Exporter, PrivateDockerd, audit_dropped, poll, series, syscall_count, verdicts,
                     write_learning_profile)

BUILD = os.environ.get("DSE_BUILD_DIR", os.path.join(os.path.dirname(EXPORTER), ".."))
MOUNT_LOOP = os.path.join(BUILD, "tests", "mount_loop")

# Forks (a pipeline, a subshell), execs (busybox applets run as programs), a file written and read, and a
# syscall made once by a process that lives under a millisecond (mount_loop 1 0: one mount(2), no linger).
WORKLOAD = ("busybox mkdir -p /tmp/w && (echo learned | busybox tee /tmp/w/f > /dev/null) && "
            "busybox cat /tmp/w/f | busybox tr a-z A-Z && /mount_loop 1 0 && busybox ls /tmp/w; exit 3")


class Learning(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="dse-learning-")
        cls.profiles = {"standard": write_learning_profile(os.path.join(cls.dir, "standard.json")),
                        "minimal": write_learning_profile(os.path.join(cls.dir, "minimal.json"), "--minimal")}
        cls.dockerd = PrivateDockerd()
        cls.exporter = Exporter(cls.dockerd.url, "--collector.seccomp-audit")
        poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_audit_process_tracking_up") == [({}, 1.0)],
             what="the collector to follow process events")

    @classmethod
    def tearDownClass(cls):
        cls.exporter.stop()
        cls.dockerd.stop()
        shutil.rmtree(cls.dir)

    def run_container(self, name, profile, script):
        """script in a busybox container under profile, mount_loop copied in; (exit code, stdout)."""
        self.dockerd.docker("create", "--name", name, "--security-opt", f"seccomp={profile}", IMAGE,
                            "sh", "-c", script)
        self.dockerd.docker("cp", MOUNT_LOOP, f"{name}:/mount_loop")
        out = subprocess.run(["/usr/bin/docker", "-H", self.dockerd.url, "start", "--attach", name],
                             capture_output=True, text=True, timeout=300)
        return out.returncode, out.stdout

    def test_1_every_one_call_process_is_counted_for_its_container(self):
        before = audit_dropped(self.exporter, "unattributed")
        processes = 2000
        # Each `busybox hostname x` is a new process (fork, exec) that makes one sethostname(2), outside
        # Docker's default, and exits at once: its /proc/<pid> is gone before any record is read.
        code, _ = self.run_container("hostnames", self.profiles["standard"],
                                     f"i=0; while [ $i -lt {processes} ]; do busybox hostname x 2>/dev/null; "
                                     "i=$((i+1)); done; exit 0")
        self.assertEqual(code, 0)
        poll(lambda: syscall_count(self.exporter, "hostnames", "sethostname") == processes, timeout=30,
             what=f"{processes} sethostname records counted for the container")
        self.assertEqual(audit_dropped(self.exporter, "unattributed"), before)
        self.assertEqual(audit_dropped(self.exporter, "lost"), 0.0)

    def test_2_minimal_learning_gives_the_smallest_profile_that_runs_the_workload(self):
        learned = self.run_container("minimal-learner", self.profiles["minimal"], WORKLOAD)
        self.assertEqual(learned, (3, "LEARNED\n1 calls, last: ENOENT\nf\n"))  # the kernel answered mount
        poll(lambda: syscall_count(self.exporter, "minimal-learner", "mount") == 1.0, what="the one mount")
        poll(lambda: syscall_count(self.exporter, "minimal-learner", "exit_group") is not None, what="the last records")
        status, _, body = self.exporter.get("/profiles/minimal-learner.json")
        self.assertEqual(status, 200)
        profile = json.loads(body)
        self.assertEqual(profile["defaultAction"], "SCMP_ACT_ERRNO")
        self.assertTrue(profile["dockerSeccompExporter"]["complete"], profile["dockerSeccompExporter"])
        [rule] = profile["syscalls"]
        self.assertIn("mount", rule["names"])
        self.assertIn("execve", rule["names"])
        # The status page says how many it allows against Docker's default.
        page = self.exporter.get("/")[2]
        row = [line for line in page.splitlines() if "minimal-learner" in line][0]
        allowed, default = map(int, re.search(r"allows (\d+) syscalls, the engine's default (\d+)", row).groups())
        self.assertEqual(allowed, len(rule["names"]))
        self.assertLess(allowed * 3, default, rule["names"])
        print(f"\nthe minimal suggestion allows {allowed} syscalls, the engine's default {default}")
        suggested = os.path.join(self.dir, "minimal-suggested.json")
        with open(suggested, "w") as f:
            f.write(body)
        # The same workload under the suggestion: the same output and exit code, filtered, compliant.
        for attempt in range(5):  # the runtime's own calls vary from start to start; the profile holds every time
            name = f"minimal-graduate-{attempt}"
            self.assertEqual(self.run_container(name, suggested, WORKLOAD), learned, attempt)
            poll(lambda: verdicts(self.exporter).get(name) == ("custom_profile", 1.0), what="its verdict")

    def test_3_cap_net_admin_is_given_up_once_the_process_events_arrive(self):
        with open(f"/proc/{self.exporter.process.pid}/status") as f:
            status = dict(line.split(":", 1) for line in f)
        cap_net_admin = 1 << 12
        self.assertEqual(int(status["CapEff"], 16) & cap_net_admin, 0, status["CapEff"])
        self.assertEqual(int(status["CapPrm"], 16) & cap_net_admin, 0, status["CapPrm"])
        self.assertNotEqual(int(status["CapEff"], 16) & (1 << 37), 0)  # CAP_AUDIT_READ: kept for re-subscribing


if __name__ == "__main__":
    unittest.main()
