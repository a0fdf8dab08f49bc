"""The engine is the oracle: every profile in profiles/runtime (seccomp flags, architectures, errno on actions
that return none, notify without a listener, containers/common's errno names) is created and started on
each stack, and what the engine then does (running with a filter, running without one, refused) is the
expectation. The exporter must agree twice: on the started container, and on a twin only created, whose
verdict is its reading of the profile alone (no State.Error to lean on).

Stacks: Docker 20.10 and 28.5 with Debian 12's runc 1.1.5, Docker 28.5 with sid's runc 1.3 (scripts/
modern-stack), Podman 5.8 with crun 1.28. Each class prints the engine's outcomes as a table row set."""
import os
import unittest

from harness import IMAGE, Exporter, PrivateDockerd, compliance_by_name, docker28_dockerd, kernel_modes, poll, series
from modern_stack import ModernStack

CASES_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "profiles", "runtime")
CASES = sorted(name[:-5] for name in os.listdir(CASES_DIR) if name.endswith(".json"))
# The verdict that says what the engine did; these profiles are all deny-lists, compliant when they filter.
VERDICT = {"refused": ("invalid_profile", 0.0), "filter": ("custom_profile", 1.0), "disabled": ("empty_profile", 0.0)}


def read(case):
    with open(os.path.join(CASES_DIR, case + ".json")) as f:
        return f.read()


class DockerOracle(unittest.TestCase):
    """Docker 20.10 with runc 1.1.5: moby 20.10 decodes no flags, defaultErrnoRet or errno, so runc sees none."""

    @classmethod
    def engine(cls):
        return PrivateDockerd()

    @classmethod
    def create(cls, name, case):
        """False when the engine refuses the profile at create already: no container, nothing to judge."""
        out = cls.stack.docker("create", "--name", name, "--security-opt",
                               f"seccomp={os.path.join(CASES_DIR, case + '.json')}", IMAGE, "sleep", "600", check=False)
        return bool(out)

    @classmethod
    def start(cls, name):
        cls.stack.docker("start", name, check=False)

    @classmethod
    def running(cls, name):
        return cls.stack.docker("inspect", "--format", "{{.State.Status}}", name, check=False) == "running"

    @classmethod
    def setUpClass(cls):
        cls.stack = cls.engine()
        try:
            cls.created = set()
            for case in CASES:
                if cls.create(case, case) and cls.create(case + "_created", case):
                    cls.created.add(case)
                    cls.start(case)
            cls.exporter = Exporter(cls.stack.url, *cls.exporter_args())
            cls.samples = poll(lambda: (lambda s: series(s, "docker_seccomp_docker_up") == [({}, 1.0)] and
                                        len(compliance_by_name(s)) >= 2 * len(cls.created) and s)(cls.exporter.metrics()),
                               timeout=60, what="every case judged")
        except BaseException:
            cls.stack.stop()
            raise

    @classmethod
    def exporter_args(cls):
        return ()

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "exporter"):
            cls.exporter.stop()
        cls.stack.stop()

    def outcomes(self):
        modes = kernel_modes(self.samples)
        return {case: "refused at create" if case not in self.created else modes.get(case, "unknown")
                if self.running(case) else "refused" for case in CASES}

    def test_the_exporter_agrees_with_the_engine_on_every_case(self):
        verdicts = compliance_by_name(self.samples)
        outcomes = self.outcomes()
        [(info, _)] = series(self.samples, "docker_seccomp_daemon_info")
        print(f"\n{type(self).__name__} ({info['version']}, {info['runtime']} {info['runtime_version']}): " +
              ", ".join(f"{case}={outcome}" for case, outcome in outcomes.items()))
        self.assertTrue(info["runtime"], info)  # the runtime is known on every stack here: no strictest reading
        for case, outcome in outcomes.items():
            if outcome == "refused at create":
                continue  # no container: nothing the exporter could call compliant
            with self.subTest(case=case, engine=outcome):
                self.assertIn(outcome, VERDICT)
                self.assertEqual(verdicts[case], VERDICT[outcome])
                self.assertEqual(verdicts[case + "_created"], VERDICT[outcome], "the profile's reading alone")


class Docker28Oracle(DockerOracle):
    """Docker 28.5 with runc 1.1.5: moby/profiles passes flags and defaultErrnoRet, which runc 1.1 refuses."""

    @classmethod
    def engine(cls):
        return PrivateDockerd(dockerd=docker28_dockerd())


class Docker28Runc13Oracle(DockerOracle):
    """Docker 28.5, containerd 2.1 and runc 1.3: flags it knows, RISCV64."""

    @classmethod
    def engine(cls):
        return ModernStack("docker")


class Podman5Oracle(DockerOracle):
    """Podman 5.8 and crun 1.28: containers/common's loader (errno names), crun's own refusals."""

    @classmethod
    def engine(cls):
        return ModernStack("podman", files={f"/profiles/{case}.json": read(case) for case in CASES})

    @classmethod
    def exporter_args(cls):
        return ("--host.root", cls.stack.root)

    @classmethod
    def create(cls, name, case):
        # Podman's CLI: the compat API takes a path, which Docker's CLI replaces by the file's text.
        return cls.stack.podman("create", "--network", "none", "--name", name, "--security-opt",
                                f"seccomp=/profiles/{case}.json", IMAGE, "sleep", "600", check=False).returncode == 0

    @classmethod
    def start(cls, name):
        cls.stack.podman("start", name, check=False)

    @classmethod
    def running(cls, name):
        out = cls.stack.podman("inspect", "--format", "{{.State.Status}}", name, check=False)
        return out.stdout.strip() == "running"


if __name__ == "__main__":
    unittest.main()
