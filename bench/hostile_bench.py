"""Issue 26's hostile host, measured: 500 containers named 60 KB each, 40 clients on the status page, and 80
clients that ask for /metrics and never read their answer. RSS and the scrape p99 by curl's clock."""
import socket
import statistics
import subprocess
import threading
import time
import urllib.request

from harness import Exporter, FakeDocker, inspect_body, poll, series

KEYS = [f"com.example.k{i}" for i in range(16)]


def rss_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(next(line for line in f if line.startswith("VmRSS:")).split()[1]) / 1024


def curl_seconds(url):
    out = subprocess.run(["curl", "-s", "-o", "/dev/null", "-w", "%{time_total}", url], capture_output=True, check=True)
    return float(out.stdout)


def host(containers, long_names, labels):
    bodies = {}
    for i in range(containers):
        container_id = f"{i:064x}"
        body = inspect_body(container_id, f"{i:05d}" + ("n" * 60_000 if i < long_names else ""))
        body["Config"]["Labels"] = {key: "v" * 300 for key in KEYS} if labels else {}
        bodies[container_id] = body
    return FakeDocker(bodies)


def scrapes_while(exporter, load, count=50):
    """Scrape times (curl) while load() runs in 4 threads until the scrapes are done."""
    stop = threading.Event()
    threads = [threading.Thread(target=load, args=(stop,), daemon=True) for _ in range(4)]
    for t in threads:
        t.start()
    times = [curl_seconds(exporter.base + "/metrics") for _ in range(count)]
    stop.set()
    for t in threads:
        t.join()
    return times


def p99(times):
    return sorted(times)[min(len(times) - 1, int(round(0.99 * (len(times) - 1))))]


def hostile():
    print("\n## A hostile host (issue 26): 60 KB names, readers that never read\n")
    print("Before: the issue's figures on the previous main (dockerd 20.10, 500 containers named 60 KB): /metrics "
          "30.9 MB, status page 30.7 MB in 1.5 s, RSS 25 -> 142 MB, a scrape 11 s with 40 clients on `/`, RSS 4.3 GB "
          "with 80 clients that do not read.\n")
    print("| case | /metrics | status page | RSS | scrape p50 / p99 (curl, 50) | clients dropped |")
    print("|---|---|---|---|---|---|")
    fake = host(500, 500, labels=False)
    exporter = Exporter(fake.url, log_level="info")
    try:
        poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], timeout=120, what="up")
        size = len(exporter.metrics_text())
        started = time.monotonic()
        page = exporter.get("/")[2]
        page_seconds = time.monotonic() - started

        def status_page_clients(stop):
            while not stop.is_set():
                for _ in range(10):  # 4 threads x 10: 40 clients on "/"
                    urllib.request.urlopen(exporter.base + "/", timeout=60).read()

        times = scrapes_while(exporter, status_page_clients)
        print(f"| 500 x 60 KB names, 40 clients on `/` | {size / 1e6:.2f} MB | {len(page) / 1e6:.2f} MB in "
              f"{page_seconds * 1000:.0f} ms | {rss_mib(exporter.process.pid):.0f} MiB | "
              f"{statistics.median(times) * 1000:.0f} / {p99(times) * 1000:.0f} ms | - |")
    finally:
        exporter.stop()
        fake.close()

    fake = host(4000, 500, labels=True)
    exporter = Exporter(fake.url, "--metrics.docker-labels", ",".join(KEYS), log_level="info")
    try:
        poll(lambda: series(exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], timeout=300, what="up")
        size = len(exporter.metrics_text())
        before = rss_mib(exporter.process.pid)
        peak = [before]

        def non_readers(stop):
            while not stop.is_set():
                stalled = []
                for _ in range(20):  # 4 threads x 20: 80 clients that never read
                    s = socket.socket()
                    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
                    s.connect(("127.0.0.1", exporter.port))
                    s.sendall(b"GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n")
                    stalled.append(s)
                stop.wait(2)
                peak[0] = max(peak[0], rss_mib(exporter.process.pid))
                for s in stalled:
                    s.close()

        times = scrapes_while(exporter, non_readers)
        dropped = series(exporter.metrics(), "docker_seccomp_http_slow_clients_dropped_total")[0][1]
        print(f"| 4,000 containers, 16 label values of 300 bytes, 80 clients that do not read (reconnecting every "
              f"2 s) | {size / 1e6:.1f} MB | - | {before:.0f} -> peak {peak[0]:.0f} MiB | "
              f"{statistics.median(times) * 1000:.0f} / {p99(times) * 1000:.0f} ms | {dropped:.0f} |")
    finally:
        exporter.stop()
        fake.close()
