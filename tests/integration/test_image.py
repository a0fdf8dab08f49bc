"""The container image: scripts/image builds it on a private dockerd (offline: its Debian base made by
mmdebstrap), and it runs exactly as the README's `docker run` says, against that same engine; and as the
README's compose file says, with Debian sid's Docker Compose 2.40 (scripts/compose) against Docker 28.5.

Two substitutions, both of the host and not of the exporter: the private engine's socket for
/var/run/docker.sock, and the host's network for --publish (the private dockerd has no bridge network,
--bridge=none), with a free loopback port.
"""
import json
import os
import re
import subprocess
import unittest
import urllib.request

from harness import (compliance_by_name, docker28_dockerd, free_port, kernel_modes, parse_metrics, poll,
                     PrivateDockerd, ROOT, run_script, series)

NAME = "docker-seccomp-exporter"


def readme_docker_run():
    """The README's `docker run` of the image, continuation lines joined."""
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    match = re.search(r"^docker run -d --name docker-seccomp-exporter .*?docker-seccomp-exporter:latest$",
                      readme, re.M | re.S)
    assert match, "the README has no `docker run` of the image"
    return match.group(0).replace("\\\n", " ")


def readme_compose_file():
    """The README's compose file (the yaml block of the image's service)."""
    with open(os.path.join(ROOT, "README.md")) as f:
        readme = f.read()
    match = re.search(r"^```yaml\n(services:\n  docker-seccomp-exporter:\n.*?)^```$", readme, re.M | re.S)
    assert match, "the README has no compose file for the image"
    return match.group(1)


def scrape_until_up(port, logs):
    def scrape():
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
                samples = parse_metrics(response.read().decode())
        except OSError:
            return None
        return series(samples, "docker_seccomp_docker_up") == [({}, 1.0)] and samples
    return poll(scrape, timeout=30, what=f"the exporter's container to serve; its log: {logs()}")


class ContainerImage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dockerd = PrivateDockerd()
        try:
            out = subprocess.run([os.path.join(ROOT, "scripts", "image")], capture_output=True, text=True,
                                 timeout=1500, env=dict(os.environ, DOCKER_HOST=cls.dockerd.url))
            if out.returncode != 0:
                raise AssertionError(f"scripts/image failed: {out.stdout[-3000:]}{out.stderr[-3000:]}")
        except BaseException:
            cls.dockerd.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        cls.dockerd.stop()

    def test_image_is_small_non_root_and_has_no_shell(self):
        [image] = json.loads(self.dockerd.docker("image", "inspect", "docker-seccomp-exporter:latest"))
        self.assertLessEqual(image["Size"], 50 * 1024 * 1024)
        self.assertEqual(image["Config"]["User"], "10521:10521")
        self.assertIn("10521/tcp", image["Config"]["ExposedPorts"])
        version = self.dockerd.docker("run", "--rm", "--network", "none", "docker-seccomp-exporter:latest", "--version")
        self.assertRegex(version, r"^docker-seccomp-exporter, version \d+\.\d+\.\d+ \(revision: [0-9a-f]{12}\)")
        tagged = self.dockerd.docker("image", "ls", "--format", "{{.Repository}}:{{.Tag}}", NAME)
        self.assertIn(f"{NAME}:{version.split()[2]}", tagged.split())
        shell = subprocess.run(["/usr/bin/docker", "-H", self.dockerd.url, "run", "--rm", "--network", "none",
                                "--entrypoint", "/bin/sh", "docker-seccomp-exporter:latest", "-c", "true"],
                               capture_output=True, text=True, timeout=60)
        self.assertNotEqual(shell.returncode, 0)
        self.assertIn("no such file or directory", shell.stderr.lower(), "no shell in the image")

    def test_runs_as_the_readme_says_and_judges_itself_compliant(self):
        d = self.dockerd
        d.create("app")
        d.create("loose", "--security-opt", "seccomp=unconfined")
        d.create("runner")
        d.docker("start", "runner")
        port = free_port()
        command = (readme_docker_run()
                   .replace("docker run ", f"/usr/bin/docker -H {d.url} run ", 1)
                   .replace("/var/run/docker.sock:/var/run/docker.sock", f"{d.socket}:/var/run/docker.sock")
                   .replace("stat -c %g /var/run/docker.sock", f"stat -c %g {d.socket}")
                   .replace("--publish 10521:10521", "--network host")
                   + f" --web.listen-address=127.0.0.1:{port}")
        subprocess.run(["bash", "-c", command], check=True, capture_output=True, timeout=60)

        samples = scrape_until_up(port, lambda: d.docker("logs", NAME, check=False))
        verdicts = compliance_by_name(samples)
        self.assertEqual(verdicts, {"app": ("default_profile", 1.0), "loose": ("unconfined", 0.0),
                                    "runner": ("default_profile", 1.0), NAME: ("default_profile", 1.0)})
        modes = kernel_modes(samples)
        self.assertEqual(modes, {"runner": "filter", NAME: "filter"}, "--pid host: the kernel's word, read")
        self.assertTrue(json.loads(d.docker("inspect", "--format", "{{json .State}}", NAME))["Running"])

    def test_compose_as_the_readme_says_on_docker_28(self):
        """The same image, moved to Docker 28.5 (save, load), started by `docker compose up` from the README's
        file; the host's network for `ports` and the private socket for /var/run/docker.sock, as above."""
        compose = run_script("compose")
        d28 = PrivateDockerd(dockerd=docker28_dockerd())
        self.addCleanup(d28.stop)
        saved = subprocess.run(["/usr/bin/docker", "-H", self.dockerd.url, "save", "docker-seccomp-exporter:latest"],
                               capture_output=True, timeout=300, check=True).stdout
        subprocess.run(["/usr/bin/docker", "-H", d28.url, "load"], input=saved, capture_output=True, timeout=300,
                       check=True)
        d28.docker("start", d28.create("runner"))
        port = free_port()
        project = os.path.join(d28.dir, "project")
        os.makedirs(project)
        yaml = (readme_compose_file()
                .replace("/var/run/docker.sock:/var/run/docker.sock", f"{d28.socket}:/var/run/docker.sock")
                .replace('ports: ["10521:10521"]', 'network_mode: host')
                .replace("    image: docker-seccomp-exporter:latest\n",
                         "    image: docker-seccomp-exporter:latest\n"
                         f'    command: ["--web.listen-address=127.0.0.1:{port}"]\n'))
        with open(os.path.join(project, "compose.yaml"), "w") as f:
            f.write(yaml)
        env = dict(os.environ, DOCKER_HOST=d28.url, DOCKER_GID=str(os.stat(d28.socket).st_gid))
        up = subprocess.run([compose, "-p", "dse", "up", "-d"], cwd=project, env=env, capture_output=True, text=True,
                            timeout=120)
        self.assertEqual(up.returncode, 0, up.stderr)
        self.addCleanup(subprocess.run, [compose, "-p", "dse", "down", "-t", "0"], cwd=project, env=env,
                        capture_output=True, timeout=120)
        name = "dse-docker-seccomp-exporter-1"
        samples = scrape_until_up(port, lambda: d28.docker("logs", name, check=False))
        self.assertEqual(compliance_by_name(samples), {"runner": ("default_profile", 1.0), name: ("default_profile", 1.0)})
        self.assertEqual(kernel_modes(samples), {"runner": "filter", name: "filter"})
        [(info, _)] = series(samples, "docker_seccomp_daemon_info")
        self.assertTrue(info["version"].startswith("28.5"), info)


if __name__ == "__main__":
    unittest.main()
