"""The seccomp audit collector (--collector.seccomp-audit) against the limit: a plain netlink reader.

Records come from tests/helpers/seccomp_log_loop (a host process whose getppid calls the kernel logs), paced
or as fast as it can; the exporter counts them as unattributed, so nothing but the collector is measured.
"""
import os
import subprocess
import time

from harness import Exporter, FakeDocker, poll, series

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BUILD = os.path.join(ROOT, "build")
LOOP = os.path.join(BUILD, "tests", "seccomp_log_loop")
READER = os.path.join(BUILD, "bench", "bench_netlink_reader")


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def dropped(exporter, reason):
    [(_, value)] = series(exporter.metrics(), "docker_seccomp_audit_records_dropped_total", reason=reason)
    return value


def one_run(exporter, count, rate):
    reader = subprocess.Popen([READER, str(count)], stdout=subprocess.PIPE, text=True)
    assert reader.stdout.readline().strip() == "ready"
    before_counted, before_lost = dropped(exporter, "unattributed"), dropped(exporter, "lost")
    before_cpu = cpu_seconds(exporter.process.pid)
    started = time.monotonic()
    subprocess.run([LOOP, str(count), str(rate)], check=True, stdout=subprocess.DEVNULL)
    elapsed = time.monotonic() - started
    try:
        poll(lambda: dropped(exporter, "unattributed") - before_counted >= count, timeout=10, what="the records")
    except AssertionError:
        pass  # some were lost: reported below
    counted = dropped(exporter, "unattributed") - before_counted
    lost = dropped(exporter, "lost") - before_lost
    cpu = cpu_seconds(exporter.process.pid) - before_cpu
    reader_records, reader_lost, reader_cpu = reader.communicate(timeout=30)[0].split()
    return {"rate": count / elapsed, "counted": int(counted), "lost_events": int(lost), "cpu": cpu,
            "reader_records": int(reader_records), "reader_lost": int(reader_lost), "reader_cpu": float(reader_cpu)}


def audit(count=200_000, rates=(20_000, 0)):
    decode = subprocess.run([os.path.join(BUILD, "bench", "bench_audit_decode"), "2000000"],
                            capture_output=True, text=True, check=True).stdout.strip()
    print("\n## Seccomp audit collector\n")
    print(f"Decoding alone (`bench_audit_decode`: netlink framing, record, syscall name, per-container count): {decode}.\n")
    print("Live, through the kernel: a host process makes logged calls at the rate shown; the exporter and a plain")
    print("netlink reader (the limit: `recv` and count, no decoding) read the same multicast group side by side.\n")
    print("| asked | achieved | exporter counted | exporter overflows | exporter CPU per record | plain reader counted | plain reader CPU per record |")
    print("|---|---|---|---|---|---|---|")
    fake = FakeDocker({})
    exporter = Exporter(fake.url, "--collector.seccomp-audit", log_level="info")
    try:
        poll(lambda: series(exporter.metrics(), "docker_seccomp_audit_collector_up") == [({}, 1.0)])
        for rate in rates:
            r = one_run(exporter, count, rate)
            asked = f"{rate:,}/s" if rate else "as fast as it can"
            print(f"| {asked} | {r['rate']:,.0f}/s | {r['counted']:,} of {count:,} | {r['lost_events']} | "
                  f"{r['cpu'] / max(r['counted'], 1) * 1e6:.2f} µs ({r['counted'] / max(r['cpu'], 1e-9):,.0f}/s a core) | "
                  f"{r['reader_records']:,} | {r['reader_cpu'] / max(r['reader_records'], 1) * 1e6:.2f} µs |")
    finally:
        exporter.stop()
        fake.close()
