"""HTTP/1.1 framing as RFC 9112 §5-7 and RFC 9110 §7.2 say, replayed on a raw socket: what must be refused gets
400 and a closed connection; what must be accepted is served and the connection stays open for the next."""
import socket
import time
import unittest

from harness import Exporter, FakeDocker, inspect_body, poll, series

ID = "b" * 64


def read_answer(s):
    """One answer on a keep-alive connection: (status, headers, body); None when the server closed first."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = s.recv(65536)
        if not chunk:
            return None
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
    length = int(headers.get("content-length", "0"))
    while len(body) < length:
        chunk = s.recv(65536)
        if not chunk:
            break
        body += chunk
    return int(lines[0].split()[1]), headers, body[:length]


def closed_by_server(s, seconds=5):
    """True when the server closes the connection within the deadline (recv gives b"")."""
    deadline = time.monotonic() + seconds
    s.settimeout(0.2)
    while time.monotonic() < deadline:
        try:
            if s.recv(4096) == b"":
                return True
        except socket.timeout:
            continue
    return False


REFUSED = {
    "te_xchunked": b"POST /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: xchunked\r\n\r\n",
    "te_gzip": b"POST /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n\r\n",
    "te_identity": b"POST /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: identity\r\n\r\n",
    "te_chunked_identity": b"POST /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked, identity\r\n\r\n",
    "te_gzip_and_length": b"POST /metrics HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nContent-Length: 5\r\n\r\nhello",
    "te_identity_and_length": b"POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                              b"Transfer-Encoding: identity\r\n\r\nhello",
    "te_chunked_and_length": b"POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n"
                             b"Transfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
    "obs_fold": b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n b\r\n\r\n",
    "obs_fold_tab": b"GET /metrics HTTP/1.1\r\nHost: x\r\nX-Long: a\r\n\tb\r\n\r\n",
    "no_host": b"GET /metrics HTTP/1.1\r\nX-A: b\r\n\r\n",
    "two_hosts": b"GET /metrics HTTP/1.1\r\nHost: x\r\nHost: y\r\n\r\n",
}


class HttpFraming(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = FakeDocker({ID: inspect_body(ID, "web", security_opt=["seccomp=unconfined"])})
        cls.exporter = Exporter(cls.fake.url)
        poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up")

    @classmethod
    def tearDownClass(cls):
        cls.exporter.stop()
        cls.fake.close()

    def connect(self):
        return socket.create_connection(("127.0.0.1", self.exporter.port), timeout=10)

    def test_each_refused_framing_gets_400_and_the_connection_closes(self):
        for name, request in REFUSED.items():
            with self.subTest(name), self.connect() as s:
                s.sendall(request)
                answer = read_answer(s)
                self.assertIsNotNone(answer, "closed without an answer")
                status, headers, body = answer
                self.assertEqual(status, 400, body)
                self.assertEqual(headers.get("connection"), "close")
                self.assertTrue(closed_by_server(s), "the connection stayed open")

    def test_accepted_framing_is_served_and_the_connection_kept(self):
        accepted = [
            (b"GET http://x/metrics HTTP/1.1\r\nHost: x\r\n\r\n", 200, b"docker_seccomp_docker_up 1"),
            (b"GET HTTP://x:9/-/healthy?probe=1 HTTP/1.1\r\nHost: x:9\r\n\r\n", 200, b""),
            (b"GET /-/healthy HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 200, b""),
            (b"GET /-/healthy HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 200, b""),
            (b"GET /-/healthy HTTP/1.1\r\nHost:\r\n\r\n", 200, b""),
        ]
        with self.connect() as s:
            for request, status, expected in accepted:
                with self.subTest(request):
                    s.sendall(request)
                    answer = read_answer(s)
                    self.assertIsNotNone(answer, "closed without an answer")
                    self.assertEqual(answer[0], status, answer[2][:200])
                    self.assertIn(expected, answer[2])
                    self.assertNotEqual(answer[1].get("connection"), "close")

    def test_http_1_0_without_host_is_served(self):
        with self.connect() as s:
            s.sendall(b"GET /-/healthy HTTP/1.0\r\n\r\n")
            answer = read_answer(s)
            self.assertIsNotNone(answer)
            self.assertEqual(answer[0], 200)


if __name__ == "__main__":
    unittest.main()
