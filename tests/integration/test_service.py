"""The exporter as a systemd service runs it: notify protocol, config file, SIGHUP reload, exclusions."""
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import unittest

from harness import ROOT, Exporter, NotifySocket, PrivateDockerd, poll, series

UNIT = os.path.join(ROOT, "systemd", "docker-seccomp-exporter.service")


def names(samples):
    return {labels.get("name") for labels, _ in series(samples, "docker_seccomp_container_compliant")}


class ServiceBehaviour(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dockerd = PrivateDockerd()
        d = cls.dockerd
        d.create("app")
        d.create("infra-proxy", "--privileged")
        d.create("labelled", "--security-opt", "seccomp=unconfined", "--label", "com.example.seccomp-exempt=true")

    @classmethod
    def tearDownClass(cls):
        cls.dockerd.stop()

    def test_notify_ready_watchdog_stopping(self):
        notify = NotifySocket()
        try:
            exporter = Exporter(self.dockerd.url, env={"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "400000"})
            try:
                poll(lambda: notify.seen("READY=1"), what="READY=1")
                # The first full scan is done when READY=1 arrives.
                self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 1.0)])
                pings = poll(lambda: (lambda t: t if len(t) >= 6 else None)(notify.seen("WATCHDOG=1")),
                             what="six watchdog pings")
                gaps = [b - a for a, b in zip(pings, pings[1:])]
                # Half of WATCHDOG_USEC (0.2 s), never as late as the watchdog itself (0.4 s).
                self.assertLess(max(gaps), 0.4, gaps)
            finally:
                exporter.stop()
            self.assertTrue(notify.seen("STOPPING=1"))
        finally:
            notify.close()

    def test_ready_even_when_docker_is_unreachable(self):
        notify = NotifySocket()
        try:
            exporter = Exporter("unix:///nonexistent.sock", env={"NOTIFY_SOCKET": notify.path})
            try:
                poll(lambda: notify.seen("READY=1"), what="READY=1 after the first failed connect")
            finally:
                exporter.stop()
        finally:
            notify.close()

    def test_exclusions_from_config_file_and_sighup_reload(self):
        config = tempfile.NamedTemporaryFile("w", suffix=".yml", delete=False)
        config.write("exclude:\n  name: ['infra-.*']\n  label: [com.example.seccomp-exempt]\n")
        config.close()
        exporter = Exporter(self.dockerd.url, "--config.file", config.name)
        try:
            poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up")
            samples = exporter.metrics()
            self.assertEqual(names(samples), {"app"})
            excluded = {l["reason"]: v for l, v in series(samples, "docker_seccomp_excluded_containers")}
            self.assertEqual(excluded["privileged"], 1)
            self.assertEqual(excluded["unconfined"], 1)

            with open(config.name, "w") as f:
                f.write("metrics:\n  container-labels: name\n")
            exporter.process.send_signal(signal.SIGHUP)
            poll(lambda: names(exporter.metrics()) == {"app", "infra-proxy", "labelled"}, what="the reload")
            labels, _ = series(exporter.metrics(), "docker_seccomp_container_compliant", name="app")[0]
            self.assertEqual(set(labels), {"name", "reason"})

            with open(config.name, "w") as f:
                f.write("log: {level: loud}\n")
            exporter.process.send_signal(signal.SIGHUP)
            poll(lambda: "reload failed, keeping the running configuration" in exporter.logs(), what="the refusal")
            self.assertIn("log.level", exporter.logs())
            self.assertEqual(names(exporter.metrics()), {"app", "infra-proxy", "labelled"})
        finally:
            exporter.stop()
            os.unlink(config.name)

    def test_aggregate_only(self):
        exporter = Exporter(self.dockerd.url, "--metrics.aggregate-only")
        try:
            poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up")
            samples = exporter.metrics()
            self.assertEqual(series(samples, "docker_seccomp_container_compliant"), [])
            counts = {l["reason"]: v for l, v in series(samples, "docker_seccomp_containers")}
            self.assertEqual((counts["default_profile"], counts["privileged"], counts["unconfined"]), (1, 1, 1))
        finally:
            exporter.stop()

    def test_bad_config_file_is_one_line_naming_the_key(self):
        from harness import EXPORTER
        with tempfile.NamedTemporaryFile("w", suffix=".yml") as config:
            config.write("web:\n  listen-adress: ':1'\n")
            config.flush()
            out = subprocess.run([EXPORTER, "--config.file", config.name], capture_output=True, text=True, timeout=10)
        self.assertEqual(out.returncode, 2)
        self.assertEqual(out.stderr.strip().splitlines(), [
            f"docker-seccomp-exporter: config file {config.name}: key web.listen-adress: unknown setting"])


class SystemdUnit(unittest.TestCase):
    def test_exposure_is_at_most_2(self):
        out = subprocess.run(["systemd-analyze", "security", "--offline=true", UNIT],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        line = [l for l in out.stdout.splitlines() if "Overall exposure level" in l][0]
        score = float(line.split(":")[1].split()[0])
        self.assertLessEqual(score, 2.0, line)

    @staticmethod
    def unit_copy(directory, drop_in=None):
        """The unit in directory, its ExecStart the binary just built (verify checks that it exists), with
        systemd/DROP_IN in its drop-in folder if given."""
        from harness import EXPORTER
        unit = os.path.join(directory, "docker-seccomp-exporter.service")
        with open(UNIT) as f:
            text = f.read().replace("/usr/bin/docker-seccomp-exporter", EXPORTER)
        with open(unit, "w") as f:
            f.write(text)
        if drop_in:
            os.mkdir(unit + ".d")
            shutil.copy(os.path.join(ROOT, "systemd", drop_in), unit + ".d")
        return unit

    def test_verify_is_silent(self):
        with tempfile.TemporaryDirectory() as tmp:
            unit = self.unit_copy(tmp)
            out = subprocess.run(["systemd-analyze", "verify", unit], capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 0, out.stderr)
        self.assertEqual(out.stderr, "")

    def test_the_seccomp_audit_drop_in_grants_audit_reading_process_events_and_nothing_else(self):
        with tempfile.TemporaryDirectory() as tmp:
            unit = self.unit_copy(tmp, drop_in="seccomp-audit.conf")
            verify = subprocess.run(["systemd-analyze", "verify", unit], capture_output=True, text=True, timeout=60)
            security = subprocess.run(["systemd-analyze", "security", "--offline=true", unit],
                                      capture_output=True, text=True, timeout=60)
        self.assertEqual((verify.returncode, verify.stderr), (0, ""))
        granted = [l.split()[1] for l in security.stdout.splitlines() if l.startswith("\u2717")]
        self.assertIn("CapabilityBoundingSet=~CAP_AUDIT_*", granted)
        self.assertIn("CapabilityBoundingSet=~CAP_NET_ADMIN", granted)  # for the subscription; then given up
        self.assertIn("RestrictAddressFamilies=~AF_NETLINK", granted)
        self.assertIn("SystemCallFilter=~@privileged", granted)  # capset alone, to give CAP_NET_ADMIN up
        self.assertEqual(sorted(g for g in granted if g.startswith("CapabilityBoundingSet=")),
                         ["CapabilityBoundingSet=~CAP_AUDIT_*", "CapabilityBoundingSet=~CAP_NET_ADMIN"], granted)

    def test_unit_keeps_running_without_docker_and_filters_its_own_syscalls(self):
        with open(UNIT) as f:
            lines = [l.strip() for l in f if l.strip() and not l.startswith("#")]
        self.assertIn("Type=notify", lines)
        self.assertIn("After=network-online.target docker.service", lines)
        self.assertFalse([l for l in lines if l.startswith(("Requires=", "BindsTo=", "ProtectProc="))])
        self.assertIn("SystemCallFilter=@system-service", lines)
        self.assertIn("SupplementaryGroups=docker", lines)
        self.assertIn("EnvironmentFile=-/etc/default/docker-seccomp-exporter", lines)


if __name__ == "__main__":
    unittest.main()
