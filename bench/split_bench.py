"""Issue 23 part 4: what the endpoint in its own process costs. At 10,000 simulated containers, scrapes by curl
(median and p90 of 30) and the CPU they take, summed over the exporter's processes (the engine side and, split,
the web side), with --web.separate-process (the default) and without it, alternating."""
import os
import re
import statistics
import subprocess
import time

from harness import Exporter, poll

SCRAPES = 30


def children(pid):
    with open(f"/proc/{pid}/task/{pid}/children") as f:
        return [int(child) for child in f.read().split()]


def cpu_seconds(pids):
    total = 0.0
    for pid in pids:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def memory_mib(pids, field):
    """Rss or Pss (shared library pages divided among the processes that map them) summed, from smaps_rollup."""
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            total += int(re.search(rf"^{field}:\s+(\d+) kB", f.read(), re.M).group(1))
    return total / 1024


def curl(exporter, compressed=False):
    gzip = ["-H", "Accept-Encoding: gzip"] if compressed else []
    out = subprocess.run(["curl", "-s", *gzip, "-o", "/dev/null", "-w", "%{time_total}", f"{exporter.base}/metrics"],
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


def scrapes(exporter, pids, between=None, compressed=False):
    """(seconds of each, CPU seconds per scrape) of SCRAPES scrapes; between() runs before each, outside the CPU."""
    times, cpu = [], 0.0
    for _ in range(SCRAPES):
        if between:
            between()
        before = cpu_seconds(pids)
        times.append(curl(exporter, compressed))
        cpu += cpu_seconds(pids) - before
    return times, cpu / SCRAPES


def cell(times, cpus):
    times = sorted(times)
    return (f"{statistics.median(times) * 1000:.1f} / {times[int(len(times) * 0.9)] * 1000:.1f} ms / "
            f"{statistics.mean(cpus) * 1000:.1f} ms")


MODES = (("separate process (default)", ()), ("one process", ("--no-web.separate-process",)))


def split(native_fake, n=10000, rounds=3):
    print(f"\n## The endpoint in its own process ({n:,} simulated containers)\n")
    print(f"Scrapes by curl, one at a time: {rounds} rounds of {SCRAPES} per mode, the modes alternating (this VM's "
          "timings drift); median and p90, and the CPU of all the exporter's processes per scrape (10 ms ticks, "
          "summed). \"Changed\": one container re-inspected before each scrape, so the render is paid; "
          "\"unchanged\": nothing changed (a sequential scraper holds no answer, so it is rendered again too). "
          "Prometheus asks for gzip.\n")
    print("| mode | processes | RSS / PSS after, all processes | identity, unchanged: median / p90 / CPU | identity, changed | "
          "gzip, unchanged |")
    print("|---|---|---|---|---|---|")
    fake = native_fake(n)
    results = {label: {"unchanged": ([], []), "changed": ([], []), "gzip": ([], []), "rss": [], "pss": [], "pids": 0}
               for label, _ in MODES}
    try:
        for _ in range(rounds):
            for label, flags in MODES:
                exporter = Exporter(fake.url, *flags, log_level="info")
                try:
                    poll(lambda: "full scan done" in exporter.logs(), timeout=600, interval=0.01, what="the scan")
                    pids = [exporter.process.pid, *children(exporter.process.pid)]
                    curl(exporter)  # the first render, outside the figures
                    kept = results[label]
                    for kind, between, compressed in (
                            ("unchanged", None, False),
                            ("changed", lambda: (fake.storm(1000, 0.001, 1), time.sleep(0.02)), False),
                            ("gzip", None, True)):
                        times, cpu = scrapes(exporter, pids, between, compressed)
                        kept[kind][0].extend(times)
                        kept[kind][1].append(cpu)
                    kept["rss"].append(memory_mib(pids, "Rss"))
                    kept["pss"].append(memory_mib(pids, "Pss"))
                    kept["pids"] = len(pids)
                finally:
                    exporter.stop()
        for label, _ in MODES:
            kept = results[label]
            print(f"| {label} | {kept['pids']} | {statistics.median(kept['rss']):.1f} / "
                  f"{statistics.median(kept['pss']):.1f} MiB | " +
                  " | ".join(cell(*kept[kind]) for kind in ("unchanged", "changed", "gzip")) + " |")
    finally:
        fake.close()
