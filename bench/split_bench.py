"""Issue 23 part 4: what the endpoint in its own process costs. At 10,000 simulated containers, scrapes by curl
(median and p90 of 30) and the CPU they take, summed over the exporter's processes (the engine side and, split,
the web side), with --web.separate-process (the default) and without it."""
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


def rss_mib(pids):
    total = 0
    for pid in pids:
        with open(f"/proc/{pid}/status") as f:
            total += int(re.search(r"VmRSS:\s+(\d+) kB", f.read()).group(1))
    return total / 1024


def curl(exporter, compressed=False):
    gzip = ["-H", "Accept-Encoding: gzip"] if compressed else []
    out = subprocess.run(["curl", "-s", *gzip, "-o", "/dev/null", "-w", "%{time_total}", f"{exporter.base}/metrics"],
                         capture_output=True, text=True, check=True)
    return float(out.stdout)


def scrapes(exporter, pids, between=None, compressed=False):
    """(median s, p90 s, CPU ms per scrape) of SCRAPES scrapes; between() runs before each, outside the CPU."""
    times, cpu = [], 0.0
    for _ in range(SCRAPES):
        if between:
            between()
        before = cpu_seconds(pids)
        times.append(curl(exporter, compressed))
        cpu += cpu_seconds(pids) - before
    times.sort()
    return statistics.median(times), times[int(len(times) * 0.9)], cpu / SCRAPES * 1000


def split(native_fake, n=10000):
    print(f"\n## The endpoint in its own process ({n:,} simulated containers)\n")
    print("Scrapes by curl, one at a time, 30 each: median and p90, and the CPU of the exporter's processes per "
          "scrape (ticks of 10 ms, summed over 30). \"Changed\": one container re-inspected before each scrape, "
          "so the render is paid; \"unchanged\": the engine side's last answer within its 1 s share window.\n")
    print("| mode | processes | RSS after | unchanged: median / p90 / CPU | changed: median / p90 / CPU | "
          "gzip, unchanged: median / p90 / CPU |")
    print("|---|---|---|---|---|---|")
    fake = native_fake(n)
    try:
        for label, flags in (("separate process (default)", ()), ("one process", ("--no-web.separate-process",))):
            exporter = Exporter(fake.url, *flags, log_level="info")
            try:
                poll(lambda: "full scan done" in exporter.logs(), timeout=600, interval=0.01, what="the scan")
                pids = [exporter.process.pid, *children(exporter.process.pid)]
                curl(exporter)  # the first render, outside the figures
                unchanged = scrapes(exporter, pids)
                changed = scrapes(exporter, pids, between=lambda: (fake.storm(1000, 0.001, 1), time.sleep(0.02)))
                zipped = scrapes(exporter, pids, compressed=True)
                cells = [f"{m * 1000:.1f} / {p * 1000:.1f} ms / {c:.1f} ms" for m, p, c in (unchanged, changed, zipped)]
                print(f"| {label} | {len(pids)} | {rss_mib(pids):.1f} MiB | " + " | ".join(cells) + " |")
            finally:
                exporter.stop()
    finally:
        fake.close()
