"""A new user's first steps on a new Debian 12 machine: a minbase root with only git, a clone of this
repository, README "Building by hand" run exactly as written, then the README's installer
(scripts/install-deps, which both README commands run first) installs every tool the suite runs.

It is the check that a machine set up by hand cannot give: a tool installed there once hides a missing
install step until the next new CI machine refuses every submission."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from harness import ROOT
from machine import COPY_APT_CONF, LANDLOCK_ALLOWED, run

# The .debs apt downloads inside, kept between runs (a new machine downloads them once).
DEB_CACHE = "/var/cache/docker-seccomp-exporter/fresh-machine-debs"
CLONE = "/root/docker-seccomp-exporter"
# Packages do not start their services in this root: nothing runs there as PID 1 to stop them.
NO_SERVICES = "printf '#!/bin/sh\\nexit 101\\n' > \"$1/usr/sbin/policy-rc.d\" && chmod +x \"$1/usr/sbin/policy-rc.d\""
# What the suite runs besides the exporter and what it builds (tests/integration, scripts/, CMake's tests).
SUITE_TOOLS = [
    "bash", "python3", "curl", "git",                                       # harness, demo
    "docker", "dockerd", "containerd", "runc", "busybox",                   # private engines and their image
    "podman", "conmon",                                                     # Podman's engine (runc: above)
    "prometheus", "promtool", "prometheus-alertmanager", "chromium",        # end to end, the status page
    "go", "apt-get", "dpkg-deb",                                            # moby's reference, Docker 26.1
    "mmdebstrap", "systemd-nspawn", "systemd-analyze", "nsenter", "unshare",  # machines, the modern stack
    "openssl", "cpack", "ctest", "dpkg-shlibdeps", "file", "adduser",       # certificates, the .deb
]


def readme_build_steps():
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    section = readme[readme.index("## Building by hand"):]
    section = section[:section.index("\n## ", 1)]
    return re.search(r"```sh\n(.*?)```", section, re.S).group(1)


class FreshMachine(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        os.makedirs(DEB_CACHE, exist_ok=True)
        cls.root = tempfile.mkdtemp(prefix="dse-fresh-", dir="/var/tmp")
        try:
            run("mmdebstrap", "--quiet", "--variant=minbase", "--include=git", f"--customize-hook={COPY_APT_CONF}",
                f"--customize-hook={NO_SERVICES}", "bookworm", cls.root, timeout=900)
            # A clone as a new user makes it, with this work tree's changes on top (none in CI's clean clone).
            run("git", "clone", "--quiet", ROOT, cls.root + CLONE, timeout=120)
            tracked = run("git", "-C", ROOT, "ls-files", "-z", "--cached", "--others", "--exclude-standard").stdout.split("\0")
            for path in filter(None, tracked):
                source = os.path.join(ROOT, path)
                if os.path.isfile(source) and not os.path.islink(source):
                    target = os.path.join(cls.root + CLONE, path)
                    os.makedirs(os.path.dirname(target), exist_ok=True)
                    shutil.copy2(source, target)
        except BaseException:
            shutil.rmtree(cls.root, ignore_errors=True)
            raise

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.root, ignore_errors=True)

    def inside(self, script, timeout):
        """A shell script in the root, from the clone, as root; not booted (no service starts)."""
        out = subprocess.run(
            ["systemd-nspawn", "--quiet", "-D", self.root, "--register=no", "--keep-unit", "--as-pid2",
             "--console=pipe", LANDLOCK_ALLOWED, f"--bind={DEB_CACHE}:/var/cache/apt/archives", f"--chdir={CLONE}",
             # One core for the build: the suite's other tests run beside it on the other (ctest --parallel 2).
             "--setenv=DEBIAN_FRONTEND=noninteractive", "--setenv=CMAKE_BUILD_PARALLEL_LEVEL=1", "/bin/bash", "-euo", "pipefail", "-c", script],
            capture_output=True, text=True, timeout=timeout, stdin=subprocess.DEVNULL)
        self.assertEqual(out.returncode, 0, f"{script}\nfailed:\n{out.stdout[-3000:]}\n{out.stderr[-3000:]}")
        return out.stdout

    def test_1_building_by_hand_needs_exactly_the_listed_packages(self):
        steps = readme_build_steps()
        listed = re.search(r"apt-get install -y --no-install-recommends ([^\n]+)", steps).group(1).split()
        build_list = run(os.path.join(ROOT, "scripts", "install-deps"), "--build", "--list").stdout.split()
        self.assertEqual(listed, build_list, "README and scripts/install-deps --build list the same packages")
        self.inside(steps, timeout=2400)
        self.assertIn("docker-seccomp-exporter", self.inside("build/daemon/docker-seccomp-exporter --version", 60))
        self.inside("build/tests/unit_tests --reporter compact > /dev/null", timeout=600)

    def test_2_install_deps_installs_every_tool_the_suite_runs(self):
        self.inside("scripts/install-deps", timeout=1800)
        missing = self.inside(
            "for t in " + " ".join(SUITE_TOOLS) + "; do command -v \"$t\" > /dev/null || echo \"$t\"; done",
            timeout=60).split()
        self.assertEqual(missing, [], "tools the suite runs that scripts/install-deps left out")
        # The tools work, not only exist: Go builds the profile decoder's reference against moby's source.
        reference = self.inside("scripts/moby-reference", timeout=900).strip()
        self.assertTrue(reference.startswith("/var/cache/docker-seccomp-exporter/moby-reference/"), reference)
        for version in ("dockerd --version", "podman --version", "prometheus --version", "chromium --version"):
            self.inside(version + " > /dev/null", timeout=120)


if __name__ == "__main__":
    unittest.main()
