"""The .deb under a real systemd as PID 1, as users run it: apt-get install, the packaged unit with its
sandbox, READY after the first scan, the watchdog, reload, a Docker restart, stop, socket activation with
PrivateNetwork=yes, and a purge that leaves nothing behind.

The machine is a Debian 12 root file system booted by systemd-nspawn (machine.py); the engine is a private
dockerd on this host whose socket directory is bound into the machine, its socket's group a fixed gid
that the machine's "docker" group also has, as docker.io would set it up. The host's /proc is bound in too
and given as --proc.path (nspawn gives the machine a pid namespace of its own), as the container image does.
"""
import glob
import os
import re
import signal
import sys
import tempfile
import time
import unittest
import urllib.request

from harness import compliance_by_name, free_port, parse_metrics, poll, PrivateDockerd, series
from machine import Machine, run

PACKAGE = "docker-seccomp-exporter"
SERVICE = "docker-seccomp-exporter.service"
SOCKET_UNIT = "docker-seccomp-exporter.socket"
DOCKER_GID = 2375
CONFIG = "/etc/dse-test/config.yml"
SHARE = "/usr/share/docker-seccomp-exporter/systemd"
# What a purge must leave as it found it; apt's and dpkg's own books and logs are theirs.
SNAPSHOT = ("find /etc /usr /opt /srv /var -xdev -path /var/lib/dpkg -prune -o -path /var/lib/apt -prune "
            "-o -path /var/cache -prune -o -path /var/log -prune -o -path /var/tmp -prune "
            "-o -path /var/lib/systemd -prune -o -print | sort; cat /etc/passwd /etc/group /etc/shadow")


def scrape(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=10) as response:
        return parse_metrics(response.read().decode())


def sanitized_build():
    with open(os.path.join(os.environ["DSE_BUILD_DIR"], "CMakeCache.txt")) as f:
        return "DSE_SANITIZE:BOOL=ON" in f.read()


def process_status(machine, pid):
    text = machine.run("cat", f"/proc/{pid}/status").stdout
    return dict(line.split(":\t", 1) for line in text.splitlines() if ":\t" in line)


class PackageUnderSystemd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.deb_dir = tempfile.mkdtemp(prefix="dse-deb-")
        run("cpack", "--config", os.path.join(os.environ["DSE_BUILD_DIR"], "CPackConfig.cmake"), "-B", cls.deb_dir)
        [cls.deb] = glob.glob(os.path.join(cls.deb_dir, "*.deb"))
        cls.dockerd = PrivateDockerd(extra_args=f"--group {DOCKER_GID}")
        cls.machine = None
        try:
            os.chmod(cls.dockerd.dir, 0o755)  # the exporter's user, inside, walks to the socket
            d = cls.dockerd
            d.create("app")
            d.create("loose", "--security-opt", "seccomp=unconfined")
            d.create("root-like", "--privileged")
            d.create("runner")
            d.docker("start", "runner")
            cls.machine = Machine(binds=[(d.dir, "/run/dse-engine", True), ("/proc", "/run/dse-host-proc", True),
                                         (cls.deb_dir, "/run/dse-deb", True)])
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def tearDownClass(cls):
        if cls.machine:
            cls.machine.stop()
        cls.dockerd.stop()
        run("rm", "-rf", cls.deb_dir)

    def test_package_lifecycle_under_systemd(self):
        m = self.machine
        # As docker.io would have it: the group of the engine's socket (the unit's SupplementaryGroups=docker).
        m.run("groupadd", "--system", "--gid", str(DOCKER_GID), "docker")
        m.write(CONFIG, "exclude:\n  name: []\n")
        before = m.sh(SNAPSHOT).stdout

        m.run("apt-get", "update", "-qq", timeout=300)
        install = m.run("apt-get", "install", "-y", "--no-install-recommends",
                        "/run/dse-deb/" + os.path.basename(self.deb), timeout=600)
        # (libprometheus-cpp-core is no longer one: the text is written by metrics/text_format.)
        self.assertRegex(install.stdout, r"libspdlog1\.10", "apt must pull the package's dependencies")
        self.assertEqual(m.show(SERVICE, "UnitFileState"), "disabled", "the package enables nothing")

        if sanitized_build():
            # LeakSanitizer stops the world with ptrace at exit, which the unit's SystemCallFilter refuses
            # (as it should): the sanitizers run, the leak check does not.
            m.write(f"/etc/systemd/system/{SERVICE}.d/sanitizers.conf",
                    "[Service]\nEnvironment=ASAN_OPTIONS=detect_leaks=0\n")
            m.systemctl("daemon-reload")
        port = free_port()
        m.write("/etc/default/docker-seccomp-exporter",
                f'ARGS="--docker.host=unix:///run/dse-engine/docker.sock --proc.path=/run/dse-host-proc '
                f'--web.listen-address=127.0.0.1:{port} --config.file={CONFIG}"\n')
        started = time.monotonic()
        m.systemctl("start", SERVICE, timeout=120)
        # Type=notify: start returns after READY=1, which the exporter sends after its first full scan.
        samples = scrape(port)
        self.assertEqual(series(samples, "docker_seccomp_docker_up"), [({}, 1.0)])
        verdicts = compliance_by_name(samples)
        self.assertEqual({name: value for name, (_, value) in verdicts.items()},
                         {"app": 1.0, "loose": 0.0, "root-like": 0.0, "runner": 1.0}, verdicts)
        self.assertEqual(verdicts["loose"][0], "unconfined")
        self.assertEqual(verdicts["root-like"][0], "privileged")
        self.assertEqual([l["mode"] for l, _ in series(samples, "docker_seccomp_container_kernel_mode", name="runner")],
                         ["filter"])

        main_pid = int(m.show(SERVICE, "MainPID"))
        status = process_status(m, main_pid)
        self.assertEqual(status["Seccomp"], "2", "the unit's SystemCallFilter")
        self.assertEqual(status["NoNewPrivs"], "1")
        for capabilities in ("CapInh", "CapPrm", "CapEff", "CapBnd", "CapAmb"):
            self.assertEqual(int(status[capabilities], 16), 0, capabilities)
        uid = m.run("id", "-u", PACKAGE).stdout.strip()
        self.assertEqual(status["Uid"].split(), [uid] * 4)
        self.assertIn(str(DOCKER_GID), status["Groups"].split())
        # The endpoint's own process under the unit: the unit's filter and its own on top, Landlock, no root.
        [web_pid] = [int(pid) for pid in m.run("cat", f"/proc/{main_pid}/task/{main_pid}/children").stdout.split()]
        web = process_status(m, web_pid)
        self.assertGreater(int(web["Seccomp_filters"]), int(status["Seccomp_filters"]))
        self.assertEqual(web["Uid"].split(), [uid] * 4)
        self.assertEqual(int(web["CapEff"], 16), 0)
        self.assertEqual({labels["mechanism"]: value for labels, value in
                          series(samples, "docker_seccomp_web_side_confinement")},
                         {"seccomp": 1.0, "landlock": 1.0, "unprivileged_user": 1.0})

        # systemctl reload: SIGHUP, the config file read again.
        m.write(CONFIG, "exclude:\n  name: ['loose']\n")
        m.systemctl("reload", SERVICE)
        poll(lambda: "loose" not in compliance_by_name(scrape(port)), what="the reload to exclude 'loose'")

        # A Docker restart: the exporter stays up, reconnects and scans again.
        self.dockerd.kill_daemon(signal.SIGKILL)
        poll(lambda: series(scrape(port), "docker_seccomp_docker_up") == [({}, 0.0)], what="docker_up 0")
        self.dockerd.resume_daemon()
        poll(lambda: series(scrape(port), "docker_seccomp_docker_up") == [({}, 1.0)], timeout=60, what="docker_up 1")

        # The watchdog (WatchdogSec=30s in the unit) is armed, and pings keep the service alive past it.
        self.assertEqual(m.show(SERVICE, "WatchdogUSec"), "30s")
        poll(lambda: time.monotonic() - started > 35, timeout=60, interval=0.5, what="35 s of uptime")
        self.assertEqual((m.show(SERVICE, "ActiveState"), m.show(SERVICE, "NRestarts"), int(m.show(SERVICE, "MainPID"))),
                         ("active", "0", main_pid))

        m.systemctl("stop", SERVICE, timeout=60)
        self.assertEqual((m.show(SERVICE, "Result"), m.show(SERVICE, "ExecMainStatus")), ("success", "0"),
                         m.run("journalctl", "--no-pager", "-n", "30", "-u", SERVICE, check=False).stdout)

        self.check_socket_activation()

        m.run("apt-get", "purge", "-y", "--autoremove", PACKAGE, timeout=300)
        after = m.sh(SNAPSHOT).stdout
        self.assertEqual(sorted(set(after.splitlines()) ^ set(before.splitlines())), [],
                         "what the package left behind (+) or took away (-)")

    def check_socket_activation(self):
        """The packaged .socket example and drop-in: the port is systemd's, the service has no network."""
        m = self.machine
        port = free_port()
        m.run("cp", f"{SHARE}/{SOCKET_UNIT}", "/etc/systemd/system/")
        m.write(f"/etc/systemd/system/{SERVICE}.d/socket-activation.conf", m.run("cat", f"{SHARE}/socket-activation.conf").stdout)
        m.write(f"/etc/systemd/system/{SOCKET_UNIT}.d/port.conf", f"[Socket]\nListenStream=\nListenStream=127.0.0.1:{port}\n")
        m.systemctl("daemon-reload")
        exposure = m.run("systemd-analyze", "security", "--no-pager", SERVICE).stdout
        level = float(re.search(r"Overall exposure level for \S+: (\d+\.\d+)", exposure).group(1))
        self.assertLessEqual(level, 1.2, exposure)
        print(f"systemd-analyze security, socket-activated with PrivateNetwork=yes: {level}", file=sys.stderr)

        m.systemctl("start", SOCKET_UNIT)
        self.assertEqual(m.show(SERVICE, "ActiveState"), "inactive", "nothing runs until the first scrape")
        # The first connection starts the service (it may answer before its first scan is done).
        samples = poll(lambda: (lambda s: series(s, "docker_seccomp_docker_up") == [({}, 1.0)] and s)(scrape(port)),
                       what="an answer on the systemd socket")
        self.assertIn("runner", compliance_by_name(samples))
        main_pid = m.show(SERVICE, "MainPID")
        own_net = m.run("readlink", f"/proc/{main_pid}/ns/net").stdout
        self.assertNotEqual(own_net, m.run("readlink", "/proc/1/ns/net").stdout, "PrivateNetwork=yes")

        m.systemctl("stop", SOCKET_UNIT, SERVICE, timeout=60)
        self.assertEqual(m.show(SERVICE, "Result"), "success")
        m.run("rm", "-rf", f"/etc/systemd/system/{SOCKET_UNIT}", f"/etc/systemd/system/{SOCKET_UNIT}.d",
              f"/etc/systemd/system/{SERVICE}.d")
        m.systemctl("daemon-reload")


if __name__ == "__main__":
    unittest.main()
