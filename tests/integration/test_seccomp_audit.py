"""--collector.seccomp-audit against the real kernel and a private dockerd: the way out of unconfined.

A container runs once under the learning profile; the kernel's audit records count what it did outside
Docker's default; the suggested profile lets the same workload run filtered, and judged compliant.
"""
import json
import os
import shutil
import signal
import subprocess
import tempfile
import unittest

from harness import (EXPORTER, IMAGE, Exporter, PrivateDockerd, audit_dropped, poll, series, syscall_count, verdicts,
                     write_learning_profile)

BUILD = os.environ.get("DSE_BUILD_DIR", os.path.join(os.path.dirname(EXPORTER), ".."))
MOUNT_LOOP = os.path.join(BUILD, "tests", "mount_loop")
SECCOMP_LOG_LOOP = os.path.join(BUILD, "tests", "seccomp_log_loop")


def counted(exporter, name, syscall="mount", action="log"):
    return syscall_count(exporter, name, syscall, action)


class SeccompAudit(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="dse-audit-")
        cls.learning = write_learning_profile(os.path.join(cls.dir, "learning.json"))
        cls.dockerd = PrivateDockerd()
        cls.exporter = Exporter(cls.dockerd.url, "--collector.seccomp-audit")
        poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_audit_collector_up") == [({}, 1.0)],
             what="the collector to subscribe")

    @classmethod
    def tearDownClass(cls):
        cls.exporter.stop()
        cls.dockerd.stop()
        shutil.rmtree(cls.dir)

    def run_mount_loop(self, name, profile, calls):
        """Runs tests/helpers/mount_loop in a busybox container under profile; returns what it printed."""
        options = ["--security-opt", f"seccomp={profile}"] if profile else []
        self.dockerd.docker("create", "--name", name, *options, IMAGE, "/mount_loop", str(calls))
        self.dockerd.docker("cp", MOUNT_LOOP, f"{name}:/mount_loop")
        return self.dockerd.docker("start", "--attach", name)

    def test_1_learning_profile_counts_every_logged_call_and_lets_it_run(self):
        out = self.run_mount_loop("learner", self.learning, 50)
        self.assertEqual(out, "50 calls, last: ENOENT")  # the kernel answered, not the filter
        poll(lambda: counted(self.exporter, "learner") == 50.0, what="50 logged mounts")
        # The learning profile is a custom one that allows what Docker's default refuses: its risk shows.
        self.assertEqual(verdicts(self.exporter)["learner"], ("custom_profile", 1.0))

    def test_2_suggested_profile_runs_the_workload_filtered_and_compliant(self):
        poll(lambda: counted(self.exporter, "learner") == 50.0, what="the learner's records")
        status, headers, body = self.exporter.get("/profiles/learner.json")
        self.assertEqual(status, 200)
        self.assertEqual(headers["Content-Type"], "application/json")
        profile = json.loads(body)
        self.assertEqual(profile["defaultAction"], "SCMP_ACT_ERRNO")
        self.assertEqual(profile["syscalls"][-1]["names"], ["mount"])
        # The command line asks the running exporter for the same.
        cli = subprocess.run([EXPORTER, "profile", "suggest", "learner", "--exporter.url", self.exporter.base],
                             capture_output=True, text=True)
        self.assertEqual((cli.returncode, cli.stdout), (0, body))
        suggested = os.path.join(self.dir, "suggested.json")
        with open(suggested, "w") as f:
            f.write(body)
        out = self.run_mount_loop("graduate", suggested, 5)
        self.assertEqual(out, "5 calls, last: ENOENT")  # allowed by the filter, answered by the kernel
        poll(lambda: verdicts(self.exporter).get("graduate") == ("custom_profile", 1.0), what="its verdict")
        self.assertIsNone(counted(self.exporter, "graduate"))  # an allowed call leaves no record
        # The status page links the suggestion.
        self.assertIn('href="profiles/learner.json"', self.exporter.get("/")[2])

    def test_3_docker_default_makes_no_records(self):
        out = self.run_mount_loop("defaulted", None, 20)
        self.assertEqual(out, "20 calls, last: EPERM")  # refused by the filter, silently
        poll(lambda: "defaulted" in verdicts(self.exporter), what="its verdict")
        self.assertIsNone(counted(self.exporter, "defaulted"))
        self.assertEqual(self.exporter.get("/profiles/defaulted.json")[0], 404)

    def test_4_records_of_host_processes_are_counted_unattributed(self):
        before = audit_dropped(self.exporter, "unattributed")
        out = subprocess.run([SECCOMP_LOG_LOOP, "7"], capture_output=True, text=True, check=True).stdout
        self.assertEqual(out.strip(), "7")
        poll(lambda: audit_dropped(self.exporter, "unattributed") == before + 7, what="7 unattributed records")
        self.assertEqual(audit_dropped(self.exporter, "lost"), 0.0)

    def test_5_records_the_socket_lost_are_counted_as_records(self):
        """The exporter stopped while a host process makes 200,000 logged calls: the 8 MiB socket holds about
        20,000 records, the kernel drops the rest, and the serials of the records that follow say how many."""
        calls = 200_000
        before = {reason: audit_dropped(self.exporter, reason) for reason in ("unattributed", "lost")}
        self.exporter.process.send_signal(signal.SIGSTOP)
        try:
            out = subprocess.run([SECCOMP_LOG_LOOP, str(calls)], capture_output=True, text=True, check=True).stdout
        finally:
            self.exporter.process.send_signal(signal.SIGCONT)
        self.assertEqual(out.strip(), str(calls))
        made = [calls]

        def accounted():
            got = {reason: audit_dropped(self.exporter, reason) - before[reason] for reason in before}
            if got["unattributed"] + got["lost"] >= made[0]:
                return got
            # The serial of a later record shows the gap: one more call each time (any record on the host would
            # do), until one arrives after the exporter emptied its socket.
            subprocess.run([SECCOMP_LOG_LOOP, "1"], capture_output=True, check=True)
            made[0] += 1
            return None

        got = poll(accounted, timeout=30, interval=0.2, what="every record counted or counted lost")
        overflows = series(self.exporter.metrics(), "docker_seccomp_audit_socket_overflows_total")[0][1]
        print(f"\n{calls:,} records while stopped: {got['unattributed']:,.0f} counted, {got['lost']:,.0f} lost, "
              f"{overflows:.0f} overflows")
        self.assertGreater(got["lost"], 0)
        self.assertGreater(overflows, 0)
        # Serials are shared by every audit record on the host: others lost meanwhile count too, a few at most.
        self.assertLess(got["unattributed"] + got["lost"], made[0] + 1000)


if __name__ == "__main__":
    unittest.main()
