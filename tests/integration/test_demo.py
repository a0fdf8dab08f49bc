"""scripts/demo as a new user runs it: its own private engine with sample containers, a free port when 10521
is taken, the profile workflow end to end, and Ctrl-C (SIGINT to its process group, as a terminal sends it)
exits 130 with everything it started stopped."""
import os
import re
import signal
import socket
import subprocess
import threading
import unittest
import urllib.request

from harness import EXPORTER, ROOT, parse_metrics, poll, series, terminate

DEMO = os.path.join(ROOT, "scripts", "demo")


class DemoRun:
    """scripts/demo in a session of its own, its output collected as it comes."""

    def __init__(self, **env):
        environment = {k: v for k, v in os.environ.items() if not k.startswith(("DEMO_", "DOCKER_"))}
        environment.update(DSE_EXPORTER=EXPORTER, **env)
        self.process = subprocess.Popen(["bash", DEMO], env=environment, stdin=subprocess.DEVNULL,
                                        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                                        start_new_session=True)
        self.output = ""
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        for line in self.process.stdout:
            self.output += line

    def wait_for(self, pattern, timeout=120):
        def check():
            match = re.search(pattern, self.output)
            if match or self.process.poll() is None:
                return match
            self.reader.join(timeout=10)
            match = re.search(pattern, self.output)
            if not match:
                raise AssertionError(f"demo exited with {self.process.returncode} before {pattern!r}:\n{self.output}")
            return match
        return poll(check, timeout=timeout, what=f"demo output {pattern!r}")

    def finish(self, timeout=120):
        self.process.wait(timeout=timeout)
        self.reader.join(timeout=10)
        return self.process.returncode

    def stop(self):
        """Ends a demo a test left running, and whatever it started: as Ctrl-C does, killing only if that fails.
        The exporter and dockerd run in sessions of their own, so a killed script would leave them behind."""
        terminate(self.process, 90, first=signal.SIGINT, group=True)
        match = re.search(r"private Docker engine in (/tmp/dse-demo-\w+)", self.output)
        if match and os.path.exists(match.group(1)):
            for pid in filter(str.isdigit, os.listdir("/proc")):  # its exporter: --docker.host in that directory
                try:
                    with open(f"/proc/{pid}/cmdline", "rb") as f:
                        command = f.read().split(b"\0")
                except OSError:
                    continue
                if command and command[0] == EXPORTER.encode() and any(match.group(1).encode() in a for a in command):
                    os.kill(int(pid), signal.SIGTERM)
            subprocess.run([os.path.join(ROOT, "scripts", "private-dockerd"), "stop", match.group(1)],
                           capture_output=True, timeout=120)


def take_port(port):
    """Listens on port (all addresses) when it is free; None when something else already has it."""
    s = socket.socket(socket.AF_INET6)
    s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_V6ONLY, 0)
    try:
        s.bind(("::", port))
    except OSError:
        s.close()
        return None
    s.listen()
    return s


def alive(pid):
    """Running, and not a zombie nobody has reaped yet."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def metrics(port):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
        return parse_metrics(response.read().decode())


class Demo(unittest.TestCase):
    def test_private_engine_free_port_profile_workflow_and_ctrl_c(self):
        holder = take_port(10521)
        demo = DemoRun()
        try:
            port = int(demo.wait_for(r"port 10521 is already in use: serving on :(\d+) instead").group(1))
            demo_dir = demo.wait_for(r"private Docker engine in (/tmp/dse-demo-\w+)").group(1)
            demo.wait_for(r"\(Ctrl-C stops it\)", timeout=180)
            self.assertNotIn("no audit records", demo.output)
            samples = metrics(port)
            reasons = {labels["name"]: labels["reason"]
                       for labels, _ in series(samples, "docker_seccomp_container_compliant")}
            self.assertEqual(reasons["default-running"], "default_profile")
            self.assertEqual(reasons["unconfined-running"], "unconfined")
            self.assertEqual(reasons["privileged"], "privileged")
            self.assertEqual(reasons["learner-filtered"], "custom_profile")
            # The workflow's output: what the learner logged, and its suggestion running filtered.
            self.assertRegex(demo.output, r'syscall_actions_total\{[^}]*name="learner"[^}]*syscall="sethostname"')
            self.assertRegex(demo.output, r'compliant\{[^}]*name="learner-filtered"[^}]*reason="custom_profile"\} 1')
            dockerd_pid = int(open(os.path.join(demo_dir, "dockerd.pid")).read())

            os.killpg(demo.process.pid, signal.SIGINT)
            self.assertEqual(demo.finish(), 130, demo.output)
            self.assertFalse(os.path.exists(demo_dir), "the private engine's directory is removed")
            self.assertFalse(alive(dockerd_pid), "the private dockerd is stopped")
            with self.assertRaises(OSError):
                metrics(port)
        finally:
            demo.stop()
            if holder:
                holder.close()

    def test_a_taken_demo_listen_is_named_before_anything_starts(self):
        holder = take_port(0)
        port = holder.getsockname()[1]
        try:
            demo = DemoRun(DEMO_LISTEN=f":{port}")
            self.assertEqual(demo.finish(timeout=60), 1, demo.output)
            self.assertIn(f"DEMO_LISTEN=:{port}: port {port} is already in use", demo.output)
            self.assertNotIn("private Docker engine", demo.output)
        finally:
            holder.close()


if __name__ == "__main__":
    unittest.main()
