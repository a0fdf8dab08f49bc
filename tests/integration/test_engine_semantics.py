"""Verdicts exactly as the engine decides them, live on Docker 20.10 (Debian 12), Docker 26.1 (Debian 13's,
scripts/docker26) and Docker 28.5 (sid's, scripts/docker28; privileged containers start there): profiles
decoded as dockerd decodes them (encoding/json), a profile it installs no filter for, one it refuses, its own
default profile, seccomp=builtin and seccomp= per container, (26.1) the daemon-wide --seccomp-profile=unconfined
and =builtin, and (28.5) privileged containers running with and without a profile of their own. Each verdict
is checked against what the engine then does: the kernel's filter mode, or a refused start."""
import os
import shutil
import signal
import tempfile
import unittest

from harness import (Exporter, PrivateDockerd, compliance_by_name, default_profile_path, docker26_dockerd,
                     docker28_dockerd, kernel_modes, moby2010_default_profile_path, poll, series)
from modern_stack import ModernStack, stack_versions

HERE = os.path.dirname(os.path.abspath(__file__))
MOBY_DEFAULT = default_profile_path()  # Docker 28.5's, the baseline compiled in
MOBY_2010_DEFAULT = moby2010_default_profile_path()  # allows io_uring, which Docker's default refuses from 25


def profile(name):
    return os.path.join(HERE, "profiles", name)


class Docker20(unittest.TestCase):
    knows_builtin = False  # "builtin" names the default profile from Docker 23
    # moby/profiles (Docker >= 23): refuses 'name' with 'names' in any rule, type-checks LinuxSeccomp's fields
    names_checked_first = False

    @classmethod
    def engine(cls):
        return PrivateDockerd()

    @classmethod
    def more_containers(cls, d):
        """What only some engines can show, created before the exporter starts."""

    @classmethod
    def setUpClass(cls):
        cls.dockerd = cls.engine()
        try:
            d = cls.dockerd
            d.create("stock_default", "--security-opt", f"seccomp={MOBY_DEFAULT}")
            d.create("empty", "--security-opt", f"seccomp={profile('empty.json')}")
            d.create("both_names", "--security-opt", f"seccomp={profile('name_and_names.json')}")
            d.create("odd_case", "--security-opt", f"seccomp={profile('odd_case.json')}")
            d.create("names_unused", "--security-opt", f"seccomp={profile('name_and_names_not_applying.json')}")
            d.create("old_default", "--security-opt", f"seccomp={MOBY_2010_DEFAULT}")
            d.create("arg_no_op", "--security-opt", f"seccomp={profile('arg_without_op.json')}")
            d.create("errno_ret_string", "--security-opt", f"seccomp={profile('default_errno_ret_string.json')}")
            for name, option in [("builtin_20", "seccomp=builtin"), ("empty_value", "seccomp=")]:  # the API, as the CLI refuses them
                d.api("POST", f"/containers/create?name={name}",
                      {"Image": "dse-busybox:latest", "Cmd": ["sleep", "600"], "HostConfig": {"SecurityOpt": [option]}})
                d.docker("start", name, check=False)
            d.create("unconf", "--security-opt", "seccomp=unconfined")
            d.create("priv", "--privileged")
            d.docker("start", "empty")
            d.docker("start", "odd_case")
            d.docker("start", "both_names", check=False)  # refused: the test below sees it still created
            d.docker("start", "names_unused", check=not cls.names_checked_first)
            d.docker("start", "old_default")
            d.docker("start", "arg_no_op", check=False)  # refused by runc: the test below sees it still created
            d.docker("start", "errno_ret_string", check=not cls.names_checked_first)
            cls.more_containers(d)
            cls.exporter = Exporter(d.url, "--compliance.weak-profile-noncompliant")
            poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="a scan")
        except BaseException:
            cls.dockerd.stop()
            raise

    @classmethod
    def tearDownClass(cls):
        if hasattr(cls, "exporter"):
            cls.exporter.stop()
        cls.dockerd.stop()

    def modes(self):
        return kernel_modes(self.exporter.metrics())

    def test_unconfined_and_privileged(self):
        verdicts = compliance_by_name(self.exporter.metrics())
        self.assertEqual((verdicts["unconf"], verdicts["priv"]), (("unconfined", 0.0), ("privileged", 0.0)))

    def test_dockers_own_default_profile_as_a_custom_one_is_strong(self):
        samples = self.exporter.metrics()
        self.assertEqual(compliance_by_name(samples)["stock_default"], ("custom_profile", 1.0))
        self.assertEqual(series(samples, "docker_seccomp_container_profile_risky_syscalls", name="stock_default")[0][1], 0)
        # Names newer than Debian 12's libseccomp 2.5.4 (mseal, listmount, ...): skipped as runc skips them, counted.
        unknown = series(samples, "docker_seccomp_container_profile_unknown_syscalls", name="stock_default")[0][1]
        self.assertGreater(unknown, 0)

    def test_docker_20_10s_default_is_weak_against_the_newest_default_it_reopens_io_uring(self):
        samples = self.exporter.metrics()
        self.assertEqual((compliance_by_name(samples)["old_default"], self.modes()["old_default"]),
                         (("weak_profile", 0.0), "filter"))
        self.assertEqual(series(samples, "docker_seccomp_container_profile_risky_syscalls", name="old_default")[0][1], 3)

    def test_an_argument_without_an_operator_is_refused_by_runc(self):
        state = self.dockerd.docker("inspect", "--format", "{{.State.Status}}", "arg_no_op")
        self.assertEqual((compliance_by_name(self.exporter.metrics())["arg_no_op"], state), (("invalid_profile", 0.0), "created"))

    def test_default_errno_ret_of_the_wrong_type(self):
        state = self.dockerd.docker("inspect", "--format", "{{.State.Status}}", "errno_ret_string")
        verdict = compliance_by_name(self.exporter.metrics())["errno_ret_string"]
        if self.names_checked_first:  # moby/profiles type-checks runtime-spec's LinuxSeccomp fields
            self.assertEqual((verdict, state), (("invalid_profile", 0.0), "created"))
        else:  # 20.10 has no such field: a deny-list filter
            self.assertEqual((verdict, state, self.modes()["errno_ret_string"]), (("weak_profile", 0.0), "running", "filter"))

    def test_a_profile_with_no_default_action_and_no_rule_installs_no_filter(self):
        self.assertEqual(compliance_by_name(self.exporter.metrics())["empty"], ("empty_profile", 0.0))
        self.assertEqual(self.modes()["empty"], "disabled", "dockerd started it unfiltered, as the verdict says")

    def test_a_profile_dockerd_refuses_is_invalid_and_the_container_cannot_start(self):
        self.assertEqual(compliance_by_name(self.exporter.metrics())["both_names"], ("invalid_profile", 0.0))
        state = self.dockerd.docker("inspect", "--format", "{{.State.Status}}", "both_names")
        self.assertEqual(state, "created")

    def test_name_and_names_in_a_rule_that_does_not_apply(self):
        state = self.dockerd.docker("inspect", "--format", "{{.State.Status}}", "names_unused")
        verdict = compliance_by_name(self.exporter.metrics())["names_unused"]
        if self.names_checked_first:
            self.assertEqual((verdict, state), (("invalid_profile", 0.0), "created"))
        else:  # 20.10 skips the rule (it needs CAP_SYS_ADMIN) and installs the allow-by-default filter
            self.assertEqual((verdict, state, self.modes()["names_unused"]), (("weak_profile", 0.0), "running", "filter"))

    def test_builtin_per_container_and_an_empty_value_is_the_daemons_default(self):
        verdicts = compliance_by_name(self.exporter.metrics())
        state = self.dockerd.docker("inspect", "--format", "{{.State.Status}}", "builtin_20")
        if self.knows_builtin:
            self.assertEqual((verdicts["builtin_20"], state, self.modes()["builtin_20"]),
                             (("default_profile", 1.0), "running", "filter"))
        else:  # 20.10 decodes "builtin" as profile JSON and refuses to start
            self.assertEqual((verdicts["builtin_20"], state), (("invalid_profile", 0.0), "created"))
        self.assertEqual(verdicts["empty_value"], ("default_profile", 1.0))
        self.assertEqual(self.modes()["empty_value"], "filter")

    def test_a_paused_container_keeps_its_kernel_evidence(self):
        d = self.dockerd
        d.docker("start", d.create("pausing"))
        poll(lambda: self.modes().get("pausing") == "filter", what="the running container's filter")
        d.docker("pause", "pausing")  # the pause event: inspected again, state paused, the filter still read
        state = lambda: self.dockerd.docker("inspect", "--format", "{{.State.Status}}", "pausing")  # noqa: E731
        self.assertEqual(state(), "paused")
        row = lambda: next(line for line in self.exporter.get("/")[2].splitlines() if ">pausing<" in line)  # noqa: E731
        poll(lambda: "<td>paused</td>" in row(), what=f"the status page to show it paused: {row()}")
        self.assertEqual(self.modes().get("pausing"), "filter")
        d.docker("unpause", "pausing")
        self.assertEqual(self.modes().get("pausing"), "filter")

    def test_keys_match_as_encoding_json_matches_them_and_the_last_duplicate_wins(self):
        # DEFAULTACTION and SYSCALLS are dockerd's defaultAction and syscalls: a deny-list filter (SCMP_ACT_LOG,
        # the later duplicate), which the kernel shows and the weak-profile policy refuses.
        samples = self.exporter.metrics()
        self.assertEqual(compliance_by_name(samples)["odd_case"], ("weak_profile", 0.0))
        [(labels, _)] = series(samples, "docker_seccomp_container_profile_default_action", name="odd_case")
        self.assertEqual(labels["action"], "SCMP_ACT_LOG")
        self.assertEqual(self.modes()["odd_case"], "filter")


class DaemonProfileLifecycle(unittest.TestCase):
    """dockerd reads its --seccomp-profile file once, at start: a changed file counts only after a restart."""

    def test_the_file_counts_as_the_engine_read_it(self):
        directory = tempfile.mkdtemp(prefix="dse-profile-")
        self.addCleanup(shutil.rmtree, directory)
        path = os.path.join(directory, "daemon.json")
        shutil.copy(MOBY_DEFAULT, path)  # a profile containers start under
        dockerd = PrivateDockerd(extra_args=f"--seccomp-profile={path}")
        self.addCleanup(dockerd.stop)
        dockerd.create("inherits")
        exporter = Exporter(dockerd.url)
        self.addCleanup(exporter.stop)
        verdict = lambda: compliance_by_name(exporter.metrics()).get("inherits")  # noqa: E731
        poll(lambda: verdict() == ("custom_profile", 1.0), what="the daemon's file judged")

        with open(path, "w") as f:
            f.write("{}")  # no filter at all, once an engine loads it
        reads = exporter.logs().count("Docker's default seccomp profile")
        os.kill(dockerd.daemon_pid(), signal.SIGHUP)  # dockerd reloads its configuration, not this file
        poll(lambda: exporter.logs().count("Docker's default seccomp profile") > reads, what="/info read again")
        self.assertEqual(verdict(), ("custom_profile", 1.0))
        dockerd.docker("start", dockerd.create("after_reload"))
        poll(lambda: kernel_modes(exporter.metrics()).get("after_reload") == "filter",
             what="the engine still filtering with the file it read at start")

        dockerd.kill_daemon(signal.SIGKILL)  # a restart: now dockerd reads the changed file, and so do we
        dockerd.resume_daemon()
        poll(lambda: verdict() == ("empty_profile", 0.0), timeout=60, what="the restarted engine's profile")
        dockerd.docker("start", dockerd.create("after_restart"))
        poll(lambda: kernel_modes(exporter.metrics()).get("after_restart") == "disabled",
             what="the restarted engine starting containers unfiltered")


class Docker26(Docker20):
    knows_builtin = True
    names_checked_first = True

    @classmethod
    def engine(cls):
        return PrivateDockerd(dockerd=docker26_dockerd())


class Docker28(Docker26):
    """Privileged containers start here on 28 (they cannot on 20.10): the engine shows what each verdict means."""

    @classmethod
    def engine(cls):
        return PrivateDockerd(dockerd=docker28_dockerd())

    @classmethod
    def more_containers(cls, d):
        d.docker("start", d.create("priv_running", "--privileged"))
        d.docker("start", d.create("priv_custom", "--privileged", "--security-opt", f"seccomp={MOBY_DEFAULT}"))
        d.api("POST", "/containers/create?name=priv_builtin",
              {"Image": "dse-busybox:latest", "Cmd": ["sleep", "600"],
               "HostConfig": {"Privileged": True, "SecurityOpt": ["seccomp=builtin"]}})
        d.docker("start", "priv_builtin", check=False)  # refused: "Decoding seccomp profile failed"

    def test_privileged_containers_as_the_kernel_shows_them(self):
        verdicts, modes = compliance_by_name(self.exporter.metrics()), self.modes()
        self.assertEqual((verdicts["priv_running"], modes["priv_running"]), (("privileged", 0.0), "disabled"))
        # Docker >= 27 applies a privileged container's own custom profile (moby daemon/seccomp_linux.go).
        self.assertEqual((verdicts["priv_custom"], modes["priv_custom"]), (("custom_profile", 1.0), "filter"))

    def test_privileged_with_builtin_cannot_start_and_is_invalid(self):
        # A privileged container's option goes straight to LoadProfile, which decodes "builtin" as JSON.
        state = self.dockerd.docker("inspect", "--format", "{{.State.Status}}", "priv_builtin")
        self.assertEqual(state, "created")
        self.assertEqual(compliance_by_name(self.exporter.metrics())["priv_builtin"], ("invalid_profile", 0.0))


class Docker28Runc13(Docker28):
    """Docker 28.5 as Debian sid runs it, with containerd 2.1 and runc 1.3 (scripts/modern-stack): every case above
    again, the runtime's refusals (State.Error) included."""

    @classmethod
    def engine(cls):
        return ModernStack("docker")

    def test_the_stack_is_the_one_users_run_now(self):
        versions = stack_versions()
        self.assertTrue(versions["docker.io"].startswith("28."), versions)
        self.assertTrue(versions["runc"].startswith("1.3."), versions)
        self.assertTrue(versions["containerd"].startswith("2."), versions)


class Docker26DaemonProfiles(unittest.TestCase):
    """What 20.10 cannot do: --seccomp-profile=unconfined and =builtin at the daemon (moby v23.0.0)."""

    def judge(self, daemon_profile):
        dockerd = PrivateDockerd(extra_args=f"--seccomp-profile={daemon_profile}", dockerd=docker26_dockerd())
        try:
            dockerd.docker("start", dockerd.create("plain"))
            dockerd.api("POST", "/containers/create?name=own_builtin",
                        {"Image": "dse-busybox:latest", "Cmd": ["sleep", "600"], "HostConfig": {"SecurityOpt": ["seccomp=builtin"]}})
            dockerd.docker("start", "own_builtin")
            exporter = Exporter(dockerd.url)
            try:
                samples = poll(lambda: (lambda s: series(s, "docker_seccomp_docker_up") == [({}, 1.0)] and s)(exporter.metrics()),
                               what="a scan")
                modes = kernel_modes(samples)
                [(info, _)] = series(samples, "docker_seccomp_daemon_info")
                return compliance_by_name(samples), modes, info["profile"]
            finally:
                exporter.stop()
        finally:
            dockerd.stop()

    def test_daemon_unconfined(self):
        verdicts, modes, profile = self.judge("unconfined")
        self.assertEqual(profile, "unconfined")
        self.assertEqual(verdicts, {"plain": ("daemon_unconfined", 0.0), "own_builtin": ("default_profile", 1.0)})
        self.assertEqual(modes, {"plain": "disabled", "own_builtin": "filter"})

    def test_daemon_builtin(self):
        verdicts, modes, profile = self.judge("builtin")
        self.assertEqual(profile, "builtin")
        self.assertEqual(verdicts, {"plain": ("default_profile", 1.0), "own_builtin": ("default_profile", 1.0)})
        self.assertEqual(modes, {"plain": "filter", "own_builtin": "filter"})


if __name__ == "__main__":
    unittest.main()
