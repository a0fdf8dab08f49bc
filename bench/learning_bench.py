"""Learning (--collector.seccomp-audit) against a private dockerd: attribution of short-lived processes, with
the kernel's process events and without them (CAP_NET_ADMIN taken from the bounding set), and the cost of
running under `profile learning --minimal` against Docker's default and the standard learning profile.
"""
import os
import shutil
import stat
import subprocess
import tempfile
import time

import harness
from harness import IMAGE, Exporter, PrivateDockerd, audit_dropped, poll, series, write_learning_profile

HOSTNAMES = "i=0; while [ $i -lt {n} ]; do busybox hostname x 2>/dev/null; i=$((i+1)); done"
# bench/fork_burst.c: children that only fork (no exec), paced; faster than the shell can start processes.
FORK_BURST = os.path.join(harness.ROOT, "build", "bench", "bench_fork_burst")
# A busy workload: 200,000 one-byte reads and writes, every one a syscall Docker's default allows.
BUSY = "busybox dd if=/dev/zero of=/dev/null bs=1 count=200000 2>/dev/null"


def total(exporter, metric_name, **labels):
    return sum(value for _, value in series(exporter.metrics(), metric_name, **labels))


def counted(exporter, syscall, names):
    return sum(value for labels, value in series(exporter.metrics(), "docker_seccomp_container_syscall_actions_total",
                                                 syscall=syscall, action="log") if labels["name"] in names)


def settle(exporter, read, expected, timeout=20):
    """read() once it reaches expected, or what it is at the deadline (a shortfall is the measurement)."""
    try:
        poll(lambda: read() >= expected, timeout=timeout, what="the records")
    except AssertionError:
        pass
    return read()


def create(dockerd, name, profile, script):
    security = ["--security-opt", f"seccomp={profile}"] if profile else []
    dockerd.docker("create", "--name", name, "-v", f"{FORK_BURST}:/fork_burst:ro", *security, IMAGE, "sh", "-c",
                   script)


def run_all(dockerd, names):
    """Starts the containers together; seconds until the last has exited."""
    began = time.monotonic()
    subprocess.run(["/usr/bin/docker", "-H", dockerd.url, "start", *names], check=True, capture_output=True)
    for name in names:
        subprocess.run(["/usr/bin/docker", "-H", dockerd.url, "wait", name], check=True, capture_output=True)
    return time.monotonic() - began


def attribution_row(dockerd, exporter, label, profile, containers, per_container, rate=None):
    """rate None: the shell loop; else fork_burst children, rate a second per container (0: as fast as it can)."""
    kind = "sh" if rate is None else f"fork{rate}"
    names = [f"attr-{label}-{kind}-{containers}-{i}" for i in range(containers)]
    before_unattributed, before_lost = audit_dropped(exporter, "unattributed"), audit_dropped(exporter, "lost")
    script = HOSTNAMES.format(n=per_container) if rate is None else f"/fork_burst {per_container} {rate}"
    for name in names:
        create(dockerd, name, profile, script)
    elapsed = run_all(dockerd, names)
    expected = containers * per_container
    got = settle(exporter, lambda: counted(exporter, "sethostname", names), expected, timeout=15 if label == "yes" else 5)
    unattributed = audit_dropped(exporter, "unattributed") - before_unattributed
    lost = audit_dropped(exporter, "lost") - before_lost
    dockerd.docker("rm", *names)
    workload = "`busybox hostname x` from sh" if rate is None else (
        f"fork_burst, {rate * containers:,}/s asked" if rate else "fork_burst, as fast as it can")
    return (f"| {label} | {workload} | {containers} | {expected:,} | {expected / elapsed:,.0f}/s | {got:,.0f} | "
            f"{unattributed:,.0f} | {lost:,.0f} |")


def attribution(dockerd, profile, wrapper):
    print("\n## Attribution of short-lived processes\n")
    print("Containers under the standard learning profile, each running `busybox hostname x` as a new process in")
    print("a loop, or bench/fork_burst (children that fork, never exec): every process makes one logged")
    print("`sethostname` and exits at once. With the kernel's process")
    print("events (the default) and without them (the exporter started with `CAP_NET_ADMIN` out of its bounding")
    print("set, as before this change). A record not given to its container is `unattributed`.\n")
    print("| process events | workload | containers | processes | new processes/s achieved | counted for their container | unattributed | lost |")
    print("|---|---|---|---|---|---|---|---|")
    for label, executable in (("yes", harness.EXPORTER), ("no", wrapper)):
        saved, harness.EXPORTER = harness.EXPORTER, executable
        try:
            exporter = Exporter(dockerd.url, "--collector.seccomp-audit", log_level="info")
        finally:
            harness.EXPORTER = saved
        try:
            poll(lambda: total(exporter, "docker_seccomp_audit_collector_up") == 1)
            tracking = total(exporter, "docker_seccomp_audit_process_tracking_up")
            assert tracking == (1 if label == "yes" else 0), tracking
            print(attribution_row(dockerd, exporter, label, profile, 1, 2000))
            print(attribution_row(dockerd, exporter, label, profile, 10, 1000))
            print(attribution_row(dockerd, exporter, label, profile, 10, 1000, rate=100))
            print(attribution_row(dockerd, exporter, label, profile, 10, 2000, rate=0))
        finally:
            exporter.stop()


def minimal_cost(dockerd, rows):
    print("\n## Minimal learning: the cost\n")
    print(f"Containers running `{BUSY}` (400,000 syscalls each) under each profile, started together, median of")
    print("3; the exporter with `--collector.seccomp-audit` counting what is logged. `lost` is records (serial gaps:")
    print("the socket's ENOBUFS or the kernel's backlog limit), `overflows` the socket's ENOBUFS events.\n")
    print("| profile | containers | run time | records counted | records/s | lost | overflows | exporter CPU |")
    print("|---|---|---|---|---|---|---|---|")
    exporter = Exporter(dockerd.url, "--collector.seccomp-audit", log_level="info")
    try:
        poll(lambda: total(exporter, "docker_seccomp_audit_collector_up") == 1)
        for slug, label, profile, expected, containers in rows:
            runs = []
            for attempt in range(3):
                names = [f"busy-{slug}-{containers}-{attempt}-{i}" for i in range(containers)]
                before_lost = audit_dropped(exporter, "lost")
                before_overflows = total(exporter, "docker_seccomp_audit_socket_overflows_total")
                before_cpu = cpu_seconds(exporter.process.pid)
                for name in names:
                    create(dockerd, name, profile, BUSY)
                elapsed = run_all(dockerd, names)
                records = settle(exporter, lambda: sum(total(exporter, "docker_seccomp_container_syscall_actions_total",
                                                             name=name) for name in names),
                                 expected * containers, timeout=30)
                runs.append((elapsed, records, audit_dropped(exporter, "lost") - before_lost,
                             total(exporter, "docker_seccomp_audit_socket_overflows_total") - before_overflows,
                             cpu_seconds(exporter.process.pid) - before_cpu))
                dockerd.docker("rm", *names)
            elapsed, records, lost, overflows, cpu = sorted(runs)[1]
            print(f"| {label} | {containers} | {elapsed:.2f} s | {records:,.0f} | {records / elapsed:,.0f}/s | "
                  f"{lost:,.0f} | {overflows:,.0f} | {cpu:.2f} s |")
    finally:
        exporter.stop()


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def learning():
    work = tempfile.mkdtemp(prefix="dse-learning-bench-")
    profiles = {"standard": write_learning_profile(os.path.join(work, "standard.json")),
                "minimal": write_learning_profile(os.path.join(work, "minimal.json"), "--minimal")}
    wrapper = os.path.join(work, "without-net-admin")
    with open(wrapper, "w") as f:
        f.write(f'#!/bin/sh\nexec setpriv --bounding-set=-net_admin {harness.EXPORTER} "$@"\n')
    os.chmod(wrapper, stat.S_IRWXU)
    dockerd = PrivateDockerd()
    try:
        attribution(dockerd, profiles["standard"], wrapper)
        # Under the standard profile read and write are allowed, so nothing is logged; under the minimal one
        # every call is.
        minimal_cost(dockerd, (("default", "Docker's default", None, 0, 1),
                               ("standard", "standard learning", profiles["standard"], 0, 1),
                               ("minimal", "minimal learning", profiles["minimal"], 400_000, 1),
                               ("minimal", "minimal learning", profiles["minimal"], 400_000, 4),
                               ("minimal", "minimal learning", profiles["minimal"], 400_000, 8)))
    finally:
        dockerd.stop()
        shutil.rmtree(work)
