"""TLS to the engine as the Docker CLI does it: DOCKER_HOST=tcp://, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH."""
import os
import subprocess
import tempfile
import unittest

from harness import EXPORTER, Exporter, free_port, make_pki, poll, PrivateDockerd, series


class DockerOverTls(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.pki = tempfile.mkdtemp(prefix="dse-pki-")
        make_pki(os.path.join(cls.pki, "good"), "good")
        make_pki(os.path.join(cls.pki, "other"), "other")
        good = os.path.join(cls.pki, "good")
        cls.port = free_port()
        cls.dockerd = PrivateDockerd(extra_args=(
            f"--tlsverify --tlscacert {good}/ca.pem --tlscert {good}/server-cert.pem --tlskey {good}/server-key.pem "
            f"-H tcp://127.0.0.1:{cls.port}"))
        cls.dockerd.create("over_tls", "--security-opt", "seccomp=unconfined")
        cls.host = f"tcp://127.0.0.1:{cls.port}"

    @classmethod
    def tearDownClass(cls):
        cls.dockerd.stop()
        subprocess.run(["rm", "-rf", cls.pki])

    def test_verified_tls_from_the_environment(self):
        env = {"DOCKER_HOST": self.host, "DOCKER_TLS_VERIFY": "1", "DOCKER_CERT_PATH": os.path.join(self.pki, "good")}
        exporter = Exporter(self.host, env=env)
        try:
            poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up over TLS")
            self.assertEqual([l["name"] for l, _ in series(exporter.metrics(), "docker_seccomp_container_compliant")],
                             ["over_tls"])
        finally:
            exporter.stop()

    def test_flags_and_audit(self):
        out = subprocess.run([EXPORTER, "audit", "--docker.host", self.host, "--docker.tls-verify",
                              "--docker.cert-path", os.path.join(self.pki, "good")],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 1, out.stderr)
        self.assertIn("over_tls", out.stdout)

    def test_wrong_ca_fails_clearly(self):
        # "other" holds a CA that did not sign the engine's certificate (and a client cert it does not know).
        exporter = Exporter(self.host, "--docker.tls-verify", "--docker.cert-path", os.path.join(self.pki, "other"))
        try:
            poll(lambda: "certificate verify failed" in exporter.logs(), what="a clear TLS error")
            self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 0.0)])
            [(_, errors)] = series(exporter.metrics(), "docker_seccomp_docker_request_errors_total", endpoint="ping")
            self.assertGreaterEqual(errors, 1)
        finally:
            exporter.stop()

    def test_plain_tcp_to_a_tls_engine_is_refused(self):
        exporter = Exporter(self.host)
        try:
            poll(lambda: "unreachable" in exporter.logs(), what="the failed ping")
            self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 0.0)])
        finally:
            exporter.stop()

    def test_missing_certificates_are_a_start_up_error(self):
        out = subprocess.run([EXPORTER, "--docker.host", self.host, "--docker.tls-verify",
                              "--docker.cert-path", "/nonexistent", "--web.listen-address", "127.0.0.1:0"],
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 2)
        self.assertIn("CA certificate /nonexistent/ca.pem", out.stderr)

    def test_tls_needs_a_tcp_host(self):
        out = subprocess.run([EXPORTER, "--docker.host", "unix:///var/run/docker.sock", "--docker.tls-verify"],
                             capture_output=True, text=True, timeout=30)
        self.assertEqual(out.returncode, 2)
        self.assertIn("needs a tcp:// Docker host", out.stderr)


if __name__ == "__main__":
    unittest.main()
