"""Differential fuzzing of the profile decoder against moby's own code: thousands of profiles mutated from
real ones (keys re-cased and folded, duplicated, nulled, given the wrong type; conditional rules; name and
names; minKernel spellings; errno names) go through tests/reference/moby_profile.go built against three
loaders (moby 20.10.24's profiles/seccomp and moby 28.5's vendored moby/profiles/seccomp, each followed by
runc 1.1.5's checks of actions, operators, argument indexes, flags, architectures and notify; and Podman's,
containers/common 0.67's pkg/seccomp, followed by crun's checks of flags, architectures and errno values;
scripts/moby-reference) and through the exporter's decode_profile and setup_seccomp for an engine of that
kind (tests/tools/profile_setup.cpp --engine). Both must agree on every one: no filter, refused, or the same
filter. A failure names the loader and counts its disagreements.

DSE_DIFF_CASES sets how many mutants (default 4000); DSE_DIFF_CORPUS adds a directory of inputs (a fuzzer's).

Two divergences are known and left: invalid UTF-8 (Go reads it as U+FFFD, the exporter refuses the profile),
and a repeated key whose array holds null: encoding/json decodes the second array into the first one's
backing array, so {"names":["mount"],"names":[null]} is ["mount"] to Go and [""] here (1 in 30,000 mutants,
seed 7; Go keeps the old element at every index the new array nulls, and merges a repeated rule object into
the old one, which would need the decoder to model Go's heap).
"""
import copy
import glob
import json
import os
import random
import subprocess
import unittest

from harness import ROOT, default_profile_path, moby2010_default_profile_path, run_script

HERE = os.path.dirname(os.path.abspath(__file__))
TOOL = os.path.join(os.environ.get("DSE_BUILD_DIR", os.path.join(ROOT, "build")), "tests", "profile_setup")
# Each reference (scripts/moby-reference's argument): the engine the exporter's side is told (--engine), and
# the reference's runtime checks.
RELEASES = {"20.10": ("20.10.24", []), "28": ("28.5.2", []), "podman": ("podman", ["--crun"])}
ADMIN_CAPS = ("CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FSETID,CAP_FOWNER,CAP_MKNOD,CAP_NET_RAW,CAP_SETGID,CAP_SETUID,"
              "CAP_SETFCAP,CAP_SETPCAP,CAP_NET_BIND_SERVICE,CAP_SYS_CHROOT,CAP_KILL,CAP_AUDIT_WRITE,CAP_SYS_ADMIN,"
              "CAP_SYS_PTRACE")
# Podman's default capabilities (containers.conf default_capabilities, containers/common pkg/config/default.go).
# A rule for containers without CAP_NET_RAW: Docker's default set has it, Podman's has not.
NET_RAW_RULE = ('{"defaultAction":"SCMP_ACT_ALLOW","syscalls":[{"names":["mkdir"],"action":"SCMP_ACT_ERRNO",'
                '"excludes":{"caps":["CAP_NET_RAW"]}}]}')
PODMAN_CAPS = ("CAP_CHOWN,CAP_DAC_OVERRIDE,CAP_FOWNER,CAP_FSETID,CAP_KILL,CAP_NET_BIND_SERVICE,CAP_SETFCAP,"
               "CAP_SETGID,CAP_SETPCAP,CAP_SETUID,CAP_SYS_CHROOT")


class Obj(list):
    """A JSON object as a list of (key, value) pairs: duplicates and order survive."""


def to_obj(value):
    if isinstance(value, dict):
        return Obj((k, to_obj(v)) for k, v in value.items())
    if isinstance(value, list):
        return [to_obj(v) for v in value]
    return value


def dump(value):
    if isinstance(value, Obj):
        return "{" + ",".join(json.dumps(k, ensure_ascii=False) + ":" + dump(v) for k, v in value) + "}"
    if isinstance(value, list):
        return "[" + ",".join(dump(v) for v in value) + "]"
    if isinstance(value, RawNumber):
        return value.text
    return json.dumps(value, ensure_ascii=False)


class RawNumber:
    def __init__(self, text):
        self.text = text


ODD_VALUES = [None, True, 0, 7, -1, RawNumber("1.5"), RawNumber("1e3"), RawNumber("18446744073709551616"), "",
              "SCMP_ACT_ALLOW", "SCMP_ACT_ERRNO", "SCMP_ACT_LOG", "SCMP_ACT_BOGUS", "SCMP_ACT_NOTIFY", [], ["read"], [None], [1], Obj(),
              Obj([("x", 1)])]
KERNELS = ["", "4.8", "5.4", "99.0", "5.4.1", "5.256", "255.255", "0.0", "0.1", "05.04", "+5.4", "5.", ".4", "5", None,
           RawNumber("5.4"), ["5.4"]]
CAP_LISTS = [[], ["CAP_SYS_ADMIN"], ["CAP_NET_RAW"], ["CAP_SYS_ADMIN", "CAP_NET_RAW"], ["cap_sys_admin"], None, "CAP_SYS_ADMIN"]
ARCH_LISTS = [[], ["amd64"], ["arm64"], ["x86_64"], ["amd64", "arm64"], None]
SYSCALL_NAMES = ["read", "write", "mount", "ptrace", "clone3", "not_a_syscall", "", "bpf"]
# The runtime's own refusals (runc 1.1.5 here): any flag, an architecture outside its table (RISCV64 came in
# 1.2), and notify as the default, for write, or without a listener.
ARCHITECTURES = [["SCMP_ARCH_X86_64"], [], None, ["SCMP_ARCH_X86_64", "SCMP_ARCH_RISCV64"], ["SCMP_ARCH_VAX"], ["x86_64"]]
ARCH_MAPS = [[Obj([("architecture", "SCMP_ARCH_X86_64"), ("subArchitectures", [])])], [], None, [None],
             [Obj([("architecture", "SCMP_ARCH_X86_64"), ("subArchitectures", ["SCMP_ARCH_X86", "SCMP_ARCH_BOGUS"])])],
             [Obj([("architecture", "SCMP_ARCH_S390X"), ("subArchitectures", ["SCMP_ARCH_BOGUS"])])]]
FLAG_LISTS = [["SECCOMP_FILTER_FLAG_LOG"], [], None, ["SECCOMP_FILTER_FLAG_BOGUS"], "SECCOMP_FILTER_FLAG_LOG"]


def pick(rng, choices):
    """A random element, copied: the tables are shared by every mutant, and mutants change in place."""
    return copy.deepcopy(rng.choice(choices))


def recase(key, rng):
    choice = rng.randrange(5)
    if choice == 0:
        return key.upper()
    if choice == 1:
        return key.lower()
    if choice == 2:
        return "".join(c.upper() if rng.random() < 0.5 else c.lower() for c in key)
    if choice == 3:  # Unicode characters that Go folds to ASCII: KELVIN SIGN and LONG S
        return key.replace("k", "\u212a").replace("s", "\u017f")
    return key + "x"  # a near miss: an unknown field


def mutate(value, rng, depth=0):
    """One random change somewhere in value (an Obj, list or scalar); returns the new value."""
    if isinstance(value, Obj) and value and rng.random() < 0.6:
        index = rng.randrange(len(value))
        key, child = value[index]
        op = rng.randrange(9)
        if op == 0:
            value[index] = (recase(key, rng), child)
        elif op == 1:  # a duplicate with another value, before or after
            value.insert(index + rng.choice([0, 1]), (key, pick(rng, ODD_VALUES + [child])))
        elif op == 2:
            value[index] = (key, pick(rng, ODD_VALUES))
        elif op == 3:
            del value[index]
        elif op == 4:
            value.append(pick(rng, [("name", pick(rng, SYSCALL_NAMES)), ("names", [pick(rng, SYSCALL_NAMES)]),
                                     ("errnoRet", pick(rng, [1, -1, RawNumber("1.0"), None])),
                                     # containers/common's alone: an errno by name, EPERM's number or not
                                     ("errno", pick(rng, ["EPERM", "ENOSYS", "EBOGUS", "1", "", None, 1])),
                                     ("args", pick(rng, [[], [None], [Obj([("index", 0), ("value", 1), ("op", "SCMP_CMP_EQ")])],
                                                          [Obj([("value", -1)])]])),
                                     ("comment", pick(rng, ["x", 1]))]))
        elif op == 5:
            filt = Obj([(pick(rng, ["caps", "arches", "minKernel"]), None)])
            field = filt[0][0]
            filt[0] = (field, pick(rng, CAP_LISTS if field == "caps" else ARCH_LISTS if field == "arches" else KERNELS))
            value.append((pick(rng, ["includes", "excludes", "Includes"]), filt))
        elif op == 6:
            value.append(pick(rng, [("architectures", pick(rng, ARCHITECTURES)),
                                     ("archMap", pick(rng, ARCH_MAPS)),
                                     ("flags", pick(rng, FLAG_LISTS)),
                                     ("listenerPath", pick(rng, ["/run/agent.sock", "", None, 1])),
                                     ("defaultErrnoRet", pick(rng, [1, None, "1"])),
                                     ("defaultErrno", pick(rng, ["ENOSYS", "EBOGUS", None]))]))
        else:
            value[index] = (key, mutate(child, rng, depth + 1))
        return value
    if isinstance(value, list) and not isinstance(value, Obj) and value and rng.random() < 0.7:
        index = rng.randrange(len(value))
        op = rng.randrange(4)
        if op == 0:
            value[index] = mutate(value[index], rng, depth + 1)
        elif op == 1:
            value.insert(index, pick(rng, [None, 1, "read", Obj(), Obj([("names", ["mount"]), ("action", "SCMP_ACT_ALLOW")])]))
        elif op == 2:
            del value[index]
        else:
            value[index] = pick(rng, ODD_VALUES)
        return value
    if depth == 0 and rng.random() < 0.02:
        return pick(rng, [None, [], "x", 1])
    return value


def seeds():
    texts = []
    for path in sorted(glob.glob(os.path.join(HERE, "profiles", "*.json"))) + [default_profile_path(),
                                                                               moby2010_default_profile_path()]:
        with open(path) as f:
            texts.append(f.read())
    texts += ['{"defaultAction":"SCMP_ACT_ERRNO","syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW",'
              '"includes":{"minKernel":"4.8","caps":["CAP_SYS_ADMIN"]},"excludes":{"arches":["arm64"]}}]}',
              '{"syscalls":[{"names":["read"],"action":"SCMP_ACT_ALLOW","excludes":{"caps":["CAP_NET_RAW"]}}]}']
    return [json.loads(t) for t in texts]


def run(command, inputs):
    out = subprocess.run(command, input="".join(json.dumps(i) + "\n" for i in inputs), capture_output=True,
                         text=True, timeout=600)
    if out.returncode != 0:
        raise AssertionError(f"{command[0]} failed ({out.returncode}): {out.stderr[-2000:]}")
    return [json.loads(line) for line in out.stdout.splitlines()]


def comparable(result):
    if result["effect"] != "filter":
        return (result["effect"],)
    return ("filter", result["defaultAction"],
            tuple((tuple(r["names"]), r["action"], r["args"] > 0) for r in result.get("rules") or []))


class ProfileDifferential(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.references = {}
        for release in RELEASES:
            cls.references[release] = run_script("moby-reference", release, timeout=900)
        rng = random.Random(int(os.environ.get("DSE_DIFF_SEED", "20261201")))
        cls.inputs = [json.dumps(s) for s in seeds()]
        originals = seeds()
        for _ in range(int(os.environ.get("DSE_DIFF_CASES", "4000"))):
            value = to_obj(rng.choice(originals))
            for _ in range(rng.randrange(1, 5)):
                value = mutate(value, rng)
            cls.inputs.append(dump(value))
        corpus = os.environ.get("DSE_DIFF_CORPUS")
        if corpus:
            for path in sorted(glob.glob(os.path.join(corpus, "*"))):
                with open(path, "rb") as f:
                    data = f.read()
                try:
                    cls.inputs.append(data.decode("utf-8"))
                except UnicodeDecodeError:
                    pass  # the one known divergence: Go reads invalid UTF-8 as U+FFFD, the exporter refuses it

    def compare(self, release, caps=()):
        engine, runtime = RELEASES[release]
        theirs = run([self.references[release], *runtime, *caps], self.inputs)
        ours = run([TOOL, "--engine", engine, *caps], self.inputs)
        self.assertEqual(len(theirs), len(self.inputs))
        self.assertEqual(len(ours), len(self.inputs))
        disagreements = [(text, t, o) for text, t, o in zip(self.inputs, theirs, ours) if comparable(t) != comparable(o)]
        effects = {comparable(t)[0] for t in theirs}
        self.assertEqual(effects, {"filter", "no_filter", "invalid"}, "the mutants reach every outcome")
        self.assertEqual(disagreements[:3], [],
                         f"{release}: {len(disagreements)} of {len(self.inputs)} profiles disagree")

    def test_moby_20_10_default_capabilities(self):
        self.compare("20.10")

    def test_moby_20_10_with_sys_admin_and_sys_ptrace(self):
        self.compare("20.10", [ADMIN_CAPS])

    def test_moby_28_default_capabilities(self):
        self.compare("28")

    def test_moby_28_with_sys_admin_and_sys_ptrace(self):
        self.compare("28", [ADMIN_CAPS])

    def test_containers_common_podman_default_capabilities(self):
        self.compare("podman", [PODMAN_CAPS])

    def test_the_exporter_takes_podmans_default_capabilities_on_podman(self):
        ours = run([TOOL, "--engine", "podman"], [NET_RAW_RULE])[0]
        theirs = run([self.references["podman"], "--crun", PODMAN_CAPS], [NET_RAW_RULE])[0]
        self.assertEqual(comparable(ours), comparable(theirs))
        self.assertEqual(len(theirs["rules"]), 1)

    def test_containers_common_with_sys_admin_and_sys_ptrace(self):
        self.compare("podman", [ADMIN_CAPS])

    def test_the_releases_decide_differently_and_the_exporter_follows_each(self):
        # 'name' with 'names' in a rule that does not apply: moby 20.10 ignores the rule, moby/profiles
        # (>= 23) refuses the profile, containers/common ignores it as 20.10 does
        # (tests/integration/profiles/name_and_names_not_applying.json).
        with open(os.path.join(HERE, "profiles", "name_and_names_not_applying.json")) as f:
            text = [f.read()]
        effects = {release: run([self.references[release], *runtime], text)[0]["effect"]
                   for release, (_, runtime) in RELEASES.items()}
        self.assertEqual(effects, {"20.10": "filter", "28": "invalid", "podman": "filter"})
        ours = {release: run([TOOL, "--engine", engine], text)[0]["effect"] for release, (engine, _) in RELEASES.items()}
        self.assertEqual(ours, effects)


if __name__ == "__main__":
    unittest.main()
