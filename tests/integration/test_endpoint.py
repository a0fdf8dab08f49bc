"""What exporter-toolkit users expect of the endpoint, against the real binary and the fake Docker API."""
import gzip
import json
import re
import subprocess
import time
import unittest
import urllib.request

from harness import EXPORTER, Exporter, FakeDocker, inspect_body, parse_metrics, poll, series

GOOD = "a" * 64


class Endpoint(unittest.TestCase):
    def test_gzip_when_asked(self):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")})
        exporter = Exporter(fake.url)
        try:
            poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="a scan")
            request = urllib.request.Request(exporter.base + "/metrics", headers={"Accept-Encoding": "gzip"})
            with urllib.request.urlopen(request, timeout=10) as response:
                self.assertEqual(response.headers["Content-Encoding"], "gzip")
                self.assertEqual(response.headers["Vary"], "Accept-Encoding")
                text = gzip.decompress(response.read()).decode()
            self.assertIn('docker_seccomp_container_compliant{id="aaaaaaaaaaaa"', text)
            _, headers, plain = exporter.get("/metrics")  # urllib asks for no encoding by default
            self.assertNotIn("Content-Encoding", headers)
            self.assertIn("docker_seccomp_container_compliant", plain)
        finally:
            exporter.stop()
            fake.close()

    def test_healthy_at_once_ready_after_the_first_scan(self):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "good")}, info_delay=1.0)
        exporter = Exporter(fake.url)
        try:
            self.assertEqual(exporter.get("/-/healthy")[0], 200)
            self.assertEqual(exporter.get("/-/ready")[0], 503)  # /info takes a second: no scan yet
            poll(lambda: exporter.get("/-/ready")[0] == 200, what="ready")
        finally:
            exporter.stop()
            fake.close()

    def test_two_listen_addresses_and_the_process_and_build_series(self):
        fake = FakeDocker({})
        exporter = Exporter(fake.url, "--web.listen-address=[::1]:0", log_level="info")  # and 127.0.0.1:0
        try:
            ports = re.search(r"msg=listening .*\bport=([\d,]+)", exporter.logs()).group(1).split(",")
            self.assertEqual(len(ports), 2)
            for base in (f"http://127.0.0.1:{ports[0]}", f"http://[::1]:{ports[1]}"):
                self.assertEqual(exporter.get("/-/healthy", base=base)[0], 200)
            samples = exporter.metrics()
            [(labels, _)] = series(samples, "docker_seccomp_build_info")
            self.assertEqual(sorted(labels), ["compiler", "default_profile", "revision", "version"])
            # the Debian version lib/compliance/default_profile_release.txt names (scripts/fetch-default-profile)
            self.assertRegex(labels["default_profile"], r"^docker\.io 28\.5\.\d+\S*$")
            self.assertRegex(labels["revision"], r"^[0-9a-f]{12}$|^unknown$")
            for name in ("process_cpu_seconds_total", "process_resident_memory_bytes", "process_open_fds",
                         "process_max_fds", "process_start_time_seconds", "process_virtual_memory_bytes"):
                [(_, value)] = series(samples, name)
                self.assertGreaterEqual(value, 0 if name == "process_cpu_seconds_total" else 1, name)
            self.assertLess(abs(series(samples, "process_start_time_seconds")[0][1] - time.time()), 60)
        finally:
            exporter.stop()
            fake.close()

    def test_logs_are_logfmt_or_json_as_prometheus_programs_write_them(self):
        fake = FakeDocker({"b" * 64: inspect_body("b" * 64, "broken")}, faults={"b" * 64: 500})
        exporter = Exporter(fake.url, "--log.format=json")
        try:
            poll(lambda: '"msg":"inspect failed"' in exporter.logs(), what="the failed inspect logged")
            for line in exporter.logs().splitlines():
                json.loads(line)  # every line, whatever it carries
            record = [json.loads(l) for l in exporter.logs().splitlines() if '"inspect failed"' in l][0]
            self.assertEqual((record["level"], record["container"], record["err"]), ("warn", "b" * 12, "HTTP 500"))
        finally:
            exporter.stop()
            fake.close()

    def test_owner_labels_reach_the_series(self):
        body = inspect_body(GOOD, "shop-web", security_opt=["seccomp=unconfined"])
        body["Config"]["Labels"] = {"com.docker.compose.project": "shop", "other": "x"}
        fake = FakeDocker({GOOD: body})
        exporter = Exporter(fake.url, "--metrics.docker-labels=com.docker.compose.project,io.kubernetes.pod.namespace")
        try:
            labels = poll(lambda: series(exporter.metrics(), "docker_seccomp_container_compliant"), what="a verdict")[0][0]
            self.assertEqual(labels["container_label_com_docker_compose_project"], "shop")
            self.assertEqual(labels["container_label_io_kubernetes_pod_namespace"], "")
            self.assertNotIn("container_label_other", labels)
        finally:
            exporter.stop()
            fake.close()

    def test_exclude_name_speaks_re2(self):
        fake = FakeDocker({GOOD: inspect_body(GOOD, "Infra-Proxy", security_opt=["seccomp=unconfined"])})
        exporter = Exporter(fake.url, "--exclude.name=(?i)infra-.*")
        try:
            poll(lambda: series(exporter.metrics(), "docker_seccomp_excluded_containers", reason="unconfined")
                 == [({"compliant": "false", "reason": "unconfined"}, 1.0)], what="the exclusion")
        finally:
            exporter.stop()
            fake.close()
        out = subprocess.run([EXPORTER, "--exclude.name=(a)\\1"], capture_output=True, text=True)
        self.assertIn("invalid regular expression '(a)\\1': invalid escape sequence: \\1", out.stderr)

    def test_no_flag_and_prometheus_durations(self):
        out = subprocess.run([EXPORTER, "--no-collector.seccomp-audit", "--docker.resync-interval=1h30m", "--bogus"],
                             capture_output=True, text=True)
        self.assertEqual(out.returncode, 2)
        self.assertIn("unknown flag --bogus", out.stderr)  # the two before it were understood
        out = subprocess.run([EXPORTER, "--docker.timeout=10"], capture_output=True, text=True)
        self.assertIn("invalid duration '10' (e.g. 500ms, 10s, 5m, 1h30m, 1d)", out.stderr)


if __name__ == "__main__":
    unittest.main()
