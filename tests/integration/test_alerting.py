"""End to end through the real Prometheus and Alertmanager: the shipped rules page, resolve and report Docker down."""
import json
import os
import re
import subprocess
import tempfile
import threading
import time
import unittest
import urllib.parse
import urllib.request
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from harness import Exporter, FakeDocker, free_port, inspect_body, poll, PrivateDockerd, ROOT, series, terminate

RULES = os.path.join(ROOT, "config", "prometheus")


class WebhookReceiver:
    """Alertmanager's webhook receiver: keeps every notification with its arrival time."""

    def __init__(self):
        received = self.notifications = []

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received.append((time.monotonic(), json.loads(body)))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def alerts(self, alertname, status):
        return [(at, alert) for at, note in self.notifications for alert in note["alerts"]
                if alert["labels"]["alertname"] == alertname and alert["status"] == status]

    def close(self):
        self.server.shutdown()
        self.server.server_close()


def shortened_rules(directory):
    """The shipped rules with their `for:` durations cut to seconds, so the test need not wait minutes."""
    paths = []
    for name in ("alerts.yml", "recording.yml"):
        with open(os.path.join(RULES, name)) as f:
            text = re.sub(r"for: (\d+)m", lambda m: f"for: {m.group(1)}s", f.read())
        path = os.path.join(directory, name)
        with open(path, "w") as f:
            f.write(text)
        paths.append(path)
    return paths


class Process:
    def __init__(self, args, log_path):
        self.log_path = log_path
        self.log = open(log_path, "w")
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT)

    def logs(self):
        with open(self.log_path) as f:
            return f.read()

    def stop(self):
        terminate(self.process, timeout=20)
        self.log.close()


def http_ok(url):
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


class AlertingEndToEnd(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory(prefix="dse-e2e-")
        self.addCleanup(self.tmp.cleanup)
        self.dockerd = PrivateDockerd()
        self.addCleanup(self.dockerd.stop)
        # The owner label rides on every series: issue 26's label, whose 256-byte cut once split its é and made
        # Prometheus refuse the whole scrape.
        self.exporter = Exporter(self.dockerd.url, "--metrics.docker-labels", "com.example.owner")
        self.addCleanup(self.exporter.stop)
        self.receiver = WebhookReceiver()
        self.addCleanup(self.receiver.close)
        self.alertmanager = self.start_alertmanager()
        self.prometheus = self.start_prometheus()

    def start_alertmanager(self):
        port = free_port()
        config = os.path.join(self.tmp.name, "alertmanager.yml")
        with open(config, "w") as f:
            f.write(f"""
route:
  receiver: webhook
  group_by: [alertname, name]
  group_wait: 1s
  group_interval: 1s
  repeat_interval: 1h
receivers:
  - name: webhook
    webhook_configs:
      - url: {self.receiver.url}
        send_resolved: true
""")
        process = Process(["prometheus-alertmanager", f"--config.file={config}",
                           f"--storage.path={self.tmp.name}/am", f"--web.listen-address=127.0.0.1:{port}",
                           "--cluster.listen-address="], os.path.join(self.tmp.name, "alertmanager.log"))
        self.addCleanup(process.stop)
        poll(lambda: http_ok(f"http://127.0.0.1:{port}/-/ready"), timeout=30, what="Alertmanager ready")
        self.alertmanager_port = port
        return process

    def start_prometheus(self):
        process, _ = start_prometheus(self.tmp.name, [f"127.0.0.1:{self.exporter.port}"], shortened_rules(self.tmp.name),
                                      alertmanager_port=self.alertmanager_port)
        self.addCleanup(process.stop)
        return process

    def test_unconfined_container_pages_resolves_and_docker_down_fires(self):
        poll(lambda: series(self.exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up")
        created = time.monotonic()
        self.dockerd.create("risky", "--security-opt", "seccomp=unconfined",
                            "--label", "com.example.owner=" + "a" * 255 + "\u00e9")
        firing = poll(lambda: self.receiver.alerts("DockerContainerSeccompUnconfined", "firing"), timeout=60,
                      what="the unconfined alert at the webhook")
        at, alert = firing[0]
        self.assertEqual({k: alert["labels"][k] for k in ("name", "image", "reason", "severity", "job")}, {
            "name": "risky", "image": "dse-busybox:latest", "reason": "unconfined", "severity": "warning",
            "job": "docker-seccomp-exporter"})
        self.assertEqual(alert["labels"]["container_label_com_example_owner"], "a" * 255)  # cut before the é
        self.assertIn("risky", alert["annotations"]["summary"])
        self.assertIn("dse-busybox:latest", alert["annotations"]["description"])
        runbook = alert["annotations"]["runbook_url"]
        self.assertEqual(runbook, f"http://127.0.0.1:{self.exporter.port}/runbooks#dockercontainerseccompunconfined")
        with urllib.request.urlopen(runbook, timeout=5) as response:  # opens, anchor and all
            self.assertIn('id="dockercontainerseccompunconfined"', response.read().decode())
        print(f"\nalert latency (docker create -> webhook, rules 'for' cut to seconds): {at - created:.1f}s")

        self.dockerd.docker("rm", "risky")
        poll(lambda: self.receiver.alerts("DockerContainerSeccompUnconfined", "resolved"), timeout=60,
             what="the resolved notification")

        self.dockerd.stop()
        poll(lambda: self.receiver.alerts("DockerSeccompExporterDockerDown", "firing"), timeout=60,
             what="the docker-down alert")


def start_prometheus(directory, targets, rules, alertmanager_port=None):
    """A real Prometheus scraping targets every second with the given rule files, sending alerts to
    Alertmanager if given; returns (process, port)."""
    port = free_port()
    config = os.path.join(directory, "prometheus.yml")
    alerting = ("" if alertmanager_port is None else
                f"alerting:\n  alertmanagers:\n    - static_configs:\n        - targets: [\"127.0.0.1:{alertmanager_port}\"]\n")
    with open(config, "w") as f:
        f.write(f"""
global:
  scrape_interval: 1s
  evaluation_interval: 1s
rule_files: {json.dumps(rules)}
{alerting}scrape_configs:
  - job_name: docker-seccomp-exporter
    static_configs:
      - targets: {json.dumps(targets)}
""")
    process = Process(["prometheus", f"--config.file={config}", f"--storage.tsdb.path={directory}/tsdb",
                       f"--web.listen-address=127.0.0.1:{port}"], os.path.join(directory, "prometheus.log"))
    try:
        poll(lambda: http_ok(f"http://127.0.0.1:{port}/-/ready"), timeout=60, what="Prometheus ready")
    except AssertionError:
        process.stop()  # it was started here: it ends here
        raise
    return process, port


def query(port, expr):
    url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode({"query": expr})
    with urllib.request.urlopen(url, timeout=5) as response:
        return json.loads(response.read())["data"]["result"]


class FleetThroughPrometheus(unittest.TestCase):
    """The issue's case: 2 of 4 containers unfiltered, one caught only by the kernel; and a host that exports
    counts only. The fleet ratio counts every reason, and the aggregate-only host still alerts."""

    def test_fleet_ratio_counts_every_reason_and_aggregate_only_hosts_alert(self):
        tmp = tempfile.TemporaryDirectory(prefix="dse-fleet-")
        self.addCleanup(tmp.cleanup)
        # A process of container "kernel" whose status says no filter (a recorded proc tree, Seccomp: 0).
        kernel_id = "cbf2da40bb991b5ef8c8c3f5fcc151edc21384ab0aa617adaac1ed3873ff4c2f"
        proc = os.path.join(tmp.name, "proc")
        os.makedirs(os.path.join(proc, "4242"))
        fixtures = os.path.join(ROOT, "tests", "fixtures", "proc_tree", "4242")
        with open(os.path.join(fixtures, "cgroup")) as f, open(os.path.join(proc, "4242", "cgroup"), "w") as out:
            out.write(f.read())
        with open(os.path.join(fixtures, "status")) as f, open(os.path.join(proc, "4242", "status"), "w") as out:
            out.write(re.sub(r"Seccomp:\t2", "Seccomp:\t0", f.read()))
        kernel = inspect_body(kernel_id, "kernel", state="running")
        kernel["State"]["Pid"] = 4242
        full = FakeDocker({"a" * 64: inspect_body("a" * 64, "web"), "b" * 64: inspect_body("b" * 64, "db"),
                           "c" * 64: inspect_body("c" * 64, "loose", security_opt=["seccomp=unconfined"]),
                           kernel_id: kernel})
        self.addCleanup(full.close)
        counts_only = FakeDocker({"d" * 64: inspect_body("d" * 64, "ok"),
                                  "e" * 64: inspect_body("e" * 64, "root", privileged=True)})
        self.addCleanup(counts_only.close)
        a = Exporter(full.url, f"--proc.path={proc}")
        self.addCleanup(a.stop)
        b = Exporter(counts_only.url, "--metrics.aggregate-only")
        self.addCleanup(b.stop)
        poll(lambda: dict((l["reason"], v) for l, v in series(a.metrics(), "docker_seccomp_containers") if v) ==
             {"default_profile": 2.0, "unconfined": 1.0, "kernel_unconfined": 1.0}, what="the four verdicts")
        prometheus, port = start_prometheus(tmp.name, [f"127.0.0.1:{a.port}", f"127.0.0.1:{b.port}"],
                                            shortened_rules(tmp.name))
        self.addCleanup(prometheus.stop)
        # 3 of 6 containers unfiltered: kernel_unconfined and privileged counted like the others.
        poll(lambda: [float(r["value"][1]) for r in query(port, "fleet:docker_seccomp_compliance:ratio")] == [0.5],
             timeout=60, what="the fleet ratio")
        firing = poll(lambda: [r["metric"]["instance"] for r in query(port, 'ALERTS{alertname='
                                                                               '"DockerSeccompNonCompliantContainers",'
                                                                               'alertstate="firing"}')],
                      timeout=60, what="the aggregate-only host's alert")
        self.assertEqual(firing, [f"127.0.0.1:{b.port}"])
        # Every query of the Grafana dashboard runs against this Prometheus, with "All" hosts selected.
        with open(os.path.join(ROOT, "config", "grafana", "docker-seccomp-exporter.json")) as f:
            dashboard = json.load(f)
        exprs = [t["expr"] for p in dashboard["panels"] for t in p["targets"]]
        exprs.append(dashboard["templating"]["list"][1]["query"]["query"].replace("label_values(", "count by (instance) (")
                     .replace(", instance)", ")"))
        self.assertGreaterEqual(len(exprs), 10)
        answered = {}
        for expr in exprs:
            url = f"http://127.0.0.1:{port}/api/v1/query?" + urllib.parse.urlencode(
                {"query": expr.replace("$instance", ".*")})
            with urllib.request.urlopen(url, timeout=5) as response:
                body = json.loads(response.read())
            self.assertEqual(body["status"], "success", expr)
            answered[expr] = body["data"]["result"]
        # The panels that must show something with these two hosts do.
        for needle in ("fleet:docker_seccomp_compliance:ratio", "docker_seccomp_container_compliant{",
                       "sum by (compliant, reason)", "docker_seccomp_docker_up{"):
            self.assertTrue([r for e, r in answered.items() if needle in e and r], needle)


if __name__ == "__main__":
    unittest.main()
