"""The exporter end to end against a real private dockerd: scan, verdicts, live events, /metrics."""
import json
import os
import shutil
import subprocess
import tempfile
import unittest

from harness import compliance_by_name, Exporter, kernel_modes, poll, PrivateDockerd, series, TcpToUnixProxy

PROFILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profiles", "allowlist.json")
ALLOW_ALL = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profiles", "allow_all.json")
REASONS = ["default_profile", "custom_profile", "unconfined", "privileged", "daemon_unconfined", "daemon_no_seccomp"]


def docker_up(exporter):
    return series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)]



def reason_counts(samples):
    return {labels["reason"]: value for labels, value in series(samples, "docker_seccomp_containers")}


class ExporterAgainstDockerd(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dockerd = PrivateDockerd()
        try:
            d = cls.dockerd
            d.create("plain")  # created, never started
            d.docker("start", d.create("running"))
            d.docker("start", d.create("unconf_eq", "--security-opt", "seccomp=unconfined"))
            d.create("unconf_colon", "--security-opt", "seccomp:unconfined")
            d.create("priv", "--privileged")  # privileged containers cannot start on this machine
            d.create("custom", "--security-opt", f"seccomp={PROFILE}")
            d.docker("start", "-a", d.create("exited", command=("true",)))
            cls.ids = {name: d.docker("inspect", "--format", "{{.Id}}", name)
                       for name in ["plain", "running", "unconf_eq", "unconf_colon", "priv", "custom", "exited"]}
            cls.exporter = Exporter(d.url)
            poll(lambda: docker_up(cls.exporter), what="docker_up 1 after the first scan")
        except BaseException:
            cls.dockerd.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "exporter"):
            cls.exporter.stop()
        cls.dockerd.stop()

    def test_initial_scan_gives_every_verdict(self):
        samples = self.exporter.metrics()
        self.assertEqual(compliance_by_name(samples), {
            "plain": ("default_profile", 1.0),
            "running": ("default_profile", 1.0),
            "exited": ("default_profile", 1.0),
            "custom": ("custom_profile", 1.0),
            "unconf_eq": ("unconfined", 0.0),
            "unconf_colon": ("unconfined", 0.0),
            "priv": ("privileged", 0.0),
        })
        self.assertEqual(reason_counts(samples), {
            "default_profile": 3, "custom_profile": 1, "unconfined": 2, "privileged": 1,
            "daemon_unconfined": 0, "daemon_no_seccomp": 0, "kernel_unconfined": 0, "weak_profile": 0,
            "invalid_profile": 0, "empty_profile": 0})

    def test_kernel_mode_of_running_containers(self):
        modes = kernel_modes(self.exporter.metrics())
        self.assertEqual(modes, {"running": "filter", "unconf_eq": "disabled"})

    def test_profile_strength_series(self):
        samples = self.exporter.metrics()
        risky = {labels["name"]: value for labels, value in
                 series(samples, "docker_seccomp_container_profile_risky_syscalls")}
        self.assertEqual(risky, {"custom": 0})  # the builtin profile gets no series
        [(labels, _)] = series(samples, "docker_seccomp_daemon_info")
        self.assertEqual((labels["profile"], labels["seccomp_supported"]), ("default", "true"))

    def test_series_carry_short_id_and_image(self):
        for labels, _ in series(self.exporter.metrics(), "docker_seccomp_container_compliant"):
            if labels["name"] in self.ids:
                self.assertEqual(labels["id"], self.ids[labels["name"]][:12])
                self.assertEqual(labels["image"], "dse-busybox:latest")

    def test_scan_timestamp_and_build_info(self):
        samples = self.exporter.metrics()
        [(_, timestamp)] = series(samples, "docker_seccomp_last_full_scan_timestamp_seconds")
        self.assertGreater(timestamp, 1.6e9)
        self.assertEqual(len(series(samples, "docker_seccomp_build_info")), 1)

    def test_live_create_rename_remove(self):
        d = self.dockerd
        d.create("late", "--security-opt", "seccomp=unconfined")
        poll(lambda: compliance_by_name(self.exporter.metrics()).get("late") == ("unconfined", 0.0),
             what="the new unconfined container in /metrics")
        d.docker("rename", "late", "renamed")
        poll(lambda: "renamed" in compliance_by_name(self.exporter.metrics())
             and "late" not in compliance_by_name(self.exporter.metrics()), what="the rename")
        d.docker("rm", "renamed")
        poll(lambda: "renamed" not in compliance_by_name(self.exporter.metrics()), what="the removal")
        samples = self.exporter.metrics()
        self.assertEqual(reason_counts(samples)["unconfined"], 2)
        self.assertGreaterEqual(series(samples, "docker_seccomp_events_total", action="create")[0][1], 1)
        self.assertGreaterEqual(series(samples, "docker_seccomp_events_total", action="destroy")[0][1], 1)
        # Each applied event was timed from Docker's timeNano to the stored verdict.
        [(_, timed)] = series(samples, "docker_seccomp_event_to_verdict_seconds_count")
        self.assertGreaterEqual(timed, 2)  # create, rename

    def test_start_of_created_container_keeps_verdict(self):
        d = self.dockerd
        d.docker("start", d.create("starter"))
        poll(lambda: compliance_by_name(self.exporter.metrics()).get("starter") == ("default_profile", 1.0),
             what="the started container")
        d.docker("rm", "-f", "starter")
        poll(lambda: "starter" not in compliance_by_name(self.exporter.metrics()), what="the forced removal")

    def audit(self, *flags):
        from harness import EXPORTER
        return subprocess.run([EXPORTER, "audit", "--docker.host", self.dockerd.url, *flags],
                              capture_output=True, text=True, timeout=60)

    def test_audit_table_and_exit_code(self):
        out = self.audit()
        self.assertEqual(out.returncode, 1, out.stderr)
        lines = out.stdout.splitlines()
        self.assertEqual(lines[0].split(), ["CONTAINER", "IMAGE", "STATE", "VERDICT", "REASON", "KERNEL"])
        names = [line.split()[0] for line in lines[1:8]]
        self.assertEqual(names[:3], ["priv", "unconf_colon", "unconf_eq"])
        self.assertEqual(set(names[3:]), {"custom", "exited", "plain", "running"})
        self.assertIn("3 non-compliant", out.stdout)

    def test_audit_json_and_exclusions(self):
        out = self.audit("--output", "json")
        self.assertEqual(out.returncode, 1, out.stderr)
        report = json.loads(out.stdout)
        self.assertEqual(report["schema_version"], 1)
        verdicts = {c["name"]: (c["compliant"], c["reason"]) for c in report["containers"]}
        self.assertEqual(verdicts["priv"], (False, "privileged"))
        self.assertEqual(verdicts["unconf_colon"], (False, "unconfined"))
        self.assertEqual(verdicts["custom"], (True, "custom_profile"))
        self.assertEqual(report["containers"][0]["name"], "priv")
        # The same scan with the non-compliant ones excluded passes.
        clean = self.audit("--exclude.name", "priv|unconf_.*")
        self.assertEqual(clean.returncode, 0, clean.stdout + clean.stderr)
        self.assertIn("0 non-compliant, 3 excluded", clean.stdout)

    def test_promtool_finds_nothing_to_lint(self):
        lint = subprocess.run(["promtool", "check", "metrics"], input=self.exporter.metrics_text(),
                              capture_output=True, text=True, timeout=30)
        self.assertEqual(lint.returncode, 0, lint.stdout + lint.stderr)
        self.assertEqual(lint.stdout + lint.stderr, "")

    def test_http_endpoint_routes(self):
        status, headers, body = self.exporter.get("/")
        self.assertEqual(status, 200)
        self.assertIn('href="/metrics"', body)
        self.assertEqual(self.exporter.get("/nope")[0], 404)
        status, headers, _ = self.exporter.get("/metrics", method="POST")
        self.assertEqual(status, 405)
        self.assertEqual(headers["Allow"], "GET, HEAD")
        status, headers, body = self.exporter.get("/metrics", method="HEAD")
        self.assertEqual(status, 200)
        self.assertEqual(body, "")
        self.assertGreater(int(headers["Content-Length"]), 0)
        self.assertTrue(headers["Content-Type"].startswith("text/plain; version=0.0.4"))


class KernelTruth(unittest.TestCase):
    """--proc.path with a process whose status says Seccomp: 0 although Docker claims its default profile."""

    def test_kernel_unconfined_and_unknown(self):
        dockerd = PrivateDockerd()
        proc = tempfile.mkdtemp(prefix="dse-proc-")
        try:
            container = dockerd.create("claims_default")
            dockerd.docker("start", container)
            dockerd.docker("start", dockerd.create("unreadable"))
            pid = dockerd.docker("inspect", "--format", "{{.State.Pid}}", "claims_default")
            os.makedirs(os.path.join(proc, pid))
            shutil.copy(f"/proc/{pid}/cgroup", os.path.join(proc, pid, "cgroup"))
            with open(f"/proc/{pid}/status") as real, open(os.path.join(proc, pid, "status"), "w") as fake:
                fake.write(real.read().replace("Seccomp:\t2", "Seccomp:\t0"))
            exporter = Exporter(dockerd.url, "--proc.path", proc)
            try:
                poll(lambda: docker_up(exporter), what="docker_up 1")
                samples = exporter.metrics()
                self.assertEqual(compliance_by_name(samples), {
                    "claims_default": ("kernel_unconfined", 0.0), "unreadable": ("default_profile", 1.0)})
                modes = kernel_modes(samples)
                self.assertEqual(modes, {"claims_default": "disabled", "unreadable": "unknown"})
                self.assertEqual(series(samples, "docker_seccomp_kernel_read_errors_total"), [({}, 1.0)])
            finally:
                exporter.stop()
        finally:
            dockerd.stop()
            shutil.rmtree(proc)


class ProfileStrength(unittest.TestCase):
    """An allow-all custom profile passes CIS; --compliance.weak-profile-noncompliant says what it is."""

    def test_allow_all_profile(self):
        dockerd = PrivateDockerd()
        try:
            dockerd.create("allow_all", "--security-opt", f"seccomp={ALLOW_ALL}")
            dockerd.create("strong", "--security-opt", f"seccomp={PROFILE}")
            for flags, expected in [((), "custom_profile"), (("--compliance.weak-profile-noncompliant",), "weak_profile")]:
                exporter = Exporter(dockerd.url, *flags)
                try:
                    poll(lambda: docker_up(exporter), what="docker_up 1")
                    samples = exporter.metrics()
                    self.assertEqual(compliance_by_name(samples), {
                        "allow_all": (expected, 1.0 if expected == "custom_profile" else 0.0),
                        "strong": ("custom_profile", 1.0)})
                    risky = {l["name"]: v for l, v in series(samples, "docker_seccomp_container_profile_risky_syscalls")}
                    # Every syscall Docker's default refuses a default container here (76 on Debian 12's
                    # libseccomp and kernel 6.1), derived, not listed.
                    self.assertEqual(risky["strong"], 0)
                    self.assertGreaterEqual(risky["allow_all"], 60)
                    actions = {l["name"]: l["action"] for l, _ in
                               series(samples, "docker_seccomp_container_profile_default_action")}
                    self.assertEqual(actions, {"allow_all": "SCMP_ACT_ALLOW", "strong": "SCMP_ACT_ERRNO"})
                finally:
                    exporter.stop()
        finally:
            dockerd.stop()


class DaemonWideCustomProfile(unittest.TestCase):
    """dockerd --seccomp-profile=FILE: containers without their own option get that profile."""

    def test_container_without_option_reports_custom_profile(self):
        dockerd = PrivateDockerd(extra_args=f"--seccomp-profile={PROFILE}")
        try:
            dockerd.create("inherits")
            dockerd.create("optout", "--security-opt", "seccomp=unconfined")
            exporter = Exporter(dockerd.url)
            try:
                poll(lambda: docker_up(exporter), what="docker_up 1")
                samples = exporter.metrics()
                self.assertEqual(compliance_by_name(samples), {
                    "inherits": ("custom_profile", 1.0), "optout": ("unconfined", 0.0)})
                # The daemon's profile file is readable here, so its strength is known.
                [(labels, _)] = series(samples, "docker_seccomp_container_profile_default_action")
                self.assertEqual((labels["name"], labels["action"]), ("inherits", "SCMP_ACT_ERRNO"))
                [(labels, _)] = series(samples, "docker_seccomp_daemon_info")
                self.assertEqual(labels["profile"], PROFILE)
            finally:
                exporter.stop()
        finally:
            dockerd.stop()


class Transports(unittest.TestCase):
    """tcp:// hosts, API version pinning, and a dual-stack listener, on one private dockerd."""

    @classmethod
    def setUpClass(cls):
        cls.dockerd = PrivateDockerd()
        cls.dockerd.create("only", "--security-opt", "seccomp=unconfined")

    @classmethod
    def tearDownClass(cls):
        cls.dockerd.stop()

    def test_tcp_host_negotiates_and_sends_only_get(self):
        proxy = TcpToUnixProxy(self.dockerd.socket)
        exporter = Exporter(proxy.url)
        try:
            poll(lambda: docker_up(exporter), what="docker_up 1 over tcp://")
            self.assertEqual(compliance_by_name(exporter.metrics()), {"only": ("unconfined", 0.0)})
            self.assertIn("api=1.41", exporter.logs())
            self.assertTrue(proxy.requests)
            self.assertEqual({line.split(" ")[0] for line in proxy.requests}, {"GET"}, proxy.requests)
            self.assertIn("GET /_ping HTTP/1.1", proxy.requests)
            self.assertTrue(all(line.startswith("GET /v1.41/") for line in proxy.requests if "/_ping" not in line),
                            proxy.requests)
        finally:
            exporter.stop()
            proxy.close()

    def test_docker_api_version_pins_the_version(self):
        exporter = Exporter(self.dockerd.url, env={"DOCKER_API_VERSION": "1.40"})
        try:
            poll(lambda: docker_up(exporter), what="docker_up 1 with a pinned version")
            self.assertIn("api=1.40", exporter.logs())
        finally:
            exporter.stop()

    def test_default_listen_address_serves_ipv4_and_ipv6(self):
        exporter = Exporter(self.dockerd.url, listen=":0")
        try:
            self.assertEqual(exporter.get("/metrics", base=f"http://127.0.0.1:{exporter.port}")[0], 200)
            self.assertEqual(exporter.get("/metrics", base=f"http://[::1]:{exporter.port}")[0], 200)
        finally:
            exporter.stop()


class NoDocker(unittest.TestCase):
    def test_audit_without_docker_exits_2(self):
        from harness import EXPORTER
        out = subprocess.run([EXPORTER, "audit", "--docker.host", "unix:///nonexistent.sock"],
                             capture_output=True, text=True, timeout=60)
        self.assertEqual(out.returncode, 2)
        self.assertEqual(out.stdout, "")
        self.assertIn("audit failed", out.stderr)

    def test_unreachable_engine_reports_down_and_keeps_serving(self):
        exporter = Exporter("unix:///nonexistent/docker.sock")
        try:
            samples = exporter.metrics()
            self.assertEqual(series(samples, "docker_seccomp_docker_up"), [({}, 0.0)])
            poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_request_errors_total", endpoint="ping")
                 and series(exporter.metrics(), "docker_seccomp_docker_request_errors_total", endpoint="ping")[0][1] >= 1,
                 what="a counted ping error")
        finally:
            exporter.stop()


class Flags(unittest.TestCase):
    def run_exporter(self, *args):
        from harness import EXPORTER
        return subprocess.run([EXPORTER, *args], capture_output=True, text=True, timeout=10)

    def test_bad_flag_is_one_clear_line_and_exit_2(self):
        out = self.run_exporter("--web.listen-address=nonsense")
        self.assertEqual(out.returncode, 2)
        self.assertEqual(len(out.stderr.strip().splitlines()), 1)
        self.assertIn("--web.listen-address", out.stderr)

    def test_version_and_help(self):
        self.assertRegex(self.run_exporter("--version").stdout,
                         r"^docker-seccomp-exporter, version \d+\.\d+\.\d+ \(revision: \w+\)\n  compiler: ")
        self.assertIn("--docker.host", self.run_exporter("--help").stdout)


if __name__ == "__main__":
    unittest.main()
