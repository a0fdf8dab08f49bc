"""Privilege separation (issue 23): the endpoint's own process, the web side, against a real dockerd.

What an attacker who takes over the process that parses HTTP can reach: not Docker's socket (it holds no
connection to it, and may not make one), not root, not exec. The checks read the kernel's word: /proc/<pid>/fd,
/proc/<pid>/status, /proc/net/tcp and `ss`.
"""
import gzip
import http.client
import os
import re
import signal
import subprocess
import time
import unittest
import urllib.request

from harness import Exporter, PrivateDockerd, poll, series, verdicts


def children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(child) for child in f.read().split()]


def web_side(exporter):
    [child] = poll(lambda: children(exporter.process.pid), what="the web side")
    return child


def status(pid):
    with open(f"/proc/{pid}/status") as f:
        return dict(line.split(":\t", 1) for line in f.read().splitlines() if ":\t" in line)


def socket_inodes(pid):
    inodes = set()
    for fd in os.listdir(f"/proc/{pid}/fd"):
        try:
            target = os.readlink(f"/proc/{pid}/fd/{fd}")
        except FileNotFoundError:
            continue
        match = re.fullmatch(r"socket:\[(\d+)\]", target)
        if match:
            inodes.add(int(match.group(1)))
    return inodes


def unix_peers():
    """inode -> peer inode of every connected unix stream socket on the host (ss -x)."""
    out = subprocess.run(["ss", "-x", "-a", "-n"], capture_output=True, text=True, check=True).stdout
    peers = {}
    for line in out.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 8 and fields[0] == "u_str" and fields[7].isdigit() and fields[5].isdigit():
            peers[int(fields[5])] = int(fields[7])
    return peers


def tcp_inodes(port, state):
    """Inodes of the IPv4 TCP sockets on local port in state ("0A" listening, "01" established)."""
    inodes = set()
    with open("/proc/net/tcp") as f:
        for line in f.read().splitlines()[1:]:
            fields = line.split()
            if int(fields[1].split(":")[1], 16) == port and fields[3] == state:
                inodes.add(int(fields[9]))
    return inodes


def gone(pid):
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().split(")")[-1].split()[0] == "Z"
    except FileNotFoundError:
        return True


class WebSideAgainstDockerd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dockerd = PrivateDockerd()
        cls.dockerd.create("filtered")
        cls.dockerd.create("unfiltered", "--security-opt", "seccomp=unconfined")

    @classmethod
    def tearDownClass(cls):
        cls.dockerd.stop()

    def setUp(self):
        self.exporter = Exporter(self.dockerd.url, env={"DSE_FAILPOINTS": "web_side_escape"})
        self.addCleanup(self.exporter.stop)
        poll(lambda: verdicts(self.exporter) == {"filtered": ("default_profile", 1.0),
                                                 "unfiltered": ("unconfined", 0.0)}, what="both verdicts")

    def test_the_process_that_reads_the_network_holds_no_connection_to_docker(self):
        engine, web = self.exporter.process.pid, web_side(self.exporter)
        client = http.client.HTTPConnection("127.0.0.1", self.exporter.port, timeout=10)
        self.addCleanup(client.close)
        client.request("GET", "/metrics")
        self.assertEqual(client.getresponse().read().count(b"docker_seccomp_container_compliant{"), 2)
        # The client's connection, kept alive: accepted by the web side, never by the engine side.
        established = tcp_inodes(self.exporter.port, "01")
        self.assertTrue(established & socket_inodes(web), "the web side holds the client's connection")
        self.assertFalse(established & socket_inodes(engine), "the engine side holds a client's connection")
        peers = unix_peers()
        owner = {inode: pid for pid in (engine, web) for inode in socket_inodes(pid)}
        dockerd_sockets = socket_inodes(self.dockerd.daemon_pid())
        # The engine side is connected to dockerd (so the check below can fail) ...
        self.assertTrue(any(peers.get(inode) in dockerd_sockets for inode in socket_inodes(engine)))
        # ... the web side only to the engine side, over its socketpair.
        web_peers = [peers[inode] for inode in socket_inodes(web) if inode in peers]
        self.assertEqual(len(web_peers), 1, web_peers)
        self.assertEqual(owner.get(web_peers[0]), engine)
        self.assertFalse(set(web_peers) & dockerd_sockets)

    def test_its_status_shows_its_own_filter_and_no_root(self):
        engine, web = status(self.exporter.process.pid), status(web_side(self.exporter))
        self.assertGreater(int(web["Seccomp_filters"]), int(engine["Seccomp_filters"]))
        self.assertEqual(web["Seccomp"], "2")
        self.assertEqual(web["NoNewPrivs"], "1")
        self.assertNotEqual(web["Uid"].split()[0], "0")
        self.assertEqual(set(web["Uid"].split()), {str(65534)})  # nobody, the default --web.user
        self.assertEqual(int(web["CapEff"], 16), 1 << 2)  # CAP_DAC_READ_SEARCH alone, bounded by Landlock
        samples = self.exporter.metrics()
        for mechanism in ("seccomp", "landlock", "unprivileged_user"):
            self.assertEqual(series(samples, "docker_seccomp_web_side_confinement", mechanism=mechanism),
                             [({"mechanism": mechanism}, 1.0)])

    def test_connect_to_docker_and_execve_are_refused_and_counted(self):
        logs = poll(lambda: "call=execve" in self.exporter.logs() and self.exporter.logs(), what="the failpoint")
        for call in ("socket", "connect", "execve"):
            self.assertRegex(logs, rf'msg="failpoint web_side_escape" call={call} result=-1 err="Operation not permitted"')

        def refused(syscall):
            found = series(self.exporter.metrics(), "docker_seccomp_web_side_refused_syscalls_total", syscall=syscall)
            return found and found[0][1]
        for syscall in ("socket", "connect", "execve"):
            self.assertEqual(poll(lambda: refused(syscall), what=f"{syscall} counted"), 1.0)

    def test_a_killed_web_side_comes_back_within_a_second_and_no_verdict_is_lost(self):
        web = web_side(self.exporter)
        before = verdicts(self.exporter)
        os.kill(web, signal.SIGKILL)
        killed_at = time.monotonic()
        # While it is down, a container changes: the engine side keeps watching.
        self.dockerd.create("while-down", "--security-opt", "seccomp=unconfined")

        def answered():
            try:
                return self.exporter.get("/-/healthy")[0] == 200 and children(self.exporter.process.pid) != [web]
            except OSError:
                return False
        poll(answered, timeout=1.0, interval=0.01, what="a new web side answering")
        back_after = time.monotonic() - killed_at
        self.assertLess(back_after, 1.0)
        poll(lambda: verdicts(self.exporter) == dict(before, **{"while-down": ("unconfined", 0.0)}),
             what="every verdict, and the one made while the web side was down")
        samples = self.exporter.metrics()
        self.assertEqual(series(samples, "docker_seccomp_web_side_exits_total", cause="signal_SIGKILL"),
                         [({"cause": "signal_SIGKILL"}, 1.0)])
        self.assertEqual(series(samples, "docker_seccomp_web_side_starts_total"), [({}, 2.0)])
        self.assertRegex(self.exporter.logs(), r'msg="the web side ended; starting it again" pid=\d+ cause=signal_SIGKILL')
        self.dockerd.docker("rm", "while-down")


    def test_a_gzipped_scrape_follows_every_change(self):
        # The web side reuses its last scrape's buffer: its gzip must never be the last text's.
        def gzipped_verdicts():
            request = urllib.request.Request(self.exporter.base + "/metrics", headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request, timeout=10) as response:
                self.assertEqual(response.headers["Content-Encoding"], "gzip")
                text = gzip.decompress(response.read()).decode()
            return set(re.findall(r'docker_seccomp_container_compliant\{[^}]*name="([^"]+)"', text))
        self.assertEqual(gzipped_verdicts(), {"filtered", "unfiltered"})
        self.dockerd.create("third")
        self.addCleanup(self.dockerd.docker, "rm", "third", check=False)
        poll(lambda: gzipped_verdicts() == {"filtered", "unfiltered", "third"}, what="the change, gzipped")
        self.dockerd.docker("rm", "third")
        poll(lambda: gzipped_verdicts() == {"filtered", "unfiltered"}, what="the removal, gzipped")


class EngineSideGone(unittest.TestCase):
    def test_the_web_side_exits_when_the_engine_side_dies(self):
        dockerd = PrivateDockerd()
        self.addCleanup(dockerd.stop)
        exporter = Exporter(dockerd.url)
        try:
            web = web_side(exporter)
            exporter.process.send_signal(signal.SIGKILL)
            exporter.process.wait(timeout=10)
            poll(lambda: gone(web), timeout=5, what="the web side to end with the engine side")
        finally:
            if exporter.process.poll() is None:
                exporter.process.kill()
                exporter.process.wait()
            exporter.log.close()


class OneProcess(unittest.TestCase):
    def test_no_separate_process_serves_from_one_process(self):
        dockerd = PrivateDockerd()
        self.addCleanup(dockerd.stop)
        dockerd.create("filtered")
        exporter = Exporter(dockerd.url, "--no-web.separate-process")
        self.addCleanup(exporter.stop)
        poll(lambda: verdicts(exporter) == {"filtered": ("default_profile", 1.0)}, what="the verdict")
        self.assertEqual(children(exporter.process.pid), [])
        self.assertEqual(series(exporter.metrics(), "docker_seccomp_web_side_up"), [])


if __name__ == "__main__":
    unittest.main()
