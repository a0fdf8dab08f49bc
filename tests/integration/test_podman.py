"""The exporter unchanged against Podman's Docker-compatible API (podman system service)."""
import os
import subprocess
import tempfile
import unittest

from harness import Exporter, poll, ROOT, series, verdicts


class PodmanService:
    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="dse-podman-")
        out = subprocess.run([os.path.join(ROOT, "scripts", "private-podman"), "start", self.dir],
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            self.stop()
            raise RuntimeError(f"podman service did not start: {out.stderr}")
        self.url = "unix://" + out.stdout.strip()

    def docker(self, *args):
        # The Docker CLI against Podman's socket: the same client a user has.
        out = subprocess.run(["/usr/bin/docker", "-H", self.url, *args], capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"docker {' '.join(args)} failed: {out.stderr}")
        return out.stdout.strip()

    def stop(self):
        subprocess.run([os.path.join(ROOT, "scripts", "private-podman"), "stop", self.dir], capture_output=True,
                       timeout=120)



class AgainstPodman(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.podman = PodmanService()
        try:
            image = "dse-busybox:latest"
            cls.podman.docker("create", "--name", "plain", image, "sleep", "600")
            cls.podman.docker("create", "--name", "unconf", "--security-opt", "seccomp=unconfined", image, "sleep", "600")
            cls.podman.docker("create", "--name", "priv", "--privileged", image, "sleep", "600")
            cls.exporter = Exporter(cls.podman.url)
            poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], timeout=60,
                 what="docker_up 1 against Podman")
        except BaseException:
            cls.podman.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "exporter"):
            cls.exporter.stop()
        cls.podman.stop()

    def test_scan_verdicts(self):
        self.assertEqual(verdicts(self.exporter), {
            "plain": ("default_profile", 1.0), "unconf": ("unconfined", 0.0), "priv": ("privileged", 0.0)})
        [(labels, _)] = series(self.exporter.metrics(), "docker_seccomp_daemon_info")
        self.assertEqual(labels["profile"], "default")

    def test_events_create_rename_remove(self):
        self.podman.docker("create", "--name", "late", "--security-opt", "seccomp:unconfined",
                           "dse-busybox:latest", "sleep", "600")
        poll(lambda: verdicts(self.exporter).get("late") == ("unconfined", 0.0), timeout=30, what="the new container")
        self.podman.docker("rename", "late", "renamed")
        poll(lambda: "renamed" in verdicts(self.exporter) and "late" not in verdicts(self.exporter), timeout=30,
             what="the rename")
        self.podman.docker("rm", "renamed")  # Podman reports this as "remove", not "destroy"
        poll(lambda: "renamed" not in verdicts(self.exporter), timeout=30, what="the removal")

    def test_audit(self):
        from harness import EXPORTER
        out = subprocess.run([EXPORTER, "audit", "--docker.host", self.podman.url], capture_output=True, text=True,
                             timeout=120)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("priv", out.stdout.splitlines()[1])


if __name__ == "__main__":
    unittest.main()
