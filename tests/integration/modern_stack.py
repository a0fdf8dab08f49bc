"""The stack users run now (scripts/modern-stack): Debian sid's Podman 5 with crun, or Docker 28 with
containerd 2 and runc 1.3, each in a mount namespace on a throw-away overlay of a cached sid root. The
overlay is visible from the host at `root`: an exporter given --host.root=root reads the engine's files
(containers.conf, /usr/share/containers/seccomp.json, profile paths) as one with the host's / mounted does."""
import os
import subprocess
import tempfile

from harness import IMAGE, PrivateDockerd, ROOT

SCRIPT = os.path.join(ROOT, "scripts", "modern-stack")
PODMAN_FLAGS = ("--storage-driver", "vfs", "--cgroup-manager", "cgroupfs", "--events-backend", "file")


def stack_versions():
    """{package: version} of the cached root: podman, crun, docker.io, containerd, runc."""
    out = subprocess.run([SCRIPT, "versions"], capture_output=True, text=True, timeout=600, check=True)
    return dict(line.split(" ", 1) for line in out.stdout.splitlines())


class ModernStack(PrivateDockerd):
    """engine: "podman" or "docker"; files: {path in the root: text}, written before the engine starts."""

    def __init__(self, engine, *engine_flags, files=None):  # pylint: disable=super-init-not-called
        self.engine = engine
        self.dir = tempfile.mkdtemp(prefix=f"dse-{engine}-stack-")
        self.root = os.path.join(self.dir, "root")
        env = dict(os.environ)
        if files:
            staged = os.path.join(self.dir, "files")
            for path, text in files.items():
                target = os.path.join(staged, path.lstrip("/"))
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "w") as f:
                    f.write(text)
            env["DSE_STACK_FILES"] = staged
        out = subprocess.run([SCRIPT, "start", engine, self.dir, *engine_flags], env=env, capture_output=True,
                             text=True, timeout=600)
        if out.returncode != 0:
            self.stop()
            raise RuntimeError(f"scripts/modern-stack start {engine} failed: {out.stderr[-3000:]}")
        self.socket = out.stdout.strip().splitlines()[-1]
        self.url = "unix://" + self.socket

    def create(self, name, *options, command=("sleep", "600")):
        # Podman's default network needs nftables, which the root does not have; Docker runs with --bridge=none.
        network = ("--network", "none") if self.engine == "podman" else ()
        return self.docker("create", "--name", name, *network, *options, IMAGE, *command)

    def run_in_root(self, *args, cwd="/", check=True):
        """A command in the engine's root and mount namespace, from cwd there."""
        script = 'cd "$1" && shift && exec "$@"'
        out = subprocess.run([SCRIPT, "exec", self.dir, "/bin/sh", "-c", script, "sh", cwd, *args],
                             capture_output=True, text=True, timeout=120)
        if check and out.returncode != 0:
            raise RuntimeError(f"{' '.join(args)} in the stack failed: {out.stderr[-2000:]}")
        return out

    def podman(self, *args, cwd="/", check=True):
        """Podman's own CLI on the service's store, from cwd in the root: it passes profile paths as given."""
        return self.run_in_root("env", "PODMAN_IGNORE_CGROUPSV1_WARNING=1", "podman", *PODMAN_FLAGS, *args,
                                cwd=cwd, check=check)

    def write(self, path, text):
        """A file in the root, seen by the engine and (under --host.root) by the exporter."""
        target = os.path.join(self.root, path.lstrip("/"))
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with open(target, "w") as f:
            f.write(text)
        return path

    def stop(self):
        subprocess.run([SCRIPT, "stop", self.dir], capture_output=True, timeout=120)
