"""--web.config.file in the exporter-toolkit format: TLS, mutual TLS, basic auth; checked with curl."""
import crypt
import os
import subprocess
import tempfile
import unittest
import warnings

from harness import EXPORTER, Exporter, FakeDocker, inspect_body, make_pki, poll, series

warnings.filterwarnings("ignore", category=DeprecationWarning)
ID = "a" * 64


def curl(*args):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10", *args],
                         capture_output=True, text=True, timeout=30)
    return out.stdout.strip(), out.returncode


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
