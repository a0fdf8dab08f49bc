"""The exporter unchanged against Podman's Docker-compatible API (podman system service)."""
import os
import subprocess
import tempfile
import unittest

from harness import Exporter, poll, ROOT, series, verdicts


class PodmanService:
    def __init__(self, env=None):
        self.dir = tempfile.mkdtemp(prefix="dse-podman-")
        out = subprocess.run([os.path.join(ROOT, "scripts", "private-podman"), "start", self.dir],
                             capture_output=True, text=True, timeout=120, env=dict(os.environ, **(env or {})))
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

    def podman(self, *args):
        """Podman's own CLI on the same store (as scripts/private-podman runs it): it keeps profile paths."""
        d = self.dir
        out = subprocess.run(["podman", "--root", f"{d}/root", "--runroot", f"{d}/run", "--storage-driver", "vfs",
                              "--cgroup-manager", "cgroupfs", "--events-backend", "file", "--tmpdir", f"{d}/tmp", *args],
                             capture_output=True, text=True, timeout=60)
        if out.returncode != 0:
            raise RuntimeError(f"podman {' '.join(args)} failed: {out.stderr}")
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
            # Podman keeps the path of a custom profile in SecurityOpt: the exporter reads the file.
            profiles = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profiles")
            cls.gone = tempfile.NamedTemporaryFile("w", suffix=".json", delete=False)
            cls.gone.write('{"defaultAction": "SCMP_ACT_ERRNO", "syscalls": []}')
            cls.gone.close()
            for name, flags in [("path_allowlist", []), ("path_privileged", ["--privileged"])]:
                cls.podman.podman("create", "--name", name, *flags, "--security-opt",
                                  f"seccomp={profiles}/allowlist.json", image, "sleep", "600")
            cls.podman.podman("create", "--name", "path_empty", "--security-opt", f"seccomp={profiles}/empty.json",
                              image, "sleep", "600")
            cls.podman.podman("create", "--name", "path_gone", "--security-opt", f"seccomp={cls.gone.name}",
                              image, "sleep", "600")
            os.unlink(cls.gone.name)  # unreadable from now on: unknown, counted
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
            "plain": ("default_profile", 1.0), "unconf": ("unconfined", 0.0), "priv": ("privileged", 0.0),
            # Read from the file SecurityOpt names; Podman applies a non-default profile to privileged ones.
            "path_allowlist": ("custom_profile", 1.0), "path_privileged": ("custom_profile", 1.0),
            "path_empty": ("empty_profile", 0.0), "path_gone": ("custom_profile", 1.0)})
        self.assertEqual(series(self.exporter.metrics(), "docker_seccomp_profile_file_read_errors_total"), [({}, 1.0)])
        risky = {l["name"]: v for l, v in series(self.exporter.metrics(), "docker_seccomp_container_profile_risky_syscalls")}
        self.assertEqual(risky, {"path_allowlist": 0.0, "path_privileged": 0.0})
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
        non_compliant = [line.split()[0] for line in out.stdout.splitlines()[1:] if "NON-COMPLIANT" in line]
        self.assertEqual(sorted(non_compliant), ["path_empty", "priv", "unconf"])


class PodmanContainersConf(unittest.TestCase):
    """Podman's /info says profile=default whatever containers.conf sets: the exporter reads containers.conf."""

    def test_an_unconfined_default_in_containers_conf(self):
        root = tempfile.mkdtemp(prefix="dse-hostroot-")
        self.addCleanup(subprocess.run, ["rm", "-rf", root])
        conf = os.path.join(root, "etc", "containers", "containers.conf")
        os.makedirs(os.path.dirname(conf))
        with open("/usr/share/containers/containers.conf") as f:  # the package's settings, and ours
            distro = f.read()
        with open(conf, "w") as f:
            f.write(distro.replace("[containers]\n", '[containers]\nseccomp_profile = "unconfined"\n', 1))
        # The same file for the engine (CONTAINERS_CONF) and, under --host.root, for the exporter.
        podman = PodmanService(env={"CONTAINERS_CONF": conf})
        self.addCleanup(podman.stop)
        # Containers cannot start under Podman on these machines (runc: rlimits), and Podman shows no seccomp
        # setting for a container without an option (SecurityOpt [], libpod inspect too): the engine runs
        # with this file, the exporter is given the same one.
        podman.docker("create", "--name", "plain", "dse-busybox:latest", "sleep", "600")
        exporter = Exporter(podman.url, "--host.root", root)
        self.addCleanup(exporter.stop)
        poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], timeout=60, what="a scan")
        [(info, _)] = series(exporter.metrics(), "docker_seccomp_daemon_info")
        self.assertEqual(info["profile"], "unconfined")  # /info itself says "default"
        self.assertEqual(verdicts(exporter), {"plain": ("daemon_unconfined", 0.0)})


if __name__ == "__main__":
    unittest.main()
