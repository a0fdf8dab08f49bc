"""Reloads that cannot stall or mislead (issues 21 and 25): the config file and the web config file read as
bounded regular files, a failed reload logged, counted and the running settings kept, and a reload that
changes a restart-only setting says which."""
import os
import signal
import shutil
import tempfile
import time
import unittest

import ssl
import urllib.request

from harness import Exporter, FakeDocker, inspect_body, make_pki, parse_metrics, poll, series


def reload_errors(exporter, file, scrape=None):
    [(_, value)] = series((scrape or exporter.metrics)(), "docker_seccomp_config_reload_errors_total", file=file)
    return value


def https_scrape(exporter, ca):
    """/metrics over TLS, verifying the exporter's certificate against ca."""
    context = ssl.create_default_context(cafile=ca)
    with urllib.request.urlopen(f"https://127.0.0.1:{exporter.port}/metrics", timeout=10, context=context) as answer:
        return parse_metrics(answer.read().decode())


class ConfigReload(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.docker = FakeDocker({"a" * 64: inspect_body("a" * 64, "web")})
        cls.dir = tempfile.mkdtemp(prefix="dse-reload-")

    @classmethod
    def tearDownClass(cls):
        cls.docker.close()
        shutil.rmtree(cls.dir)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, text):
        with open(self.path(name), "w") as f:
            f.write(text)
        return self.path(name)

    def replace_with(self, path, make):
        """The config path made into something else (a symlink, a FIFO, a huge file) by make(path)."""
        os.unlink(path)
        make(path)

    def assert_still_serving(self, exporter):
        began = time.monotonic()
        self.assertEqual(exporter.get("/-/healthy")[0], 200)
        self.assertEqual(series(exporter.metrics(), "docker_seccomp_docker_up"), [({}, 1.0)])
        self.assertLess(time.monotonic() - began, 5)

    def test_config_file_that_misbehaves_is_refused_counted_and_the_running_settings_kept(self):
        config = self.write("dse.yml", "exclude: {name: [web]}\n")
        exporter = Exporter(self.docker.url, "--config.file", config)
        try:
            poll(lambda: [value for _, value in series(exporter.metrics(), "docker_seccomp_excluded_containers",
                                                       reason="default_profile")] == [1.0], what="the file's exclusion")
            cases = [
                ("a symlink to /dev/zero", lambda p: os.symlink("/dev/zero", p), "not a regular file"),
                ("a FIFO", os.mkfifo, "not a regular file"),
                ("a 2 MiB file of YAML comments",
                 lambda p: open(p, "w").write("# padding\n" * 209716), "larger than 1048576 bytes"),
            ]
            for count, (what, make, why) in enumerate(cases, start=1):
                with self.subTest(what):
                    self.replace_with(config, make)
                    exporter.process.send_signal(signal.SIGHUP)
                    poll(lambda: reload_errors(exporter, "config_file") == count, what=f"the refusal of {what}")
                    self.assertIn(why, exporter.logs())
                    self.assert_still_serving(exporter)
                    # The running exclusion stays.
                    self.assertEqual(series(exporter.metrics(), "docker_seccomp_container_compliant"), [])
        finally:
            exporter.stop()

    def test_a_reload_names_the_restart_only_settings_it_changed(self):
        config = self.write("restart.yml", "web: {header-timeout: 10s}\nlog: {level: info}\n")
        exporter = Exporter(self.docker.url, "--config.file", config)
        try:
            poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up")
            self.write("restart.yml", "web: {header-timeout: 3s}\ncollector: {seccomp-audit: true}\n"
                                      "log: {level: info}\n")
            exporter.process.send_signal(signal.SIGHUP)
            poll(lambda: "configuration reloaded" in exporter.logs(), what="the reload")
            self.assertIn("settings=web.header-timeout,collector.seccomp-audit", exporter.logs())
            self.assertEqual(reload_errors(exporter, "config_file"), 0)
        finally:
            exporter.stop()

    def test_web_config_file_and_its_certificate_turned_into_a_fifo_are_refused_and_counted(self):
        make_pki(self.path("pki"), "reload")
        web = self.write("web.yml", f"tls_server_config:\n  cert_file: {self.path('pki/server-cert.pem')}\n"
                                    f"  key_file: {self.path('pki/server-key.pem')}\n")
        exporter = Exporter(self.docker.url, "--web.config.file", web)
        scrape = lambda: https_scrape(exporter, self.path("pki/ca.pem"))  # noqa: E731
        try:
            poll(lambda: series(scrape(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up")
            self.replace_with(self.path("pki/server-key.pem"), os.mkfifo)
            # Each connection looks at the files first; the refusal keeps the running certificate.
            poll(lambda: reload_errors(exporter, "web_config_file", scrape) == 1, what="the key file refused")
            self.assertIn("key_file", exporter.logs())
            self.assertIn("not a regular file", exporter.logs())
            self.replace_with(web, os.mkfifo)
            poll(lambda: reload_errors(exporter, "web_config_file", scrape) == 2, what="the web config refused")
            began = time.monotonic()
            self.assertEqual(series(scrape(), "docker_seccomp_docker_up"), [({}, 1.0)])
            self.assertLess(time.monotonic() - began, 5)
        finally:
            exporter.stop()


if __name__ == "__main__":
    unittest.main()
