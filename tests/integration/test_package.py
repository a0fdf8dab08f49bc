"""The .deb that CPack builds: installs with dpkg, creates the user, enables nothing, purges cleanly."""
import glob
import os
import subprocess
import tempfile
import unittest

PACKAGE = "docker-seccomp-exporter"
UNIT = "/usr/lib/systemd/system/docker-seccomp-exporter.service"


def run(*args, check=True):
    out = subprocess.run(args, capture_output=True, text=True, timeout=300)
    if check and out.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({out.returncode}): {out.stdout}{out.stderr}")
    return out


def installed():
    out = run("dpkg-query", "-W", "-f=${Status}", PACKAGE, check=False)
    return out.returncode == 0 and "installed" in out.stdout.split()


class DebianPackage(unittest.TestCase):
    def test_build_install_verify_purge(self):
        # Never purge an operator's real installation.
        self.assertFalse(installed(), f"{PACKAGE} is already installed here; this test installs and purges it")
        build_dir = os.environ["DSE_BUILD_DIR"]
        with tempfile.TemporaryDirectory(prefix="dse-deb-") as out_dir:
            run("cpack", "--config", os.path.join(build_dir, "CPackConfig.cmake"), "-B", out_dir)
            [deb] = glob.glob(os.path.join(out_dir, "*.deb"))
            run("dpkg", "-i", deb)
        try:
            version = run("/usr/bin/docker-seccomp-exporter", "--version").stdout
            self.assertRegex(version, r"^docker-seccomp-exporter, version \d+\.\d+\.\d+ \(revision: \w+\)\n  compiler: ")
            verify = run("systemd-analyze", "verify", UNIT, check=False)
            self.assertEqual((verify.returncode, verify.stderr), (0, ""))
            self.assertEqual(run("getent", "passwd", PACKAGE).stdout.split(":")[6].strip(), "/usr/sbin/nologin")
            self.assertTrue(os.path.isfile("/etc/default/docker-seccomp-exporter"))
            self.assertTrue(os.path.isfile("/usr/share/docker-seccomp-exporter/prometheus/alerts.yml"))
            self.assertTrue(os.path.isfile("/usr/share/doc/docker-seccomp-exporter/runbooks.md"))
            self.assertTrue(os.path.isfile("/usr/share/doc/docker-seccomp-exporter/audit.md"))  # --help cites it
            self.assertTrue(os.path.isfile("/usr/share/docker-seccomp-exporter/systemd/seccomp-audit.conf"))
            self.assertTrue(os.path.isfile("/usr/share/docker-seccomp-exporter/grafana/docker-seccomp-exporter.json"))
            self.assertEqual(glob.glob("/etc/systemd/system/*/docker-seccomp-exporter.service"), [],
                             "the package must not enable the service")
        finally:
            run("dpkg", "--purge", PACKAGE)
        self.assertFalse(installed())
        self.assertNotEqual(run("getent", "passwd", PACKAGE, check=False).returncode, 0)
        self.assertFalse(os.path.exists("/etc/default/docker-seccomp-exporter"))


if __name__ == "__main__":
    unittest.main()
