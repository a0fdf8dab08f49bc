"""What the README shows is what the exporter does: its sample of /metrics is served verbatim for the same
containers, and docs/status-page.png is the status page as headless Chromium renders it for them.

DSE_UPDATE_DOCS=1 writes a fresh screenshot into docs/ (commit it when the page changes); without it the
test takes one and checks that the kept one is a screenshot of the same size, referenced by the README.
"""
import json
import os
import re
import shutil
import struct
import subprocess
import tempfile
import unittest

from harness import CHROMIUM, ROOT, Exporter, FakeDocker, inspect_body, poll, series

SCREENSHOT = os.path.join(ROOT, "docs", "status-page.png")
WINDOW = (1280, 640)
PROFILE = json.dumps({"defaultAction": "SCMP_ACT_ERRNO",
                      "syscalls": [{"names": ["read", "write", "exit_group"], "action": "SCMP_ACT_ALLOW"}]})


def sample_host():
    """Four containers, one of each common verdict, on a Docker 26 whose default profile is builtin."""
    containers = {}
    for prefix, name, image, options in [
        ("3f1c9a2b7d4e", "web", "nginx:1.27", {}),
        ("8a7b6c5d4e3f", "payments", "registry.example/payments:4.2", {"security_opt": ["seccomp=" + PROFILE]}),
        ("c0ffee123456", "legacy-report", "legacy/report:2019", {"security_opt": ["seccomp=unconfined"]}),
        ("d15ea5e00001", "node-agent", "monitoring/agent:1.8", {"privileged": True}),
    ]:
        container_id = prefix + "0" * 52
        containers[container_id] = inspect_body(container_id, name, image=image, state="running", **options)
    return FakeDocker(containers, info={"ServerVersion": "26.1.5", "SecurityOptions": ["name=seccomp,profile=builtin"],
                                        "DefaultRuntime": "runc", "RuncCommit": {"ID": "1.1.5+ds1-1+deb12u1"}})


def png_size(path):
    with open(path, "rb") as f:
        header = f.read(24)
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


class Docs(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = sample_host()
        cls.exporter = Exporter(cls.fake.url)
        poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="a scan")
        with open(os.path.join(ROOT, "README.md")) as f:
            cls.readme = f.read()

    @classmethod
    def tearDownClass(cls):
        cls.exporter.stop()
        cls.fake.close()

    def test_the_readme_metrics_sample_is_served_verbatim(self):
        match = re.search(r"```text\n(# HELP docker_seccomp_container_compliant .*?)```", self.readme, re.S)
        self.assertTrue(match, "the README's /metrics sample")
        sample = match.group(1).splitlines()
        self.assertGreaterEqual(len(sample), 10)
        served = set(self.exporter.metrics_text().splitlines())
        self.assertEqual([line for line in sample if line not in served], [])

    def test_the_status_page_screenshot(self):
        with tempfile.TemporaryDirectory(prefix="dse-chromium-") as profile:
            path = os.path.join(profile, "status.png")
            out = subprocess.run([*CHROMIUM, f"--user-data-dir={profile}", f"--screenshot={path}",
                                  f"--window-size={WINDOW[0]},{WINDOW[1]}", "--hide-scrollbars", self.exporter.base + "/"],
                                 capture_output=True, text=True, timeout=120)
            self.assertEqual(out.returncode, 0, out.stderr[-2000:])
            self.assertEqual(png_size(path), WINDOW)
            self.assertGreater(os.path.getsize(path), 20_000, "a page, not a blank window")
            if os.environ.get("DSE_UPDATE_DOCS") == "1":
                shutil.copyfile(path, SCREENSHOT)
        self.assertEqual(png_size(SCREENSHOT), WINDOW, "docs/status-page.png: run with DSE_UPDATE_DOCS=1")
        self.assertIn("](docs/status-page.png)", self.readme)


if __name__ == "__main__":
    unittest.main()
