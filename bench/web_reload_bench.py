"""Issue 25 part 4: what one web-config reload may cost. The file is at most 64 KiB (max_web_config_bytes),
read and parsed on the event loop at the first connection after it changed; each case is that worst case
of one kind. Measured per case in a fresh exporter: the answer time of the connection that carries the
reload (median and max of 5 reloads, against the same answer without one) and the rise of the peak RSS
(VmHWM)."""
import crypt
import os
import shutil
import socket
import statistics
import tempfile
import time

from harness import Exporter, FakeDocker, inspect_body, make_pki, poll, series

CAP = 64 * 1024  # max_web_config_bytes
PEM_CAP = 1024 * 1024  # max_pem_file_bytes, for the files the web config names
SMALL = "basic_auth_users:\n  admin: {hash}\n"


def peak_mib(pid):
    with open(f"/proc/{pid}/status") as f:
        return int(next(line for line in f if line.startswith("VmHWM:")).split()[1]) / 1024


def answer_seconds(port):
    """One connection, one request, read to the close: the reload happens before its answer."""
    started = time.monotonic()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as s:
        s.sendall(b"GET /-/healthy HTTP/1.1\r\nHost: bench\r\nConnection: close\r\n\r\n")
        while s.recv(65536):
            pass
    return time.monotonic() - started


def padded(text, filler):
    """text after as many filler lines as keep the whole at the cap."""
    count = (CAP - len(text)) // len(filler)
    return filler * count + text


def cases(directory, hash_):
    users = "".join(f"  user{i:06d}: {hash_}\n" for i in range((CAP - 40) // (len(hash_) + 16)))
    with open(os.path.join(directory, "ca.pem")) as f:
        ca = f.read()
    with open(os.path.join(directory, "bundle.pem"), "w") as f:
        f.write(ca * (PEM_CAP // len(ca)))
    tls = ("tls_server_config:\n  cert_file: server-cert.pem\n  key_file: server-key.pem\n"
           "  client_auth_type: RequireAndVerifyClientCert\n  client_ca_file: bundle.pem\n")
    return [
        ("the same small file again", SMALL.format(hash=hash_), "reloaded"),
        ("64 KiB of comments, then a small config", padded(SMALL.format(hash=hash_), "# " + "c" * 77 + "\n"),
         "reloaded"),
        (f"64 KiB of basic_auth_users ({users.count(chr(10)):,} users)", "basic_auth_users:\n" + users, "reloaded"),
        ("64 KiB flow list under an unknown key", "x: [" + "1, " * ((CAP - 10) // 3) + "1]\n", "refused"),
        ("64 KiB of nested flow sequences", "x: " + "[" * (CAP // 2 - 4) + "]" * (CAP // 2 - 4) + "\n", "refused"),
        (f"TLS with a 1 MiB client CA bundle ({PEM_CAP // len(ca)} certificates)", tls, "reloaded"),
        ("64 KiB + 1 byte", "#" * CAP + "\n", "refused"),
    ]


def write(path, text):
    fresh = path + ".new"
    with open(fresh, "w") as f:
        f.write(text)
    os.rename(fresh, path)  # a new inode: the exporter sees a change even when the text is the same


def web_reload(runs=5):
    print("\n## A web-config reload, bounded (issue 25)\n")
    print("Each case is written over a small valid web config 5 times, in a fresh exporter; the answer time is "
          "that of the connection whose arrival reloads the file (the reload runs on the event loop before the "
          "answer), against the same request with no change.\n")
    print("| case | outcome | answer with the reload: median / max | without | peak RSS rise |")
    print("|---|---|---|---|---|")
    directory = tempfile.mkdtemp(prefix="dse-web-bench-")
    fake = FakeDocker({"c" * 64: inspect_body("c" * 64, "web")})
    try:
        make_pki(directory, "bench")
        hash_ = crypt.crypt("s3cret", crypt.mksalt(crypt.METHOD_BLOWFISH, rounds=2 ** 10))
        path = os.path.join(directory, "web.yml")
        for name, text, expected in cases(directory, hash_):
            write(path, SMALL.format(hash=hash_))
            exporter = Exporter(fake.url, "--web.config.file", path, log_level="info")
            try:
                quiet = statistics.median(answer_seconds(exporter.port) for _ in range(20))
                before = peak_mib(exporter.process.pid)
                times = []
                for _ in range(runs):
                    write(path, text)
                    times.append(answer_seconds(exporter.port))
                    write(path, SMALL.format(hash=hash_))
                    answer_seconds(exporter.port)
                logs = exporter.logs()
                outcome = "refused, the running one kept" if "not reloaded" in logs else "reloaded"
                assert outcome.startswith(expected), (name, outcome, logs[-2000:])
                rise = peak_mib(exporter.process.pid) - before
            finally:
                exporter.stop()
            print(f"| {name} | {outcome} | {statistics.median(times) * 1000:.1f} / {max(times) * 1000:.1f} ms | "
                  f"{quiet * 1000:.2f} ms | {rise:.1f} MiB |")
    finally:
        fake.close()
        shutil.rmtree(directory)
