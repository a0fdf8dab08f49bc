"""A broken or hostile engine (harness.FakeDocker) cannot block, exhaust or silently stall the exporter."""
import os
import re
import resource
import socket
import subprocess
import tempfile
import time
import unittest

from harness import EXPORTER, Exporter, FakeDocker, NotifySocket, inspect_body, poll, series, verdicts

GOOD = "a" * 64
MiB = 1024 * 1024


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    raise AssertionError(f"no {field} in /proc/{pid}/status")


def value(exporter, name, **labels):
    found = series(exporter.metrics(), name, **labels)
    return found[0][1] if found else None


def requests_to(fake, path):
    return sum(1 for p in fake.requests if p.split("?")[0].endswith(path))


class EngineNamedFiles(unittest.TestCase):
    """/info names the daemon's profile file; the engine chooses what that path is."""

    def check_profile_path(self, path):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")},
                          info={"ServerVersion": "fake", "SecurityOptions": [f"name=seccomp,profile={path}"]})
        exporter = Exporter(fake.url)
        try:
            poll(lambda: value(exporter, "docker_seccomp_daemon_profile_read_errors_total") == 1.0,
                 what="the profile read to fail and be counted")
            self.assertIn("good", verdicts(exporter))
            self.assertIn("not a regular file", exporter.logs())
            # Bounded: /dev/zero grew the old exporter by ~1.2 GB/s.
            self.assertLess(status_kib(exporter.process.pid, "VmHWM") * 1024, 200 * MiB)
        finally:
            exporter.stop()
            fake.close()

    def test_a_fifo_does_not_block_the_loop(self):
        directory = tempfile.mkdtemp()
        fifo = os.path.join(directory, "profile.json")
        os.mkfifo(fifo)
        try:
            self.check_profile_path(fifo)
        finally:
            os.unlink(fifo)
            os.rmdir(directory)

    def test_an_endless_device_is_not_read(self):
        self.check_profile_path("/dev/zero")


class DepthBombs(unittest.TestCase):
    def test_a_list_of_nested_arrays_costs_little_and_is_counted(self):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")})
        exporter = Exporter(fake.url, "--docker.resync-interval=300ms")
        try:
            poll(lambda: value(exporter, "docker_seccomp_docker_up") == 1.0, what="a first scan")
            before = status_kib(exporter.process.pid, "VmHWM") * 1024  # the peak so far (ASan's is ~150 MiB)
            fake.list_body = b"[" * (8 * MiB)  # the next resync gets the bomb
            poll(lambda: value(exporter, "docker_seccomp_docker_request_errors_total", endpoint="containers_list"),
                 what="the bomb to be refused")
            peak = status_kib(exporter.process.pid, "VmHWM") * 1024
            # The body is held while it is read (8 MiB, more while the buffer grows); the old exporter
            # peaked 625 MB higher, building the nesting.
            self.assertLess(peak - before, 64 * MiB, f"peak {peak / MiB:.0f} MiB, {before / MiB:.0f} MiB before")
            self.assertIn("container list is not a JSON array", exporter.logs())
            fake.list_body = None  # the engine recovers: the next scan succeeds
            poll(lambda: verdicts(exporter) == {"good": ("default_profile", 1.0)}, timeout=30, what="a rescan")
        finally:
            exporter.stop()
            fake.close()

    def test_sigterm_is_answered_within_2s_while_a_40_MiB_bomb_arrives(self):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")})
        fake.list_body = b"[" * (40 * MiB)
        exporter = Exporter(fake.url)
        poll(lambda: fake.list_bodies_sent, what="the whole bomb to be sent")
        exporter.stop()  # asserts exit 0 within 2 s of SIGTERM: the old exporter took 3.8 s, parsing
        fake.close()

    def test_an_event_line_of_nested_arrays_is_skipped_and_the_stream_goes_on(self):
        bomb = b"[" * (4 * MiB) + b"\n"
        fake = FakeDocker({})
        exporter = Exporter(fake.url)
        try:
            poll(lambda: value(exporter, "docker_seccomp_docker_up") == 1.0, what="a first scan")
            before = status_kib(exporter.process.pid, "VmHWM") * 1024
            for i in range(0, len(bomb), MiB):
                fake.send_line(bomb[i:i + MiB])
            poll(lambda: value(exporter, "docker_seccomp_docker_request_errors_total", endpoint="events") == 1.0,
                 what="the event to be skipped")
            peak = status_kib(exporter.process.pid, "VmHWM") * 1024
            self.assertLess(peak - before, 64 * MiB, f"peak {peak / MiB:.0f} MiB")  # the old exporter: 324 MB more
            fake.containers[GOOD] = inspect_body(GOOD, "late")
            fake.send_event({"Type": "container", "Action": "create", "Actor": {"ID": GOOD}, "timeNano": 1})
            poll(lambda: verdicts(exporter) == {"late": ("default_profile", 1.0)}, what="the next event")
        finally:
            exporter.stop()
            fake.close()


class NoSilentDeath(unittest.TestCase):
    """DSE_FAILPOINTS makes a task fail as std::bad_alloc would (see lib/util/failpoint.hpp)."""

    def check_recovers(self, failpoint, task, on_first_event=False):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")})
        exporter = Exporter(fake.url, "--docker.resync-interval=0s", env={"DSE_FAILPOINTS": failpoint})
        try:
            if on_first_event:  # the events reader fails on the first bytes it reads: send some
                poll(lambda: value(exporter, "docker_seccomp_docker_up") == 1.0, what="docker_up")
                fake.send_event({"Type": "container", "Action": "start", "Actor": {"ID": GOOD}, "timeNano": 1})
            poll(lambda: value(exporter, "docker_seccomp_internal_errors_total", task=task) == 1.0,
                 what=f"the {task} failure to be counted")
            self.assertIn(f'msg="internal error in a monitor task" task={task} err="out of memory (std::bad_alloc)"',
                          exporter.logs())
            # Recovered by a reconnect and rescan, not by the (disabled) resync.
            poll(lambda: verdicts(exporter) == {"good": ("default_profile", 1.0)}, timeout=30, what="a rescan")
            poll(lambda: value(exporter, "docker_seccomp_docker_up") == 1.0, what="docker_up")
            fake.containers["b" * 64] = inspect_body("b" * 64, "created_after")
            fake.send_event({"Type": "container", "Action": "create", "Actor": {"ID": "b" * 64}, "timeNano": 1})
            poll(lambda: "created_after" in verdicts(exporter), what="events followed again")
        finally:
            exporter.stop()
            fake.close()

    def test_the_list_failing_is_asked_again(self):
        self.check_recovers("scan=1", "scan")

    def test_an_inspect_failing_gives_its_slot_back(self):
        self.check_recovers("inspect=1", "inspect")

    def test_the_events_reader_failing_reconnects(self):
        self.check_recovers("events=1", "session", on_first_event=True)


    def test_a_dead_monitor_stops_feeding_the_watchdog(self):
        notify = NotifySocket()
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")})
        exporter = Exporter(fake.url, env={"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "200000",
                                           "DSE_FAILPOINTS": "monitor=1"})
        try:
            poll(lambda: notify.seen("READY=1"), what="READY=1")
            poll(lambda: len(notify.seen("WATCHDOG=1")) >= 3, what="the watchdog to be fed")
            fake.ping_fault = 503  # a reconnect: the monitor passes its failpoint and dies
            poll(lambda: "no longer feeding the systemd watchdog" in exporter.logs(), what="the watchdog to starve")
            notify.drain()  # what was sent before the monitor died, stamped now
            stopped_at = time.monotonic()
            # Absence over a second (ten ping intervals) of scrapes: systemd would now restart the service.
            while time.monotonic() - stopped_at < 1.0:
                exporter.metrics()
            self.assertEqual([t for t in notify.seen("WATCHDOG=1") if t > stopped_at], [])
            self.assertEqual(value(exporter, "docker_seccomp_docker_up"), 0.0)
        finally:
            exporter.stop()
            fake.close()
            notify.close()


class EngineThatStopsAnswering(unittest.TestCase):
    def test_docker_up_falls_within_10s_while_the_stream_stays_open(self):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")})
        exporter = Exporter(fake.url)
        try:
            poll(lambda: value(exporter, "docker_seccomp_docker_up") == 1.0, what="docker_up")
            fake.ping_fault = 503  # as dockerd while it stops its containers: the stream is still open
            started = time.monotonic()
            poll(lambda: value(exporter, "docker_seccomp_docker_up") == 0.0, timeout=10, what="docker_up to fall")
            self.assertLess(time.monotonic() - started, 10)
            self.assertIn("Docker stopped answering /_ping", exporter.logs())
            fake.ping_fault = None
            poll(lambda: value(exporter, "docker_seccomp_docker_up") == 1.0, timeout=30, what="docker_up again")
        finally:
            exporter.stop()
            fake.close()

    def test_hung_inspects_do_not_starve_healthy_ones(self):
        hung = [f"{i:x}" * 64 for i in range(1, 9)]
        healthy = {f"{i:064x}": inspect_body(f"{i:064x}", f"healthy{i}") for i in range(100, 130)}
        fake = FakeDocker({**{h: inspect_body(h, "hung" + h[0]) for h in hung}, **healthy},
                          faults={h: "hang" for h in hung})
        # A long deadline: every healthy verdict must come while all eight are still hanging.
        exporter = Exporter(fake.url, "--docker.timeout=60s")
        try:
            poll(lambda: len(verdicts(exporter)) == 30, timeout=20, what="the healthy verdicts")
            self.assertEqual(value(exporter, "docker_seccomp_uninspectable_containers"), 0.0)
            self.assertEqual(value(exporter, "docker_seccomp_docker_request_errors_total", endpoint="inspect"), 0.0)
        finally:
            exporter.stop()
            fake.close()


class WhatTheEngineSays(unittest.TestCase):
    def test_dot_ids_never_reach_a_request_path(self):
        events = [{"Type": "container", "Action": "start", "Actor": {"ID": ref}, "timeNano": 1}
                  for ref in (".", "..", "...")]
        fake = FakeDocker({})
        exporter = Exporter(fake.url)
        try:
            poll(lambda: value(exporter, "docker_seccomp_docker_up") == 1.0, what="docker_up")
            for event in events:
                fake.send_event(event)
            # NUL and 0xFF are not JSON: the line is skipped, and logged escaped.
            fake.send_line(b'{"Type":"container","Action":"start","Actor":{"ID":"\x00\xff"}}\n')
            poll(lambda: value(exporter, "docker_seccomp_docker_request_errors_total", endpoint="events") == 4.0,
                 what="four refused events")
            self.assertFalse([p for p in fake.requests if "/containers/." in p], fake.requests)
            logs = exporter.logs()  # would raise on bytes that are not UTF-8
            self.assertIn("\\u0000\\\\xff", logs)
            self.assertNotIn("\x00", logs)
        finally:
            exporter.stop()
            fake.close()

    def test_a_vanished_uninspectable_container_is_forgotten_at_the_resync(self):
        broken = "c" * 64
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good"), broken: inspect_body(broken, "broken")},
                          faults={broken: 500})
        exporter = Exporter(fake.url, "--docker.resync-interval=300ms")
        try:
            poll(lambda: value(exporter, "docker_seccomp_uninspectable_containers") == 1.0, what="one uninspectable")
            del fake.containers[broken]  # gone without a destroy event
            poll(lambda: value(exporter, "docker_seccomp_uninspectable_containers") == 0.0, what="it to be forgotten")
        finally:
            exporter.stop()
            fake.close()

    def test_two_ids_with_one_short_id_and_one_name_give_two_series(self):
        first, second = "abcdef012345" + "1" * 52, "abcdef012345" + "2" * 52
        fake = FakeDocker({first: inspect_body(first, "twin"), second: inspect_body(second, "twin")})
        exporter = Exporter(fake.url)
        try:
            poll(lambda: len(series(exporter.metrics(), "docker_seccomp_container_compliant")) == 2, what="two series")
            ids = sorted(labels["id"] for labels, _ in series(exporter.metrics(), "docker_seccomp_container_compliant"))
            self.assertEqual(ids, [first, second])
        finally:
            exporter.stop()
            fake.close()


class HostileClients(unittest.TestCase):
    def test_a_scraper_gets_in_past_5000_idle_connections(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 16384)), hard))
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")})
        exporter = Exporter(fake.url, log_level="info")
        idle = []
        try:
            poll(lambda: "good" in verdicts(exporter), what="the first scan")
            for _ in range(5000):
                idle.append(socket.create_connection(("127.0.0.1", exporter.port)))
            scrapes = [exporter.get("/metrics")[0] for _ in range(20)]
            self.assertEqual(scrapes, [200] * 20)
        finally:
            for connection in idle:
                connection.close()
            exporter.stop()
            fake.close()
            resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))

    def test_a_closed_log_pipe_costs_nothing(self):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")})
        process = subprocess.Popen([EXPORTER, "--docker.host", fake.url, "--web.listen-address", "127.0.0.1:0",
                                    "--log.level", "debug"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        try:
            port = None
            while port is None:
                line = process.stderr.readline().decode()
                self.assertTrue(line, "the exporter ended before it listened")
                port = (m := re.search(r"msg=listening .*\bport=(\d+)", line)) and int(m.group(1))
            poll(lambda: requests_to(fake, f"/containers/{GOOD}/json") == 1, what="the first scan")
            process.stderr.close()  # the log reader goes away; every debug line now meets EPIPE
            for _ in range(5):
                fake.send_event({"Type": "container", "Action": "start", "Actor": {"ID": GOOD}, "timeNano": 1})
            poll(lambda: requests_to(fake, f"/containers/{GOOD}/json") >= 2, what="the events to be handled")
            with socket.create_connection(("127.0.0.1", port)) as connection:
                connection.sendall(b"GET /metrics HTTP/1.0\r\n\r\n")
                self.assertTrue(connection.recv(64).startswith(b"HTTP/1.0 200"))
            self.assertIsNone(process.poll(), "the exporter died")
        finally:
            process.terminate()
            process.wait(timeout=10)
            fake.close()
        self.assertEqual(process.returncode, 0)


if __name__ == "__main__":
    unittest.main()
