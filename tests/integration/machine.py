"""A Debian 12 machine with systemd as PID 1 (systemd-nspawn --boot), for testing the package as users run it.

The root file system is made once by mmdebstrap and cached; every boot runs on a throw-away overlay
(--volatile=overlay), so a test starts from the same clean machine and leaves the cache untouched.
"""
import os
import shutil
import signal
import subprocess
import tempfile

from harness import poll

CACHE = "/var/cache/docker-seccomp-exporter/machine-bookworm"
INCLUDE = "systemd,systemd-sysv,dbus,curl,ca-certificates"
# The host's apt configuration (a proxy, a snapshot mirror's validity settings) reaches the same mirror
# from inside; files the root file system already has are its own and stay.
COPY_APT_CONF = ('for f in /etc/apt/apt.conf.d/*; do [ -e "$1/etc/apt/apt.conf.d/${f##*/}" ] || '
                 'cp "$f" "$1/etc/apt/apt.conf.d/"; done')
MACHINE_ENV = {"PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "DEBIAN_FRONTEND": "noninteractive", "LANG": "C.UTF-8"}


def run(*args, check=True, timeout=300, env=None):
    out = subprocess.run(args, capture_output=True, text=True, timeout=timeout, env=env)
    if check and out.returncode != 0:
        raise AssertionError(f"{' '.join(args)} failed ({out.returncode}): {out.stdout[-2000:]}{out.stderr[-2000:]}")
    return out


def cached_rootfs():
    """The cached root file system, made (about 20 s) when missing or made by a different recipe."""
    recipe = f"mmdebstrap --variant=minbase --include={INCLUDE} bookworm\n{COPY_APT_CONF}\n"
    stamp = os.path.join(CACHE, ".dse-recipe")
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read() == recipe:
                return CACHE
    fresh = CACHE + ".new"
    shutil.rmtree(fresh, ignore_errors=True)
    # Package lists are kept: apt-get install inside resolves the .deb's dependencies without a first update.
    run("mmdebstrap", "--quiet", "--variant=minbase", f"--include={INCLUDE}", "--skip=cleanup/apt/lists",
        f"--customize-hook={COPY_APT_CONF}", "bookworm", fresh, timeout=600)
    with open(os.path.join(fresh, ".dse-recipe"), "w") as f:
        f.write(recipe)
    shutil.rmtree(CACHE, ignore_errors=True)
    os.rename(fresh, CACHE)
    return CACHE


# nspawn's own syscall filter refuses Landlock (EPERM, as if the kernel had none); a host has no such filter, and
# the exporter's web side confines itself with it.
LANDLOCK_ALLOWED = "--system-call-filter=landlock_create_ruleset landlock_add_rule landlock_restrict_self"


class Machine:
    """systemd-nspawn --boot on the cached root file system; binds are (host path, machine path, read_only)."""

    def __init__(self, binds=()):
        self.log_path = tempfile.mktemp(prefix="dse-machine-", suffix=".log")
        self.log = open(self.log_path, "w")
        args = ["systemd-nspawn", "--quiet", "-D", cached_rootfs(), "--volatile=overlay", "--boot",
                "--register=no", "--keep-unit", "--console=pipe", LANDLOCK_ALLOWED]
        for host, inside, read_only in binds:
            args.append(f"--bind{'-ro' if read_only else ''}={host}:{inside}")
        # A session of its own: signals meant for the test runner do not reach the machine.
        self.process = subprocess.Popen(args, stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        try:
            self.leader = poll(self._pid_one, timeout=30, what="the machine's PID 1")
            # Seconds on an idle machine; over 60 s was seen while another test built on both cores.
            state = poll(lambda: self.state() in ("running", "degraded") and self.state(), timeout=120,
                         what="the machine to finish booting")
            if state == "degraded":
                raise AssertionError("machine booted degraded: " + self.sh("systemctl --failed --no-legend").stdout)
        except BaseException:
            self.stop()
            raise

    def _pid_one(self):
        if self.process.poll() is not None:
            raise AssertionError(f"systemd-nspawn exited with {self.process.returncode}: {self.logs()}")
        try:
            with open(f"/proc/{self.process.pid}/task/{self.process.pid}/children") as f:
                children = f.read().split()
        except FileNotFoundError:
            return None
        return int(children[0]) if children else None

    def logs(self):
        if self.log.closed:
            return self.final_logs
        with open(self.log_path) as f:
            return f.read()

    def state(self):
        return self.run("systemctl", "is-system-running", check=False).stdout.strip()

    def run(self, *args, check=True, timeout=300):
        """A command inside the machine: all of its namespaces, its root, a clean environment."""
        return run("nsenter", "-t", str(self.leader), "-a", *args, check=check, timeout=timeout, env=MACHINE_ENV)

    def systemctl(self, *args, timeout=120):
        """systemctl inside; its failure carries the unit's journal, which says why."""
        out = self.run("systemctl", *args, check=False, timeout=timeout)
        if out.returncode != 0:
            journal = self.run("journalctl", "--no-pager", "-n", "40", "-u", args[-1], check=False).stdout
            raise AssertionError(f"systemctl {' '.join(args)} failed: {out.stderr}\n{journal}")
        return out

    def sh(self, script, check=True, timeout=300):
        return self.run("/bin/sh", "-c", script, check=check, timeout=timeout)

    def write(self, path, text):
        self.run("/bin/sh", "-c", f"mkdir -p \"$(dirname {path})\" && cat > {path} <<'DSE_EOF'\n{text}DSE_EOF\n")

    def show(self, unit, prop):
        return self.run("systemctl", "show", "-P", prop, unit).stdout.strip()

    def stop(self):
        """Powers the machine off (nspawn turns SIGTERM into a clean shutdown), killing it after 30 s."""
        if self.process.poll() is None:
            os.kill(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=30)
        if not self.log.closed:
            # What the console said is kept for a failure's message; the file in /tmp is not left behind.
            self.final_logs = self.logs()
            self.log.close()
            os.unlink(self.log_path)
