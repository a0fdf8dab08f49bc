"""--web.config.file in the exporter-toolkit format: TLS, mutual TLS, basic auth; checked with curl."""
import base64
import crypt
import os
import shutil
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.error
import urllib.request
import warnings

from harness import EXPORTER, Exporter, FakeDocker, NotifySocket, inspect_body, make_pki, poll, series

warnings.filterwarnings("ignore", category=DeprecationWarning)
ID = "a" * 64


def curl(*args):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", *args],
                         capture_output=True, text=True, timeout=30)
    return out.stdout.strip(), out.returncode


def timed_get(url, authorization):
    """Seconds for one GET with this Authorization header, and its status."""
    request = urllib.request.Request(url, headers={"Authorization": authorization})
    started = time.monotonic()
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
            status = response.status
    except urllib.error.HTTPError as error:
        status = error.code
    return time.monotonic() - started, status


def basic(user, password):
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


class BasicAuthUnderAttack(unittest.TestCase):
    """bcrypt at cost 12 (~175 ms a guess here) runs on worker threads: wrong passwords cannot hold the loop."""

    def test_a_flood_of_wrong_passwords_delays_neither_scrapes_nor_the_watchdog(self):
        tmp = tempfile.mkdtemp(prefix="dse-auth-")
        self.addCleanup(subprocess.run, ["rm", "-rf", tmp])
        config = os.path.join(tmp, "web.yml")
        with open(config, "w") as f:
            f.write("basic_auth_users:\n  prom: " + crypt.crypt("s3cret", crypt.mksalt(crypt.METHOD_BLOWFISH,
                                                                                       rounds=2 ** 12)) + "\n")
        fake = FakeDocker({ID: inspect_body(ID, "web")})
        self.addCleanup(fake.close)
        notify = NotifySocket()
        self.addCleanup(notify.close)
        exporter = Exporter(fake.url, "--web.config.file", config,
                            env={"NOTIFY_SOCKET": notify.path, "WATCHDOG_USEC": "200000"})
        self.addCleanup(exporter.stop)
        url = f"http://127.0.0.1:{exporter.port}/metrics"
        good = basic("prom", "s3cret")
        self.assertEqual(timed_get(url, good)[1], 200)  # verified once, then remembered

        # Every failure costs a bcrypt: an unknown user as much as a known one with a wrong password.
        wrong_known = [timed_get(url, basic("prom", f"guess{i}")) for i in range(4)]
        wrong_unknown = [timed_get(url, basic(f"nobody{i}", "guess")) for i in range(4)]
        self.assertEqual({status for _, status in wrong_known + wrong_unknown}, {401})
        known, unknown = sorted(t for t, _ in wrong_known)[1], sorted(t for t, _ in wrong_unknown)[1]
        self.assertGreater(unknown, known / 3, f"unknown user {unknown * 1000:.0f} ms, known {known * 1000:.0f} ms")
        self.assertGreater(known, unknown / 3, f"unknown user {unknown * 1000:.0f} ms, known {known * 1000:.0f} ms")

        stop = threading.Event()

        def guess():
            while not stop.is_set():
                timed_get(url, basic("prom", "wrong"))

        def listen():  # the watchdog's datagrams, stamped as they arrive
            while not stop.is_set():
                notify.drain()

        flooders = [threading.Thread(target=guess) for _ in range(16)] + [threading.Thread(target=listen)]
        for thread in flooders:
            thread.start()
        try:
            notify.drain()
            flood_started = time.monotonic()
            scrapes = []
            while time.monotonic() - flood_started < 2.0:  # two seconds of flood, scraping all along
                scrapes.append(timed_get(url, good))
            health = [timed_get(exporter.base + "/-/healthy", good) for _ in range(5)]
        finally:
            stop.set()
            for thread in flooders:
                thread.join()
        pings = [t for t, m in notify.messages if "WATCHDOG=1" in m.split("\n") and t > flood_started]
        self.assertEqual({status for _, status in scrapes + health}, {200})
        # Before: an authorized scrape waited up to 2.6 s behind the guesses, and the watchdog with it.
        self.assertLess(max(t for t, _ in scrapes + health), 0.5, scrapes)
        gaps = [b - a for a, b in zip(pings, pings[1:])]
        self.assertGreater(len(pings), 2)
        self.assertLess(max(gaps), 0.2, gaps)  # half of WATCHDOG_USEC is 0.1 s


class WebConfig(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="dse-web-")
        make_pki(cls.dir, "web")
        cls.fake = FakeDocker({ID: inspect_body(ID, "web")})
        cls.hash = crypt.crypt("s3cret", crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=2 ** 10))

    @classmethod
    def tearDownClass(cls):
        cls.fake.close()
        subprocess.run(["rm", "-rf", cls.dir])

    def exporter_with(self, yaml):
        path = os.path.join(self.dir, "web.yml")
        with open(path, "w") as f:
            f.write(yaml)
        exporter = Exporter(self.fake.url, "--web.config.file", path)
        self.addCleanup(exporter.stop)
        return exporter, f"https://127.0.0.1:{exporter.port}/metrics"

    def test_tls_scrape_and_plain_http_refused_cleanly(self):
        # Relative file names are relative to the config file, as in exporter-toolkit.
        exporter, url = self.exporter_with("tls_server_config:\n  cert_file: server-cert.pem\n  key_file: server-key.pem\n")
        self.assertEqual(curl("--cacert", os.path.join(self.dir, "ca.pem"), url), ("200", 0))
        self.assertNotEqual(curl(url)[1], 0)  # an unknown CA is refused by curl
        plain = subprocess.run(["curl", "-s", "--max-time", "10", f"http://127.0.0.1:{exporter.port}/metrics"],
                               capture_output=True, text=True, timeout=30)
        self.assertEqual(plain.stdout, "Client sent an HTTP request to an HTTPS server.\n")
        self.assertIn(" tls=true ", exporter.logs())

    def test_mutual_tls(self):
        _, url = self.exporter_with(
            "tls_server_config:\n  cert_file: server-cert.pem\n  key_file: server-key.pem\n"
            "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.pem\n  min_version: TLS12\n")
        ca = os.path.join(self.dir, "ca.pem")
        self.assertNotEqual(curl("--cacert", ca, url), ("200", 0))
        self.assertEqual(curl("--cacert", ca, "--cert", os.path.join(self.dir, "cert.pem"),
                              "--key", os.path.join(self.dir, "key.pem"), url), ("200", 0))

    def test_basic_auth_over_tls(self):
        _, url = self.exporter_with("tls_server_config:\n  cert_file: server-cert.pem\n  key_file: server-key.pem\n"
                                    f"basic_auth_users:\n  prometheus: '{self.hash}'\n")
        ca = os.path.join(self.dir, "ca.pem")
        self.assertEqual(curl("--cacert", ca, "-u", "prometheus:s3cret", url), ("200", 0))
        self.assertEqual(curl("--cacert", ca, "-u", "prometheus:wrong", url), ("401", 0))
        self.assertEqual(curl("--cacert", ca, "-u", "nobody:s3cret", url), ("401", 0))
        self.assertEqual(curl("--cacert", ca, url), ("401", 0))
        headers = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", "--cacert", ca, url],
                                 capture_output=True, text=True, timeout=30).stdout
        self.assertIn('www-authenticate: basic realm="docker-seccomp-exporter"', headers.lower())

    def test_users_headers_and_certificates_change_without_a_restart(self):
        rotation = os.path.join(self.dir, "rotation")
        os.makedirs(rotation)
        for name in ("server-cert.pem", "server-key.pem"):
            shutil.copy(os.path.join(self.dir, name), rotation)
        config = os.path.join(rotation, "web.yml")

        def write(users):
            with open(config + ".new", "w") as f:
                f.write("tls_server_config:\n  cert_file: server-cert.pem\n  key_file: server-key.pem\n"
                        "http_server_config:\n  headers:\n    X-Frame-Options: deny\n"
                        "basic_auth_users:\n" + "".join(f"  {u}: {self.hash}\n" for u in users))
            os.replace(config + ".new", config)  # as editors and config management write files

        write(["prometheus"])
        exporter = Exporter(self.fake.url, "--web.config.file", config)
        self.addCleanup(exporter.stop)
        url = f"https://127.0.0.1:{exporter.port}/metrics"
        ca = os.path.join(self.dir, "ca.pem")
        headers = subprocess.run(["curl", "-s", "-D", "-", "-o", "/dev/null", "--cacert", ca, "-u", "prometheus:s3cret",
                                  url], capture_output=True, text=True, timeout=30).stdout.lower()
        self.assertIn("x-frame-options: deny", headers)
        self.assertEqual(curl("--cacert", ca, "-u", "grafana:s3cret", url), ("401", 0))
        write(["prometheus", "grafana"])  # a user added: counts from its next request
        self.assertEqual(curl("--cacert", ca, "-u", "grafana:s3cret", url), ("200", 0))
        # The certificate rotated in place, signed by another CA: served from the next handshake.
        other = os.path.join(self.dir, "other-ca")
        make_pki(other, "rotated")
        for name in ("server-cert.pem", "server-key.pem"):
            shutil.copy(os.path.join(other, name), os.path.join(rotation, name + ".new"))
            os.replace(os.path.join(rotation, name + ".new"), os.path.join(rotation, name))
        self.assertEqual(curl("--cacert", os.path.join(other, "ca.pem"), "-u", "prometheus:s3cret", url), ("200", 0))
        self.assertNotEqual(curl("--cacert", ca, "-u", "prometheus:s3cret", url)[1], 0)
        # A broken file keeps what runs, and says so.
        with open(config, "w") as f:
            f.write("tls_server_config: [\n")
        self.assertEqual(curl("--cacert", os.path.join(other, "ca.pem"), "-u", "prometheus:s3cret", url), ("200", 0))
        self.assertIn('msg="web config file not reloaded, the running one is kept"', exporter.logs())

    def test_client_allowed_sans(self):
        base = ("tls_server_config:\n  cert_file: server-cert.pem\n  key_file: server-key.pem\n"
                "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: ca.pem\n"
                "  cipher_suites: [TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256]\n  curve_preferences: [X25519, CurveP256]\n"
                "  max_version: TLS13\n")
        client = ["--cacert", os.path.join(self.dir, "ca.pem"), "--cert", os.path.join(self.dir, "cert.pem"),
                  "--key", os.path.join(self.dir, "key.pem")]
        _, url = self.exporter_with(base + "  client_allowed_sans: [scraper.test]\n")
        self.assertEqual(curl(*client, url), ("200", 0))
        _, url = self.exporter_with(base + "  client_allowed_sans: [someone-else.test]\n")
        self.assertNotEqual(curl(*client, url), ("200", 0))

    def test_bad_web_config_names_the_key(self):
        path = os.path.join(self.dir, "bad.yml")
        for yaml, expected in [
            ("tls_server_config:\n  cert_file: x\n  key_file: y\n  client_auth_type: Sometimes\n",
             "key tls_server_config.client_auth_type: unknown value 'Sometimes'"),
            ("basic_auth_users:\n  admin: plaintext\n", "key basic_auth_users.admin: not a bcrypt hash"),
            ("tls_config: {}\n", "key tls_config: not supported"),
            ("tls_server_config:\n  cert_file: /nonexistent.pem\n  key_file: /nonexistent.pem\n", "cert_file /nonexistent.pem"),
        ]:
            with open(path, "w") as f:
                f.write(yaml)
            out = subprocess.run([EXPORTER, "--web.config.file", path, "--web.listen-address", "127.0.0.1:0",
                                  "--docker.host", self.fake.url], capture_output=True, text=True, timeout=30)
            self.assertNotEqual(out.returncode, 0, yaml)
            self.assertIn(expected, out.stderr, yaml)


if __name__ == "__main__":
    unittest.main()
