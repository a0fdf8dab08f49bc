"""A scripted fake Docker API (harness.FakeDocker): what a real engine rarely does, on demand."""
import time
import unittest

from harness import Exporter, FakeDocker, inspect_body, poll, series


def verdicts(exporter):
    return {labels["name"]: (labels["reason"], value)
            for labels, value in series(exporter.metrics(), "docker_seccomp_container_compliant")}


class PeriodicResync(unittest.TestCase):
    def test_resync_catches_what_the_stream_never_said(self):
        fake = FakeDocker({"a" * 64: inspect_body("a" * 64, "first")})
        exporter = Exporter(fake.url, "--docker.resync-interval=300ms")
        try:
            poll(lambda: verdicts(exporter) == {"first": ("default_profile", 1.0)}, what="the first scan")
            # Changes with no event at all: only a resync can see them.
            fake.containers["b" * 64] = inspect_body("b" * 64, "silent", security_opt=["seccomp=unconfined"])
            del fake.containers["a" * 64]
            poll(lambda: verdicts(exporter) == {"silent": ("unconfined", 0.0)}, what="the resync")
            self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 1.0)])
        finally:
            exporter.stop()
            fake.close()

    def test_zero_disables_resync(self):
        fake = FakeDocker({"a" * 64: inspect_body("a" * 64, "first")})
        exporter = Exporter(fake.url, "--docker.resync-interval=0s")
        try:
            poll(lambda: verdicts(exporter) == {"first": ("default_profile", 1.0)}, what="the first scan")
            lists_after_scan = sum(1 for path in fake.requests if path.startswith("/v1.41/containers/json"))
            fake.containers["b" * 64] = inspect_body("b" * 64, "silent")
            # Absence over a whole second of scrapes: a zero interval must not mean "rescan without pause".
            deadline = time.monotonic() + 1.0
            while time.monotonic() < deadline:
                exporter.metrics()
            self.assertEqual(sum(1 for path in fake.requests if path.startswith("/v1.41/containers/json")),
                             lists_after_scan)
            self.assertNotIn("silent", verdicts(exporter))
        finally:
            exporter.stop()
            fake.close()


if __name__ == "__main__":
    unittest.main()
