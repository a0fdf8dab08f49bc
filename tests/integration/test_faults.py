"""A scripted fake Docker API (harness.FakeDocker): what a real engine rarely does, on demand."""
import json
import time
import unittest

from harness import Exporter, FakeDocker, inspect_body, poll, series, verdicts



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



def event(action, container_id, type_="container"):
    return json.dumps({"Type": type_, "Action": action, "Actor": {"ID": container_id, "Attributes": {}},
                       "timeNano": 1}).encode() + b"\n"


def errors(exporter, endpoint):
    [(_, value)] = series(exporter.metrics(), "docker_seccomp_docker_request_errors_total", endpoint=endpoint)
    return value


GOOD = "a" * 64
LATE = "d" * 64


class HostileEventStream(unittest.TestCase):
    def test_garbage_split_duplicate_and_huge_events(self):
        late_event = event("create", LATE)
        chunks = [b"this is not json\n", b'{"Type": "container"}\n',  # malformed, then no Action
                  event("teleport", GOOD), event("create", "x", type_="plugin"),  # unknown action and type
                  b'{"Type":"container","Action":"create","Actor":{"ID":"../../info"}}\n',  # hostile id
                  event("start", GOOD), event("start", GOOD),  # duplicates
                  b'{"Type": "container", "Action": "create", "x": "' + b"y" * (1024 * 1024) + b'"}\n',
                  *[late_event[i:i + 1] for i in range(len(late_event))]]  # one byte per chunk
        containers = {GOOD: inspect_body(GOOD, "good")}
        fake = FakeDocker(containers, event_chunks=[])
        exporter = Exporter(fake.url)
        try:
            poll(lambda: verdicts(exporter) == {"good": ("default_profile", 1.0)}, what="the first scan")
            fake.close()
            fake = FakeDocker(dict(containers, **{LATE: inspect_body(LATE, "late", security_opt=["seccomp:unconfined"])}),
                              event_chunks=chunks)
            exporter.stop()
            exporter = Exporter(fake.url, "--docker.resync-interval=0s")
            poll(lambda: verdicts(exporter) == {"good": ("default_profile", 1.0), "late": ("unconfined", 0.0)},
                 what="both verdicts")
            poll(lambda: errors(exporter, "events") >= 3, what="the bad lines counted")
            self.assertIn("skipping undecodable Docker event", exporter.logs())
            self.assertIn("invalid container id", exporter.logs())
            self.assertNotIn("/v1.41/containers/../../info/json", fake.requests)
            self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 1.0)])
            actions = {l["action"]: v for l, v in series(exporter.metrics(), "docker_seccomp_events_total")}
            self.assertEqual(actions["other"], 1)  # teleport
            self.assertGreaterEqual(actions["start"], 2)
        finally:
            exporter.stop()
            fake.close()

    def test_stream_that_closes_after_its_header(self):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")}, close_events=True)
        exporter = Exporter(fake.url)
        try:
            poll(lambda: errors(exporter, "events") >= 2, timeout=30, what="repeated stream failures")
            self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 0.0)])
            self.assertIn("reconnecting to Docker", exporter.logs())
        finally:
            exporter.stop()
            fake.close()


class HostileInspects(unittest.TestCase):
    def test_each_broken_inspect_is_counted_and_the_rest_judged(self):
        names = ["good", "notjson", "nohostconfig", "wrongtype", "error500", "error400", "gone404", "reset", "hang"]
        ids = {name: f"{i + 1:x}" * 64 for i, name in enumerate(names)}  # distinct short ids in the logs
        containers = {cid: inspect_body(cid, name) for name, cid in ids.items()}
        faults = {
            ids["notjson"]: b"<html>not json</html>",
            ids["nohostconfig"]: json.dumps({"Id": ids["nohostconfig"], "Name": "/x"}).encode(),
            ids["wrongtype"]: json.dumps({"Id": ids["wrongtype"], "HostConfig": {"Privileged": "yes"}}).encode(),
            ids["error500"]: 500, ids["error400"]: 400, ids["gone404"]: 404,
            ids["reset"]: "reset", ids["hang"]: "hang",
        }
        fake = FakeDocker(containers, faults=faults)
        exporter = Exporter(fake.url, "--docker.timeout=500ms")
        try:
            poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], timeout=30,
                 what="the scan to complete despite the faults")
            self.assertEqual(verdicts(exporter), {"good": ("default_profile", 1.0)})
            self.assertEqual(errors(exporter, "inspect"), 7)  # all but good and the quiet 404
            self.assertEqual(series(exporter.metrics(), "docker_seccomp_uninspectable_containers"), [({}, 7.0)])
            logs = exporter.logs()
            for why in ["inspect body is not JSON", "no HostConfig", "Privileged is not a boolean", "HTTP 500",
                        "HTTP 400", "timeout"]:
                self.assertIn(why, logs)
        finally:
            exporter.stop()
            fake.close()

    def test_ping_failure_is_counted_and_metrics_stay_up(self):
        fake = FakeDocker({}, api_version="garbage")
        exporter = Exporter(fake.url)
        try:
            poll(lambda: errors(exporter, "ping") >= 1, what="the ping error")
            self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 0.0)])
            self.assertIn("cannot use API version 'garbage'", exporter.logs())
        finally:
            exporter.stop()
            fake.close()


class KeptAliveConnections(unittest.TestCase):
    CONTAINERS = {f"{i:064x}": inspect_body(f"{i:064x}", f"c{i}") for i in range(1, 41)}

    def test_inspects_reuse_connections(self):
        fake = FakeDocker(dict(self.CONTAINERS))
        exporter = Exporter(fake.url)
        try:
            poll(lambda: len(verdicts(exporter)) == 40, what="the first scan")
            # ping, events, and at most 8 inspects in flight: far fewer connections than the 43 requests.
            self.assertLessEqual(fake.connections, 12, fake.requests)
            self.assertGreaterEqual(len(fake.requests), 43)
        finally:
            exporter.stop()
            fake.close()

    def test_connections_the_engine_dropped_are_replaced_without_errors(self):
        fake = FakeDocker(dict(self.CONTAINERS), drop_idle=True)
        exporter = Exporter(fake.url, "--docker.resync-interval=200ms")
        try:
            poll(lambda: len(verdicts(exporter)) == 40, what="the first scan")
            scans = exporter.logs().count("full scan done")
            poll(lambda: exporter.logs().count("full scan done") >= scans + 2, what="two resyncs on dropped connections")
            self.assertEqual(errors(exporter, "inspect"), 0.0)
            self.assertEqual(errors(exporter, "containers_list"), 0.0)
            self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 1.0)])
            self.assertGreaterEqual(fake.connections, len(fake.requests) - 1)  # every request had its own
        finally:
            exporter.stop()
            fake.close()


class EventsFasterThanInspects(unittest.TestCase):
    def test_a_result_overtaken_by_events_is_still_stored(self):
        """Every inspect of the container is overtaken by an event for it while in flight, as under a steady
        stream of events. Its result must still be stored (and the container inspected again), not wait for
        a quiet moment that may never come."""
        fake = FakeDocker({GOOD: inspect_body(GOOD, "busy", security_opt=["seccomp=unconfined"])}, overtaken={GOOD})
        exporter = Exporter(fake.url, "--docker.resync-interval=0s")
        try:
            poll(lambda: verdicts(exporter) == {"busy": ("unconfined", 0.0)}, timeout=10, what="the verdict")
            updates = lambda: sum(v for _, v in series(exporter.metrics(), "docker_seccomp_events_total",
                                                       action="update"))
            poll(lambda: updates() >= 3, what="the container inspected again after each event")
        finally:
            exporter.stop()
            fake.close()


class SlowDaemonInfo(unittest.TestCase):
    def test_info_is_read_alongside_the_scan_and_no_verdict_is_shown_without_it(self):
        """/info answered only after 0.5 s: the list and inspects go ahead meanwhile, but no container
        series is exported before the daemon's default profile is known (it decides every verdict)."""
        containers = {GOOD: inspect_body(GOOD, "plain"), LATE: inspect_body(LATE, "open", security_opt=["seccomp=unconfined"])}
        fake = FakeDocker(containers, info_delay=0.5,
                          info={"ServerVersion": "fake-1.0", "SecurityOptions": ["name=seccomp,profile=unconfined"]})
        exporter = Exporter(fake.url)
        try:
            def converged():
                found = series(exporter.metrics(), "docker_seccomp_container_compliant")
                if fake.info_answered_at is None:
                    self.assertEqual(found, [], "a verdict exported before the daemon's profile was known")
                return series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)]
            poll(converged, interval=0.01, what="the scan")
            # Judged with the daemon's profile (unconfined), not a guess made before it arrived.
            self.assertEqual(verdicts(exporter), {"plain": ("daemon_unconfined", 0.0), "open": ("unconfined", 0.0)})
            listed_at = next(t for t, path in fake.arrivals if "/containers/json" in path)
            self.assertLess(listed_at, fake.info_answered_at, "the list waited for /info")
        finally:
            exporter.stop()
            fake.close()


if __name__ == "__main__":
    unittest.main()
