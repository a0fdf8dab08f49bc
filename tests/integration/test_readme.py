"""The README's flags and metrics tables say exactly what the binary accepts and exports, and every metric
name it mentions anywhere exists."""
import os
import re
import subprocess
import unittest

from harness import EXPORTER, ROOT, Exporter, FakeDocker, inspect_body, poll, series

with open(os.path.join(ROOT, "README.md")) as f:
    README = f.read()
RULES = "".join(open(os.path.join(ROOT, "config", "prometheus", name)).read()
                for name in ("recording.yml", "alerts.yml"))


def exported_families(exporter):
    return set(re.findall(r"^# TYPE (\S+)", exporter.metrics_text(), re.M))


class Readme(unittest.TestCase):
    def test_the_flags_table_lists_exactly_what_help_accepts(self):
        help_text = subprocess.run([EXPORTER, "--help"], capture_output=True, text=True, check=True).stdout
        accepted = set(re.findall(r"^  --([a-z][a-z.-]*)", help_text, re.M))
        rows = re.findall(r"^\| (`--[^|]*)\|", README, re.M)
        documented = {flag for row in rows for flag in re.findall(r"`--([a-z][a-z.-]*)", row)}
        self.assertEqual(documented, accepted)

    def test_the_metrics_table_lists_exactly_what_is_exported(self):
        custom = inspect_body("c" * 64, "custom", security_opt=['seccomp={"defaultAction":"SCMP_ACT_ALLOW"}'])
        running = inspect_body("d" * 64, "running", state="running")
        running["State"]["Pid"] = 1
        fake = FakeDocker({"c" * 64: custom, "d" * 64: running, "e" * 64: inspect_body("e" * 64, "e")})
        # Every family shows: a custom profile, a running container, the collector, an event answered.
        exporter = Exporter(fake.url, "--collector.seccomp-audit")
        try:
            poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="a scan")
            exported = exported_families(exporter)
        finally:
            exporter.stop()
            fake.close()
        table = README[README.index("## Metrics"):]
        table = table[:table.index("\n## ")]
        documented = {name for row in re.findall(r"^\| (`[a-z_]+`(?:, `[a-z_]+`)*) \|", table, re.M)
                      for name in re.findall(r"`([a-z_]+)`", row)}
        self.assertEqual(documented, exported)

    def test_every_metric_name_the_readme_mentions_exists(self):
        fake = FakeDocker({})
        exporter = Exporter(fake.url, "--collector.seccomp-audit")
        try:
            exported = exported_families(exporter)
        finally:
            exporter.stop()
            fake.close()
        recorded = set(re.findall(r"record: (\S+)", RULES))
        mentioned = set(re.findall(r"(?<![:\w])((?:docker_seccomp|process)_[a-z_]+[a-z])\b", README))
        histogram_parts = {f"{name}{suffix}" for name in exported for suffix in ("_bucket", "_count", "_sum")}
        self.assertEqual(mentioned - exported - histogram_parts - recorded, set())


if __name__ == "__main__":
    unittest.main()
