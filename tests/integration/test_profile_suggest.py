"""`profile suggest` as a client: NAME encoded, IPv6 literals, HTTPS with a CA, basic auth, and the server's words
never raw on a terminal (issue 26). The server is a scripted one that records what it was asked."""
import base64
import os
import ssl
import subprocess
import tempfile
import threading
import unittest
from http.server import BaseHTTPRequestHandler, HTTPServer, ThreadingHTTPServer
import socket

from harness import EXPORTER, make_pki

PROFILE = b'{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[],"dockerSeccompExporter":{"complete":false,' \
          b'"warning":"lost\\u001b[8m records"}}\n'


class V6Server(ThreadingHTTPServer):
    address_family = socket.AF_INET6


def serve(server_class, address, answers, context=None):
    """A server answering each path from answers (status, body); records (path, headers) of each request."""
    seen = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            seen.append((self.path, dict(self.headers)))
            status, body = answers.get(self.path, (404, b"no"))
            self.send_response(status)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = server_class(address, Handler)
    if context:
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, seen


def suggest(*args):
    return subprocess.run([EXPORTER, "profile", "suggest", *args], capture_output=True, text=True, timeout=30)


class ProfileSuggest(unittest.TestCase):
    def test_name_is_encoded_ipv6_is_reached_and_the_servers_words_are_escaped(self):
        answers = {"/profiles/a%0D%0AX-Injected%3A%201.json": (200, PROFILE),
                   "/profiles/bad.json": (500, b"boom\x1b[2J\r\nSet-Cookie: x"),
                   "/profiles/html.json": (200, b"<html>\x00</html>")}
        server, seen = serve(V6Server, ("::1", 0), answers)
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        url = f"http://[::1]:{server.server_address[1]}"
        done = suggest("a\r\nX-Injected: 1", "--exporter.url", url)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.encode(), PROFILE)
        self.assertEqual(seen[-1][0], "/profiles/a%0D%0AX-Injected%3A%201.json")
        self.assertNotIn("X-Injected", seen[-1][1])
        self.assertEqual(seen[-1][1]["Host"], f"[::1]:{server.server_address[1]}")
        self.assertIn("warning: lost\\x1b[8m records", done.stderr)  # incomplete, said, escaped
        bad = suggest("bad", "--exporter.url", url)
        self.assertNotEqual(bad.returncode, 0)
        self.assertIn("answered HTTP 500: boom\\x1b[2J\\r\\nSet-Cookie: x", bad.stderr)
        self.assertNotIn("\x1b", bad.stderr)
        html = suggest("html", "--exporter.url", url)
        self.assertNotEqual(html.returncode, 0)
        self.assertIn("answered with no JSON profile", html.stderr)
        self.assertEqual(html.stdout, "")

    def test_anything_but_a_seccomp_profile_exits_2_and_prints_nothing(self):
        cases = {"no-default": (b'{"syscalls":[]}', "without a defaultAction"),
                 "no-syscalls": (b'{"defaultAction":"SCMP_ACT_ERRNO"}', "without a syscalls list"),
                 "wrong-type": (b'{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":"read"}]}',
                                "a profile Docker would refuse"),
                 "array": (b'[]', "no JSON profile"),
                 "nul": (b'{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[]}\x00\x01', "no JSON profile")}
        server, _ = serve(ThreadingHTTPServer, ("127.0.0.1", 0),
                          {f"/profiles/{name}.json": (200, body) for name, (body, _) in cases.items()})
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        url = f"http://127.0.0.1:{server.server_address[1]}"
        for name, (_, why) in cases.items():
            with self.subTest(name):
                done = suggest(name, "--exporter.url", url)
                self.assertEqual(done.returncode, 2, done.stderr)
                self.assertEqual(done.stdout, "")
                self.assertIn(why, done.stderr)
                self.assertNotIn("\x00", done.stderr)

    def test_https_with_a_ca_and_basic_auth(self):
        tmp = tempfile.TemporaryDirectory(prefix="dse-suggest-")
        self.addCleanup(tmp.cleanup)
        make_pki(tmp.name, "suggest")
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(os.path.join(tmp.name, "server-cert.pem"), os.path.join(tmp.name, "server-key.pem"))
        server, seen = serve(HTTPServer, ("127.0.0.1", 0), {"/profiles/web.json": (200, PROFILE)}, context)
        self.addCleanup(server.server_close)
        self.addCleanup(server.shutdown)
        password = os.path.join(tmp.name, "password")
        with open(password, "w") as f:
            f.write("s3cret\n")
        url = f"https://127.0.0.1:{server.server_address[1]}"
        done = suggest("web", "--exporter.url", url, "--exporter.ca-file", os.path.join(tmp.name, "ca.pem"),
                       "--exporter.username", "prom", "--exporter.password-file", password)
        self.assertEqual(done.returncode, 0, done.stderr)
        self.assertEqual(done.stdout.encode(), PROFILE)
        self.assertEqual(seen[-1][1]["Authorization"], "Basic " + base64.b64encode(b"prom:s3cret").decode())
        untrusted = suggest("web", "--exporter.url", url)  # the system's CAs do not know this one
        self.assertNotEqual(untrusted.returncode, 0)
        self.assertIn("TLS handshake", untrusted.stderr)


if __name__ == "__main__":
    unittest.main()


class ProfileSuggestDeadline(unittest.TestCase):
    def test_a_server_that_accepts_and_never_answers_is_given_up_at_the_timeout(self):
        """Issue 21: the command had no deadline and waited forever. The listener's backlog accepts the
        connection; nothing ever reads or answers."""
        silent = socket.socket()
        self.addCleanup(silent.close)
        silent.bind(("127.0.0.1", 0))
        silent.listen(4)
        done = suggest("web", "--exporter.url", f"http://127.0.0.1:{silent.getsockname()[1]}",
                       "--exporter.timeout", "1")
        self.assertNotEqual(done.returncode, 0)
        self.assertEqual(done.stdout, "")
        self.assertRegex(done.stderr, "(?i)time")
