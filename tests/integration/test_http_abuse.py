"""The metrics endpoint under abuse: it answers clearly, stays bounded, and keeps serving the scraper."""
import resource
import socket
import time
import unittest

from harness import Exporter, FakeDocker, inspect_body, parse_metrics, poll, series

ID = "a" * 64


def raw_request(port, data, timeout=10):
    """Sends bytes, returns everything the server answers before it closes."""
    with socket.create_connection(("127.0.0.1", port), timeout=timeout) as s:
        s.sendall(data)
        chunks = []
        while chunk := s.recv(65536):
            chunks.append(chunk)
        return b"".join(chunks)


class EndpointAbuse(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = FakeDocker({ID: inspect_body(ID, "web", security_opt=["seccomp=unconfined"])})
        cls.exporter = Exporter(cls.fake.url, "--web.header-timeout=500ms")
        poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up")

    @classmethod
    def tearDownClass(cls):
        cls.exporter.stop()
        cls.fake.close()

    def assert_still_serving(self):
        samples = self.exporter.metrics()
        self.assertEqual([v for _, v in series(samples, "docker_seccomp_container_compliant", name="web")], [0.0])

    def test_oversized_request_line_and_headers(self):
        answer = raw_request(self.exporter.port, b"GET /" + b"a" * 20000 + b" HTTP/1.1\r\nHost: x\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 431 "), answer[:80])
        answer = raw_request(self.exporter.port, b"GET /metrics HTTP/1.1\r\nHost: x\r\n" +
                             b"X-Big: " + b"b" * 20000 + b"\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 431 "), answer[:80])
        self.assert_still_serving()

    def test_garbage_and_oversized_body(self):
        answer = raw_request(self.exporter.port, b"\x00\xff\x13garbage\r\n\r\n")
        self.assertTrue(answer.startswith(b"HTTP/1.1 400 "), answer[:80])
        answer = raw_request(self.exporter.port, b"GET /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n" +
                             b"z" * 100000)
        self.assertTrue(answer.startswith(b"HTTP/1.1 413 "), answer[:80])
        self.assert_still_serving()

    def test_slow_client_is_cut_at_the_header_deadline(self):
        with socket.create_connection(("127.0.0.1", self.exporter.port), timeout=10) as s:
            s.sendall(b"GET /metrics HTTP/1.1\r\nHo")
            started = time.monotonic()
            self.assertEqual(s.recv(1024), b"")  # closed by the server, not by our 10 s timeout
            self.assertLess(time.monotonic() - started, 5)
        self.assert_still_serving()

    def test_a_thousand_idle_connections_do_not_lock_out_the_scraper(self):
        soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
        resource.setrlimit(resource.RLIMIT_NOFILE, (max(soft, min(hard, 4096)), hard))
        idle = []
        try:
            for _ in range(1000):
                idle.append(socket.create_connection(("127.0.0.1", self.exporter.port), timeout=10))
            self.assert_still_serving()
        finally:
            for s in idle:
                s.close()
        self.assert_still_serving()

    def test_keep_alive_serves_many_requests_on_one_connection(self):
        with socket.create_connection(("127.0.0.1", self.exporter.port), timeout=10) as s:
            for _ in range(3):
                s.sendall(b"HEAD /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                head = b""
                while b"\r\n\r\n" not in head:
                    head += s.recv(4096)
                self.assertTrue(head.startswith(b"HTTP/1.1 200 "), head[:80])


def rss_bytes(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(next(line for line in f if line.startswith("VmRSS:")).split()[1]) * 1024


class HostileNames(unittest.TestCase):
    """Issue 26: 500 containers named 60 KB each (without the bounds, /metrics was 30.9 MB and the status page
    30.7 MB), and 80 clients that ask for /metrics and never read their answer (they took the exporter to
    4.3 GB). Bounded names make /metrics small enough for the kernel's socket buffers to hold, so the 80
    clients face a host of 4,000 containers with 16 label values of 300 bytes on their series: answers the
    kernel cannot hold for them."""

    KEYS = [f"com.example.k{i}" for i in range(16)]

    @classmethod
    def setUpClass(cls):
        containers = {}
        for i in range(4000):
            container_id = f"{i:064x}"
            body = inspect_body(container_id, f"{i:05d}" + ("n" * 60_000 if i < 500 else ""))
            body["Config"]["Labels"] = {key: "v" * 300 for key in cls.KEYS}
            containers[container_id] = body
        cls.fake = FakeDocker(containers)
        cls.exporter = Exporter(cls.fake.url, "--metrics.docker-labels", ",".join(cls.KEYS), log_level="info")
        poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], timeout=60,
             what="docker_up")

    @classmethod
    def tearDownClass(cls):
        cls.exporter.stop()
        cls.fake.close()

    def test_names_and_labels_are_cut_and_counted(self):
        text = self.exporter.metrics_text()
        samples = series(parse_metrics(text), "docker_seccomp_container_compliant")
        self.assertEqual(len(samples), 4000)
        long_named = [labels for labels, _ in samples if labels["name"].startswith("00001")]
        self.assertEqual(len(long_named), 1)
        self.assertEqual(long_named[0]["name"], "00001" + "n" * 251)
        self.assertEqual(long_named[0]["container_label_com_example_k0"], "v" * 256)
        # Every container: its label values were cut.
        self.assertEqual(series(parse_metrics(text), "docker_seccomp_containers_cut"), [({}, 4000.0)])
        status, _, page = self.exporter.get("/")
        self.assertEqual(status, 200)
        self.assertEqual(page.count('<td class="name">'), 500)
        self.assertLess(len(page), 1_000_000)

    def stall(self, count):
        """count clients that ask for /metrics and never read (4 KB receive buffers)."""
        stalled = []
        for _ in range(count):
            s = socket.socket()
            s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
            s.connect(("127.0.0.1", self.exporter.port))
            s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
            stalled.append(s)
        return stalled

    def test_clients_that_do_not_read_share_one_rendering(self):
        size = len(self.exporter.metrics_text())
        before = rss_bytes(self.exporter.process.pid)
        stalled = self.stall(80)
        try:
            started = time.monotonic()
            self.assertEqual(len(series(self.exporter.metrics(), "docker_seccomp_container_compliant")), 4000)
            seconds = time.monotonic() - started
            peak = rss_bytes(self.exporter.process.pid)
            print(f"\n/metrics {size / 1e6:.1f} MB; 80 clients that do not read at once: RSS "
                  f"{before / 2**20:.0f} -> {peak / 2**20:.0f} MiB, a scrape meanwhile {seconds:.2f} s")
            self.assertLess(peak - before, 4 * size)  # 80 answers of their own would be 80 times the answer
        finally:
            for s in stalled:
                s.close()

    def test_clients_that_do_not_read_are_dropped_before_memory_grows(self):
        # Batches more than the 1 s a rendering is shared apart: each batch holds an answer of its own.
        size = len(self.exporter.metrics_text())
        before = rss_bytes(self.exporter.process.pid)
        stalled, peak = [], before
        try:
            for _ in range(8):
                stalled += self.stall(10)
                time.sleep(1.1)  # not synchronisation: the batches must be renderings apart
                peak = max(peak, rss_bytes(self.exporter.process.pid))
            dropped = poll(lambda: series(self.exporter.metrics(), "docker_seccomp_http_slow_clients_dropped_total")[0][1]
                           or None, timeout=30, what="slow clients dropped")
            print(f"\n8 renderings of {size / 1e6:.1f} MB held by clients that do not read: {dropped:.0f} dropped, "
                  f"RSS {before / 2**20:.0f} -> {peak / 2**20:.0f} MiB")
            # The budget: four answers (64 MiB at least); 8 held would be 8 times the answer.
            self.assertLess(peak - before, max(64 * 2**20, 4 * size) + 2 * size)
        finally:
            for s in stalled:
                s.close()
        self.assertEqual(len(series(self.exporter.metrics(), "docker_seccomp_container_compliant")), 4000)

if __name__ == "__main__":
    unittest.main()
