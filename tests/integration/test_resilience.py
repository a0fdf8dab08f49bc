"""Never blind, never wrong, with the real engine: restarts, a cut stream, and a burst of 500 containers."""
import signal
import time
import unittest
from concurrent.futures import ThreadPoolExecutor

from harness import IMAGE, Exporter, PrivateDockerd, TcpToUnixProxy, poll, series, verdicts


def reasons(exporter):
    return {name: reason for name, (reason, _) in verdicts(exporter).items()}


def docker_up(exporter):
    [(_, value)] = series(exporter.metrics(), "docker_seccomp_docker_up")
    return value


def docker_truth(dockerd):
    """Docker's own answer, name -> reason, for the options these tests use."""
    truth = {}
    for line in dockerd.docker("ps", "-a", "--format", "{{.Names}}").splitlines():
        opts = dockerd.docker("inspect", "--format", "{{.HostConfig.SecurityOpt}}", line)
        truth[line] = "unconfined" if "seccomp=unconfined" in opts else "default_profile"
    return truth


class EngineRestarts(unittest.TestCase):
    def test_sigterm_and_sigkill_then_restart(self):
        dockerd = PrivateDockerd()
        try:
            dockerd.create("steady")
            dockerd.create("open", "--security-opt", "seccomp=unconfined")
            exporter = Exporter(dockerd.url)
            try:
                poll(lambda: docker_up(exporter) == 1, what="docker_up 1")
                before = reasons(exporter)
                self.assertEqual(before, docker_truth(dockerd))
                for sig in (signal.SIGTERM, signal.SIGKILL):
                    dockerd.kill_daemon(sig)
                    poll(lambda: docker_up(exporter) == 0, what=f"docker_up 0 after {sig.name}")
                    self.assertEqual(reasons(exporter), before, "the last verdicts stay exported")
                    dockerd.resume_daemon()
                    poll(lambda: docker_up(exporter) == 1, timeout=60, what=f"docker_up 1 after {sig.name}")
                    # Changes right after the restart are seen too.
                    name = f"after_{sig.name.lower()}"
                    dockerd.create(name, "--security-opt", "seccomp=unconfined")
                    poll(lambda: reasons(exporter) == docker_truth(dockerd), what=f"exact state after {sig.name}")
                    before = reasons(exporter)
                self.assertIn("reconnecting to Docker", exporter.logs())
            finally:
                exporter.stop()
        finally:
            dockerd.stop()


class StreamCut(unittest.TestCase):
    def test_changes_during_a_cut_are_right_after_reconnect(self):
        dockerd = PrivateDockerd()
        proxy = TcpToUnixProxy(dockerd.socket)
        try:
            dockerd.create("stays")
            dockerd.create("goes")
            dockerd.create("renamed_during_cut")
            exporter = Exporter(proxy.url)
            try:
                poll(lambda: docker_up(exporter) == 1, what="docker_up 1")
                proxy.cut()
                poll(lambda: docker_up(exporter) == 0, what="docker_up 0 when the stream is cut")
                dockerd.docker("rm", "goes")
                dockerd.create("came", "--security-opt", "seccomp=unconfined")
                dockerd.docker("rename", "renamed_during_cut", "has_new_name")
                self.assertIn("goes", reasons(exporter))  # nothing seen yet: the stream is cut
                proxy.restore()
                poll(lambda: docker_up(exporter) == 1, timeout=60, what="docker_up 1 after the cut")
                self.assertEqual(reasons(exporter), {"stays": "default_profile", "came": "unconfined",
                                                      "has_new_name": "default_profile"})
            finally:
                exporter.stop()
        finally:
            proxy.close()
            dockerd.stop()


class Burst(unittest.TestCase):
    def test_500_containers_created_as_fast_as_possible(self):
        dockerd = PrivateDockerd()
        try:
            exporter = Exporter(dockerd.url)
            try:
                poll(lambda: docker_up(exporter) == 1, what="docker_up 1")
                started = time.monotonic()

                def create(i):
                    host_config = {"SecurityOpt": ["seccomp=unconfined"]} if i % 5 == 0 else {}
                    dockerd.api("POST", f"/containers/create?name=burst{i}",
                                {"Image": IMAGE, "Cmd": ["true"], "HostConfig": host_config})

                with ThreadPoolExecutor(max_workers=8) as pool:
                    list(pool.map(create, range(500)))
                created = time.monotonic() - started

                def counts():
                    found = {l["reason"]: v for l, v in series(exporter.metrics(), "docker_seccomp_containers")}
                    return found["default_profile"] == 400 and found["unconfined"] == 100 and found
                poll(counts, timeout=120, what="exact counts after the burst")
                converged = time.monotonic() - started
                print(f"\n500 containers: created in {created:.1f}s, exporter exact {converged - created:.2f}s later")
                self.assertEqual(len(reasons(exporter)), 500)
                dockerd.api("POST", "/containers/prune")
                poll(lambda: not reasons(exporter), timeout=120, what="all 500 series gone after prune")
            finally:
                exporter.stop()
        finally:
            dockerd.stop()


if __name__ == "__main__":
    unittest.main()
