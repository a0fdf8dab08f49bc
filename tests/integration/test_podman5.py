"""Podman 5 with crun (Debian sid's, scripts/modern-stack), as Podman decides: every case created *and
started*, the engine's outcome (running with a filter, running without one, refused) the expectation.
Containers start here, which they cannot under Debian 12's Podman 4.3 on these machines."""
import os
import unittest

from harness import Exporter, compliance_by_name, default_profile_path, kernel_modes, poll, series
from modern_stack import ModernStack, stack_versions

PROFILES = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profiles")
DENY_MKDIR = '{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO"}]}'
# mkdir and iopl refused only without CAP_NET_RAW, which Docker's default set has and Podman's has not
DENY_MKDIR_UNLESS_NET_RAW = ('{"defaultAction": "SCMP_ACT_ALLOW", "syscalls": [{"names": ["mkdir", "mkdirat", '
                             '"iopl"], "action": "SCMP_ACT_ERRNO", "excludes": {"caps": ["CAP_NET_RAW"]}}]}')


def read(path):
    with open(path) as f:
        return f.read()


def scanned(exporter):
    return poll(lambda: (lambda s: series(s, "docker_seccomp_docker_up") == [({}, 1.0)] and s)(exporter.metrics()),
                timeout=60, what="a scan of Podman")


# The engine's word on a filter that refuses mkdir, from the container's own first command: `podman exec`
# in this stack's namespace does not enter the container's root (it saw the host's /), so nothing is asked
# through it. The image has busybox but no mkdir link.
PROBE_MKDIR = ("sh", "-c", "busybox mkdir /probe 2>&1 && echo mkdir-made; exec sleep 600")


def mkdir_refused(stack, container):
    """True when the container's mkdir failed with EPERM, False when it made the directory."""
    logs = poll(lambda: (lambda out: ("mkdir-made" in out or "mkdir:" in out) and out)(
        stack.podman("logs", container).stdout), timeout=30, what=f"{container}'s mkdir")
    if "mkdir-made" in logs:
        return False
    if "Operation not permitted" not in logs:
        raise AssertionError(f"mkdir in {container} failed otherwise: {logs}")
    return True


def by_name(samples, metric):
    return {labels["name"]: value for labels, value in series(samples, metric)}


class Podman5(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        # Docker 28.5's default as a custom file: a filter Podman's own default is measured against.
        files = {"/profiles/moby.json": read(default_profile_path()),
                 "/profiles/allowlist.json": read(os.path.join(PROFILES, "allowlist.json")),
                 "/profiles/unless_net_raw.json": DENY_MKDIR_UNLESS_NET_RAW}
        cls.stack = ModernStack("podman", files=files)
        try:
            p = cls.stack
            p.podman("run", "-d", "--network", "none", "--name", "plain", "dse-busybox:latest", "sleep", "600")
            for name, options in [
                    ("unconf", ["--security-opt", "seccomp=unconfined"]),
                    ("priv", ["--privileged"]),
                    ("custom", ["--security-opt", "seccomp=/profiles/moby.json"]),
                    ("priv_custom", ["--privileged", "--security-opt", "seccomp=/profiles/moby.json"]),
                    ("priv_default_file", ["--privileged", "--security-opt", "seccomp=/usr/share/containers/seccomp.json"]),
                    ("caps_default", ["--security-opt", "seccomp=/profiles/unless_net_raw.json"]),
                    ("caps_net_raw", ["--cap-add", "NET_RAW", "--security-opt", "seccomp=/profiles/unless_net_raw.json"])]:
                command = PROBE_MKDIR if name.startswith("caps_") else ("sleep", "600")
                p.podman("run", "-d", "--network", "none", "--name", name, *options, "dse-busybox:latest", *command)
            # Opened against the client's working directory: Podman records only "moby.json".
            p.podman("run", "-d", "--network", "none", "--name", "relative", "--security-opt", "seccomp=moby.json",
                     "dse-busybox:latest", "sleep", "600", cwd="/profiles")
            # crun installs the filter before setresgid: this allow-list never lets the container start.
            refused = p.podman("run", "-d", "--network", "none", "--name", "strict", "--security-opt",
                               "seccomp=/profiles/allowlist.json", "dse-busybox:latest", "sleep", "600", check=False)
            cls.strict_refusal = refused.stderr
            cls.mkdir = {name: mkdir_refused(p, name) for name in ("caps_default", "caps_net_raw")}
            cls.exporter = Exporter(p.url, "--host.root", p.root)
            cls.samples = scanned(cls.exporter)
        except BaseException:
            cls.stack.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "exporter"):
            cls.exporter.stop()
        cls.stack.stop()

    def test_the_stack_is_podman_5_with_crun(self):
        versions = stack_versions()
        self.assertTrue(versions["podman"].startswith("5."), versions)
        self.assertIn("crun", versions)

    def test_every_verdict_agrees_with_what_the_engine_did(self):
        self.assertEqual(compliance_by_name(self.samples), {
            "plain": ("default_profile", 1.0), "unconf": ("unconfined", 0.0), "priv": ("privileged", 0.0),
            "custom": ("custom_profile", 1.0), "priv_custom": ("custom_profile", 1.0),
            "priv_default_file": ("privileged", 0.0), "relative": ("custom_profile", 1.0),
            "strict": ("invalid_profile", 0.0), "caps_default": ("custom_profile", 1.0),
            "caps_net_raw": ("custom_profile", 1.0)})
        self.assertEqual(kernel_modes(self.samples), {
            "plain": "filter", "unconf": "disabled", "priv": "disabled", "custom": "filter", "priv_custom": "filter",
            "priv_default_file": "disabled", "relative": "filter", "caps_default": "filter", "caps_net_raw": "filter"})

    def test_capabilities_are_podmans_default_set(self):
        # The engine's word: without CAP_NET_RAW (Podman's default) the rule applies and mkdir is refused;
        # with it, the profile refuses nothing. The exporter's: iopl (which Podman's default refuses without
        # CAP_SYS_RAWIO) is risky only where the rule does not apply; read with Docker's 14 both would count it.
        self.assertEqual(self.mkdir, {"caps_default": True, "caps_net_raw": False})
        risky = by_name(self.samples, "docker_seccomp_container_profile_risky_syscalls")
        self.assertEqual(risky["caps_net_raw"], risky["caps_default"] + 1)

    def test_a_profile_crun_refuses_is_invalid_with_the_runtimes_words(self):
        self.assertIn("setresgid", self.strict_refusal)
        state = self.stack.docker("inspect", "--format", "{{.State.Status}}", "strict")
        self.assertEqual(state, "created")
        _, _, page = self.exporter.get("/")
        self.assertIn("refused by the runtime: crun: setresgid", page)

    def test_risky_is_measured_against_podmans_own_default(self):
        risky = by_name(self.samples, "docker_seccomp_container_profile_risky_syscalls")
        # Docker 28.5's default allows what containers-common's refuses (cachestat, futex_wait, ...): read from
        # the root's /usr/share/containers/seccomp.json, not the Docker default compiled in.
        self.assertGreater(risky["custom"], 0)
        self.assertGreater(risky["priv_custom"], 0)

    def test_a_relative_path_is_unknown_and_counted(self):
        self.assertNotIn("relative", by_name(self.samples, "docker_seccomp_container_profile_risky_syscalls"))
        self.assertEqual(series(self.samples, "docker_seccomp_profile_file_read_errors_total"), [({}, 1.0)])


class Podman5Defaults(unittest.TestCase):
    """What 'default' means on a Podman host: the admin's /etc/containers/seccomp.json replaces the package's
    file, and containers.conf's custom seccomp_profile applies to privileged containers too."""

    def judge(self, files):
        stack = ModernStack("podman", files=files)
        self.addCleanup(stack.stop)
        for name, flags in [("plain", []), ("priv", ["--privileged"])]:
            stack.podman("run", "-d", "--network", "none", "--name", name, *flags, "dse-busybox:latest", *PROBE_MKDIR)
        # The engine's own outcome: the filter refuses mkdir, or there is none.
        mkdir = mkdir_refused(stack, "plain")
        exporter = Exporter(stack.url, "--host.root", stack.root, "--compliance.weak-profile-noncompliant")
        self.addCleanup(exporter.stop)
        samples = scanned(exporter)
        [(info, _)] = series(samples, "docker_seccomp_daemon_info")
        return compliance_by_name(samples), kernel_modes(samples), info["profile"], mkdir

    def test_the_admins_override_file_replaces_the_default(self):
        verdicts, modes, profile, mkdir = self.judge({"/etc/containers/seccomp.json": DENY_MKDIR})
        self.assertTrue(mkdir)  # the override applies
        self.assertEqual(profile, "/etc/containers/seccomp.json")
        self.assertEqual(verdicts, {"plain": ("weak_profile", 0.0), "priv": ("privileged", 0.0)})
        self.assertEqual(modes, {"plain": "filter", "priv": "disabled"})

    def test_containers_conf_custom_profile_filters_privileged_containers(self):
        conf = '[containers]\nseccomp_profile = "/profiles/deny_mkdir.json"\n'
        verdicts, modes, profile, mkdir = self.judge({"/profiles/deny_mkdir.json": DENY_MKDIR,
                                                      "/etc/containers/containers.conf.d/50-seccomp.conf": conf})
        self.assertTrue(mkdir)
        self.assertEqual(profile, "/profiles/deny_mkdir.json")
        self.assertEqual(verdicts, {"plain": ("weak_profile", 0.0), "priv": ("weak_profile", 0.0)})
        self.assertEqual(modes, {"plain": "filter", "priv": "filter"})

    def test_roots_own_containers_conf_is_read_last(self):
        # root's file (the service has no HOME: its home from passwd) over the admin's drop-in
        admin = '[containers]\nseccomp_profile = "/usr/share/containers/seccomp.json"\n'
        root = '[containers]\nseccomp_profile = "/profiles/deny_mkdir.json"\n'
        verdicts, modes, profile, mkdir = self.judge({"/profiles/deny_mkdir.json": DENY_MKDIR,
                                                      "/etc/containers/containers.conf.d/50-seccomp.conf": admin,
                                                      "/root/.config/containers/containers.conf": root})
        self.assertTrue(mkdir)
        self.assertEqual(profile, "/profiles/deny_mkdir.json")
        self.assertEqual(verdicts, {"plain": ("weak_profile", 0.0), "priv": ("weak_profile", 0.0)})
        self.assertEqual(modes, {"plain": "filter", "priv": "filter"})


if __name__ == "__main__":
    unittest.main()
