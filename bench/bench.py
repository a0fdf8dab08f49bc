"""scripts/bench: every figure in BENCHMARKS.md, measured on this machine, printed as Markdown.

Environment: BENCH_N (containers on the real engine, default 200), BENCH_LATENCY (containers timed for
detection latency, default 100), BENCH_SCALE (simulated sizes, default "10000 50000"),
BENCH_STORM (events in the storm, default 100000), BENCH_IDLE (idle seconds, default 60), BENCH_AUDIT (seccomp
audit records per run, default 200000). BENCH_ONLY=scale|storm|real|idle|audit|hostile|learning|webreload|split|callgrind runs one part.
"""
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import threading
import tempfile
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(ROOT, "tests", "integration"))
from harness import IMAGE, EXPORTER, Exporter, FakeDocker, PrivateDockerd, UnixConnection, poll, series  # noqa: E402
import audit_bench  # noqa: E402
import hostile_bench  # noqa: E402
import learning_bench  # noqa: E402
import split_bench  # noqa: E402
import web_reload_bench  # noqa: E402

BUILD = os.path.join(ROOT, "build")
CIS_FORMAT = "{{ .Id }}: SecurityOpt={{ .HostConfig.SecurityOpt }}"


def ms(seconds):
    return f"{seconds * 1000:.0f} ms" if seconds < 10 else f"{seconds:.1f} s"


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def docker_up(exporter):
    try:
        return series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)]
    except Exception:
        return False


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class NativeFake:
    """bench/fake_docker.cpp: the simulated Docker API, native, serving recorded inspects (one in five unconfined)."""

    def __init__(self, containers):
        self.dir = tempfile.mkdtemp(prefix="dse-bench-fake-")
        self.socket = os.path.join(self.dir, "docker.sock")
        self.url = "unix://" + self.socket
        self.process = subprocess.Popen([os.path.join(BUILD, "bench", "bench_fake_docker"), self.socket,
                                         os.path.join(ROOT, "tests", "fixtures"), str(containers)],
                                        stdout=subprocess.PIPE, text=True)
        if self.process.stdout.readline().strip() != "ready":
            raise RuntimeError("bench_fake_docker did not start")

    def get(self, path, timeout=600):
        with socket.socket(socket.AF_UNIX) as s:
            s.settimeout(timeout)
            s.connect(self.socket)
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
        return json.loads(data.split(b"\r\n\r\n", 1)[1])

    def stats(self):
        return self.get("/bench/stats")

    def storm(self, rate, seconds, ids, mix="create"):
        return self.get(f"/bench/storm?rate={rate}&seconds={seconds}&ids={ids}&mix={mix}")

    def close(self):
        self.process.terminate()
        self.process.wait()
        shutil.rmtree(self.dir, ignore_errors=True)


PHASES = ["main", "listening", "ping_sent", "ping_answered", "events_subscribed", "list_answered", "info_answered",
          "scan_done", "first_render"]


def start_to_converged(url, *flags, runs=5, phases=None):
    """Process spawn to the first scrape that shows docker_up 1 (every verdict in), polled every 1 ms. phases: a
    list that receives, per run, each start-up phase's time since the spawn (ms), from the exporter's log line
    "start-up phases" (CLOCK_MONOTONIC, the clock time.monotonic() reads)."""
    times = []
    for _ in range(runs):
        port = free_port()
        log = tempfile.TemporaryFile()
        started = time.monotonic()
        process = subprocess.Popen([EXPORTER, "--docker.host", url, "--web.listen-address", f"127.0.0.1:{port}",
                                    *flags], stderr=log)
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as response:
                    if b"\ndocker_seccomp_docker_up 1\n" in response.read():
                        break
            except OSError:
                pass
            time.sleep(0.001)
        times.append(time.monotonic() - started)
        process.terminate()
        process.wait()
        log.seek(0)
        found = re.search(r'phases="([^"]+)"', log.read().decode(errors="replace"))
        if phases is not None and found:
            marks = dict(item.split("=") for item in found.group(1).split())
            phases.append({name: float(marks[name]) - started * 1000 for name in PHASES if name in marks})
    return statistics.median(times)


def phase_breakdown(phases):
    """Median of each step's duration over the runs: spawn to main, then each phase to the next."""
    steps = []
    previous = "spawn"
    for name in PHASES:
        values = [run[name] - (run[previous] if previous != "spawn" else 0) for run in phases if name in run and
                  (previous == "spawn" or previous in run)]
        if values:
            steps.append((f"{previous} → {name}", statistics.median(values)))
            previous = name
    return steps


def timed(command, runs=3, shell=False):
    times = []
    for _ in range(runs):
        started = time.monotonic()
        subprocess.run(command, shell=shell, check=True, capture_output=True)
        times.append(time.monotonic() - started)
    return statistics.median(times)


class KeptAliveClient(threading.local):
    """One kept-alive connection to the engine per thread, as the exporter has since it pools connections."""

    def __init__(self, socket_path):
        self.connection = UnixConnection(socket_path)

    def get(self, path):
        self.connection.request("GET", "/v1.41" + path)
        response = self.connection.getresponse()
        data = response.read()
        if response.status != 200:
            raise RuntimeError(f"GET {path}: HTTP {response.status}")
        return json.loads(data)


def raw_client(dockerd, workers):
    """List + inspect every container with `workers` kept-alive connections in flight: what the engine allows."""
    client = KeptAliveClient(dockerd.socket)
    started = time.monotonic()
    ids = [c["Id"] for c in client.get("/containers/json?all=1")]
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(lambda i: client.get(f"/containers/{i}/json"), ids))
    return time.monotonic() - started


def engines():
    """(name, start, exporter flags) for each engine the suite runs: each started on its own, stopped after."""
    from harness import docker26_dockerd, docker28_dockerd
    from modern_stack import ModernStack
    yield "dockerd 20.10", lambda: PrivateDockerd(), lambda engine: []
    yield "dockerd 26.1", lambda: PrivateDockerd(dockerd=docker26_dockerd()), lambda engine: []
    yield "dockerd 28.5", lambda: PrivateDockerd(dockerd=docker28_dockerd()), lambda engine: []
    yield "Podman 5 (crun)", lambda: ModernStack("podman"), lambda engine: ["--host.root", engine.root]


def create_containers(engine, n):
    # Podman's default network needs nftables, which its root here does not have.
    host_config = {"NetworkMode": "none"} if getattr(engine, "engine", "") == "podman" else {}
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda i: engine.api("POST", f"/containers/create?name=b{i}",
                                           {"Image": IMAGE, "Cmd": ["true"], "HostConfig": host_config}), range(n)))


def real_engine(n, latency_n):
    print(f"\n## Real engines: {n} created containers each (vfs), in one run\n")
    rows, breakdowns = [], {}
    for name, start, flags in engines():
        engine = start()
        try:
            create_containers(engine, n)
            docker = f"/usr/bin/docker -H {engine.url}"
            phases = []
            exporter_time = start_to_converged(engine.url, *flags(engine), phases=phases)
            raw = statistics.median(raw_client(engine, 4) for _ in range(5))
            cis_time = timed(f"{docker} ps --quiet --all | xargs {docker} inspect --format '{CIS_FORMAT}'", shell=True)
            loop_time = timed(f"for id in $({docker} ps --quiet --all); do {docker} inspect --format '{CIS_FORMAT}' "
                              f"$id; done", runs=1, shell=True)
            rows.append((name, exporter_time, raw, cis_time, loop_time))
            breakdowns[name] = phase_breakdown(phases)
            if name == "dockerd 20.10":
                detection(engine, latency_n)
        finally:
            engine.stop()
    print("\n### Process start to every verdict, side by side\n")
    print("| engine | exporter (median of 5) | raw client, list + inspects, 4 in flight, kept alive (median of 5) "
          "| exporter / raw (target ≤ 1.2×) | CIS audit command | per-container `docker inspect` loop "
          "(target ≥ 50× slower than us) |")
    print("|---|---|---|---|---|---|")
    for name, exporter_time, raw, cis_time, loop_time in rows:
        print(f"| {name} | {ms(exporter_time)} | {ms(raw)} | {exporter_time / raw:.2f}× | {ms(cis_time)} "
              f"({cis_time / exporter_time:.1f}× slower) | {ms(loop_time)} ({loop_time / exporter_time:.0f}× slower) |")
    print("\n### Where the exporter's start-to-verdict goes (median per step over the 5 runs, ms)\n")
    names = [name for name, *_ in rows]
    steps = [step for step, _ in breakdowns[names[0]]]
    print("| step | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for step in steps:
        cells = [next((f"{value:.1f}" for s, value in breakdowns[name] if s == step), "–") for name in names]
        print(f"| {step} | " + " | ".join(cells) + " |")


def detection(dockerd, count):
    exporter = Exporter(dockerd.url, log_level="info")
    try:
        poll(lambda: docker_up(exporter), timeout=600, what="convergence")
        latencies = []
        for i in range(count):
            name = f"lat{i}"
            dockerd.api("POST", f"/containers/create?name={name}",
                        {"Image": IMAGE, "Cmd": ["true"], "HostConfig": {"SecurityOpt": ["seccomp=unconfined"]}})
            created = time.monotonic()
            needle = f'name="{name}",reason="unconfined"'
            while needle not in exporter.metrics_text():
                pass
            latencies.append(time.monotonic() - created)
        text = exporter.metrics_text()
        count_ = float(re.search(r"^docker_seccomp_event_to_verdict_seconds_count (\S+)", text, re.M).group(1))
        total = float(re.search(r"^docker_seccomp_event_to_verdict_seconds_sum (\S+)", text, re.M).group(1))
        buckets = re.findall(r'^docker_seccomp_event_to_verdict_seconds_bucket\{le="([^"]+)"\} (\S+)', text, re.M)
        print(f"\n## Detection latency on the real engine ({count} unconfined containers)\n")
        print(f"`docker create` returning → verdict visible in a scrape: p50 {percentile(latencies, 50) * 1000:.1f} ms, "
              f"p99 {percentile(latencies, 99) * 1000:.1f} ms, max {max(latencies) * 1000:.1f} ms.")
        print(f"\nThe exporter's own share, `docker_seccomp_event_to_verdict_seconds` (Docker's timeNano → verdict "
              f"stored, includes the inspect round trip): mean {total / count_ * 1000:.2f} ms over {count_:.0f} events; "
              "buckets: " + ", ".join(f"≤{le}: {float(v):.0f}" for le, v in buckets))
    finally:
        exporter.stop()


def rss_kib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def curl_scrape(exporter, compressed=False):
    """Seconds for one scrape by curl's own clock (no Python parsing in the figure), and the body."""
    gzip = ["-H", "Accept-Encoding: gzip"] if compressed else []
    out = subprocess.run(["curl", "-s", *gzip, "-o", "/dev/stderr", "-w", "%{time_total}", f"{exporter.base}/metrics"],
                         capture_output=True, check=True)
    return float(out.stdout), out.stderr if compressed else out.stderr.decode()


def verdicts_stored(body):
    return float(re.search(r"^docker_seccomp_event_to_verdict_seconds_count (\S+)", body, re.M).group(1))


def scale(sizes):
    print("\n## Simulated Docker API (bench/fake_docker.cpp, native, recorded 5 KB inspects)\n")
    print("| containers | start to every verdict | exporter CPU for that scan | RSS after 21 scrapes | first scrape "
          "| scrape, nothing changed (curl, median of 10) | scrape after a container changed (median of 10) | "
          "scrape size | gzipped scrape, nothing changed (median of 10) | gzipped size |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    for n in sizes:
        fake = NativeFake(n)
        try:
            started = time.monotonic()
            exporter = Exporter(fake.url, log_level="info")
            # Watch the log, not /metrics: scrapes during the scan would cost more CPU than the scan itself
            # (each renders every container seen so far).
            poll(lambda: "full scan done" in exporter.logs(), timeout=1800, interval=0.005, what="convergence")
            converged = time.monotonic() - started
            scan_cpu = cpu_seconds(exporter.process.pid)
            first, body = curl_scrape(exporter)  # every container's series rendered
            size = len(body)
            unchanged, changed = [], []
            for _ in range(10):
                seconds, body = curl_scrape(exporter)
                unchanged.append(seconds)
                # One container re-inspected after an event: its families are rendered again. The scrape
                # that shows the new verdict stored is the one that paid for it.
                stored = verdicts_stored(body)
                fake.storm(1000, 0.001, 1)
                deadline = time.monotonic() + 10
                while verdicts_stored(body) == stored and time.monotonic() < deadline:
                    seconds, body = curl_scrape(exporter)
                changed.append(seconds)
            zipped = [curl_scrape(exporter, compressed=True) for _ in range(10)]
            print(f"| {n:,} | {ms(converged)} | {scan_cpu:.2f} s | {rss_kib(exporter.process.pid) / 1024:.1f} MiB | "
                  f"{first * 1000:.1f} ms | {statistics.median(unchanged) * 1000:.1f} ms | "
                  f"{statistics.median(changed) * 1000:.1f} ms | {size / 1e6:.1f} MB | "
                  f"{statistics.median(t for t, _ in zipped) * 1000:.1f} ms | {len(zipped[-1][1]) / 1e6:.2f} MB |")
            exporter.stop()
        finally:
            fake.close()


def storm(events):
    print(f"\n## Event storm ({events:,} events written to the stream at once)\n")
    lines = b"".join(json.dumps({"Type": "container", "Action": "destroy", "Actor": {"ID": f"{i:064x}"},
                                 "timeNano": 1}).encode() + b"\n" for i in range(events))
    chunks = [lines[i:i + 65536] for i in range(0, len(lines), 65536)]
    fake = FakeDocker({}, event_chunks=chunks)
    try:
        started = time.monotonic()
        exporter = Exporter(fake.url, log_level="info")

        def done():
            found = series(exporter.metrics(), "docker_seccomp_events_total", action="destroy")
            return found and found[0][1] >= events
        poll(done, timeout=600, interval=0.01, what="every event counted")
        elapsed = time.monotonic() - started
        print(f"{events:,} `destroy` events decoded and applied in {ms(elapsed)}, exporter start included: "
              f"{events / elapsed:,.0f} events/s on one core (the Python server writes them as fast as it can).")
        exporter.stop()
    finally:
        fake.close()


def histogram(exporter):
    text = exporter.metrics_text()
    buckets = [(float(le), float(v)) for le, v in
               re.findall(r'^docker_seccomp_event_to_verdict_seconds_bucket\{le="([^"+]+)"\} (\S+)', text, re.M)]
    return buckets, float(re.search(r"^docker_seccomp_event_to_verdict_seconds_count (\S+)", text, re.M).group(1))


def p99_bound(before, after):
    """The upper bound of the bucket holding the 99th percentile of the observations between two scrapes."""
    (b0, c0), (b1, c1) = before, after
    total = c1 - c0
    if total <= 0:
        return None
    for (le, v0), (_, v1) in zip(b0, b1):
        if v1 - v0 >= 0.99 * total:
            return le
    return float("inf")


def settled(fake):
    """Waits until the exporter has stopped asking for inspects (no new one within 100 ms)."""
    last = [fake.stats()["inspects"]]

    def quiet():
        now = fake.stats()["inspects"]
        unchanged, last[0] = now == last[0], now
        return unchanged
    poll(quiet, timeout=120, interval=0.1, what="the inspect queue to drain")


def storm_run(exporter, fake, mix, rate, ids, seconds):
    """One storm: what was sent, counted and inspected, the p99 bucket bound and the exporter's CPU share."""
    counted = lambda: sum(v for _, v in series(exporter.metrics(), "docker_seccomp_events_total"))
    before, events_before, inspects_before = histogram(exporter), counted(), fake.stats()["inspects"]
    cpu_before = cpu_seconds(exporter.process.pid)
    result = fake.storm(rate, seconds, ids, mix)
    poll(lambda: counted() - events_before >= result["sent"], timeout=60, interval=0.01, what="every event counted")
    settled(fake)  # the inspects the storm left queued, before the next run starts
    return {"sent_rate": result["sent"] / result["seconds"], "counted": (counted() - events_before) / result["sent"],
            "p99": p99_bound(before, histogram(exporter)),
            "inspects": (fake.stats()["inspects"] - inspects_before) / result["seconds"],
            "cpu": (cpu_seconds(exporter.process.pid) - cpu_before) / result["seconds"],
            "write_ms": result["max_write_ms"]}


def bound_text(bound):
    return f"≤ {bound * 1000:g} ms" if bound not in (None, float("inf")) else str(bound)


def paced_storm(rates, id_counts, seconds=3.0, runs=3):
    """Events at a fixed rate, round robin over `ids` containers. `create` events each need an inspect
    (coalesced per container while one is in flight); the `exec` mix is nine in ten exec and health events,
    as a busy host sends. Does the exporter keep up, and how stale do verdicts get (p99)? Each row is run
    `runs` times: this machine is shared, and one run in ten or so is disturbed."""
    print(f"\n## Paced event storms ({seconds:.0f} s per run, {runs} runs per row, native simulated API)\n")
    print("| events | events/s asked | containers | events/s sent | counted | event→verdict p99 (bucket bound), "
          "median run | worst run | inspects/s | exporter CPU | longest stream write |")
    print("|---|---|---|---|---|---|---|---|---|---|")
    rows = [("create", rate, ids) for ids in id_counts for rate in rates]
    rows += [("exec", rate, max(id_counts)) for rate in rates]
    fake = NativeFake(max(id_counts))
    try:
        exporter = Exporter(fake.url, log_level="info")
        poll(lambda: "full scan done" in exporter.logs(), timeout=600, what="convergence")
        for mix, rate, ids in rows:
            results = [storm_run(exporter, fake, mix, rate, ids, seconds) for _ in range(runs)]
            median = lambda key: statistics.median(r[key] for r in results)
            p99s = sorted((r["p99"] if r["p99"] is not None else 0) for r in results)
            print(f"| {mix} | {rate:,} | {ids:,} | {median('sent_rate'):,.0f} | {min(r['counted'] for r in results) * 100:.1f} % "
                  f"| {bound_text(p99s[len(p99s) // 2])} | {bound_text(p99s[-1])} | {median('inspects'):,.0f} | "
                  f"{median('cpu') * 100:.0f} % | {max(r['write_ms'] for r in results):.1f} ms |")
        exporter.stop()
    finally:
        fake.close()


def idle(seconds):
    fake = NativeFake(1000)
    try:
        exporter = Exporter(fake.url, log_level="info")
        poll(lambda: docker_up(exporter), timeout=600, what="convergence")
        pid = exporter.process.pid
        before = cpu_seconds(pid)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            time.sleep(1)  # measuring the exporter's idleness, not waiting for it
        used = cpu_seconds(pid) - before
        print(f"\n## Idle cost\n\n1,000 containers, no events, no scrapes, {seconds} s: {used:.2f} s of CPU "
              f"({used / seconds * 100:.3f} % of a core; /proc/<pid>/stat resolution is 10 ms).")
        exporter.stop()
    finally:
        fake.close()


def instructions(*args):
    out_file = "/tmp/dse-callgrind.out"
    run = subprocess.run(["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}",
                          os.path.join(BUILD, "bench", "bench_hot_paths"), *args], capture_output=True, text=True)
    return int(re.search(r"Collected : (\d+)", run.stderr).group(1))


def callgrind():
    print("\n## Instruction counts (valgrind --tool=callgrind; set-up subtracted)\n")
    print("| hot path | instructions |")
    print("|---|---|")
    per_event = (instructions("event", "1000") - instructions("event", "0")) / 1000
    print(f"| decode one event line, parse its inspect, judge and store (per event) | {per_event:,.0f} |")
    state = instructions("state", "10000")
    first = instructions("scrape", "10000")
    again = instructions("rescrape", "10000")
    print(f"| first scrape of 10,000 containers (every container's series rendered) | {first - state:,.0f} |")
    print(f"| the next scrape, after one container changed | {again - first:,.0f} |")
    cold = (instructions("profile", "100") - instructions("profile", "0")) / 100
    warm = (instructions("reprofile", "1000") - instructions("reprofile", "1")) / 999
    print(f"| analyse Docker's default (14 KB) as a container's custom profile, first seen | {cold:,.0f} |")
    print(f"| the same, the same text seen before (cached) | {warm:,.0f} |")


def storm_rates():
    return [int(x) for x in os.environ.get("BENCH_RATES", "5000 10000 20000 40000").split()]


def storm_ids():
    return [int(x) for x in os.environ.get("BENCH_STORM_IDS", "20 200 2000").split()]


def main():
    if os.environ.get("BENCH_ONLY") == "scale":
        scale([int(x) for x in os.environ.get("BENCH_SCALE", "10000 50000").split()])
        return
    if os.environ.get("BENCH_ONLY") == "storm":
        paced_storm(storm_rates(), storm_ids())
        return
    if os.environ.get("BENCH_ONLY") == "real":
        real_engine(int(os.environ.get("BENCH_N", "200")), int(os.environ.get("BENCH_LATENCY", "100")))
        return
    if os.environ.get("BENCH_ONLY") == "idle":
        idle(int(os.environ.get("BENCH_IDLE", "60")))
        return
    if os.environ.get("BENCH_ONLY") == "audit":
        audit_bench.audit(int(os.environ.get("BENCH_AUDIT", "200000")))
        return
    if os.environ.get("BENCH_ONLY") == "hostile":
        hostile_bench.hostile()
        return
    if os.environ.get("BENCH_ONLY") == "learning":
        learning_bench.learning()
        return
    if os.environ.get("BENCH_ONLY") == "webreload":
        web_reload_bench.web_reload()
        return
    if os.environ.get("BENCH_ONLY") == "callgrind":
        callgrind()
        return
    if os.environ.get("BENCH_ONLY") == "split":
        split_bench.split(NativeFake)
        return
    n = int(os.environ.get("BENCH_N", "200"))
    real_engine(n, int(os.environ.get("BENCH_LATENCY", "100")))
    scale([int(x) for x in os.environ.get("BENCH_SCALE", "10000 50000").split()])
    storm(int(os.environ.get("BENCH_STORM", "100000")))
    paced_storm(storm_rates(), storm_ids())
    idle(int(os.environ.get("BENCH_IDLE", "60")))
    audit_bench.audit(int(os.environ.get("BENCH_AUDIT", "200000")))
    hostile_bench.hostile()
    learning_bench.learning()
    web_reload_bench.web_reload()
    split_bench.split(NativeFake)
    callgrind()


if __name__ == "__main__":
    main()
