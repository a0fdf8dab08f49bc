"""The metrics endpoint under abuse: it answers clearly, stays bounded, and keeps serving the scraper."""
import resource
import socket
import time
import unittest

from harness import Exporter, FakeDocker, inspect_body, poll, series

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


if __name__ == "__main__":
    unittest.main()
