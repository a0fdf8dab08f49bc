"""Real parts for integration tests: a private dockerd, the exporter binary, a metrics reader.

Everything polls with a deadline; nothing sleeps in place of synchronisation.
"""
import http.client
import json
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import threading
import tempfile
import time
import urllib.error
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXPORTER = os.environ.get("DSE_EXPORTER", os.path.join(ROOT, "build", "daemon", "docker-seccomp-exporter"))
IMAGE = "dse-busybox:latest"


# Headless Chromium as this machine runs it: no sandbox as root, and none of its calls home (refused here).
CHROMIUM = ["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"]


def free_port():
    """A loopback port nothing listens on now (for a process that binds it itself)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def kernel_modes(samples):
    """docker_seccomp_container_kernel_mode as {container name: mode}."""
    return {labels["name"]: labels["mode"] for labels, _ in series(samples, "docker_seccomp_container_kernel_mode")}


def poll(check, timeout=20.0, interval=0.05, what="condition"):
    """Calls check() until it returns a truthy value; fails with the last value after timeout seconds."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        last = check()
        if last:
            return last
        time.sleep(interval)
    raise AssertionError(f"timed out after {timeout}s waiting for {what}; last: {last!r}")


def run_script(script, *args, timeout=600):
    """One of scripts/ (they fetch and cache what the suite needs); its stdout, or RuntimeError with its stderr."""
    out = subprocess.run([os.path.join(ROOT, "scripts", script), *args], capture_output=True, text=True, timeout=timeout)
    if out.returncode != 0:
        raise RuntimeError(f"scripts/{script} {' '.join(args)} failed: {out.stderr[-2000:]}")
    return out.stdout.strip()


def newer_dockerd(script):
    """A later Debian release's dockerd, fetched and cached by scripts/docker26 or scripts/docker28."""
    return run_script(script)


def docker26_dockerd():
    """Docker 26.1's dockerd (Debian 13's docker.io)."""
    return newer_dockerd("docker26")


def docker28_dockerd():
    """Docker 28.5's dockerd (Debian sid's docker.io): privileged containers start on it here."""
    return newer_dockerd("docker28")


def default_profile_path():
    """The Docker default profile this build judges against (lib/compliance/default_profile_release.txt:
    moby 28.5's default.json, unpacked by scripts/fetch-default-profile, which prints its directory)."""
    return os.path.join(run_script("fetch-default-profile"), "default.json")


def moby2010_default_profile_path():
    """Docker 20.10's default profile (Debian 12's moby source, unpacked by scripts/moby-reference): it
    allows io_uring_setup, io_uring_enter and io_uring_register, which Docker's default refuses from 25."""
    path = ("/var/cache/docker-seccomp-exporter/moby-reference/gopath/usr/share/gocode/src/github.com/docker/docker/"
            "profiles/seccomp/default.json")
    if not os.path.exists(path):
        run_script("moby-reference", timeout=900)
    return path


class PrivateDockerd:
    """A dockerd of our own (scripts/private-dockerd); a failure to start fails the test, never skips it."""

    def __init__(self, extra_args="", dockerd="dockerd"):
        """dockerd: the binary, e.g. Docker 26.1's from docker26_dockerd()."""
        self.dir = tempfile.mkdtemp(prefix="dse-dockerd-")
        # Kept for resume_daemon: the same engine comes back.
        self.env = dict(os.environ, DSE_DOCKERD_ARGS=extra_args, DSE_DOCKERD=dockerd)
        env = self.env
        out = subprocess.run([os.path.join(ROOT, "scripts", "private-dockerd"), "start", self.dir],
                             env=env, capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            self.stop()
            raise RuntimeError(f"private dockerd did not start: {out.stderr}")
        self.socket = out.stdout.strip()
        self.url = "unix://" + self.socket

    def docker(self, *args, check=True):
        out = subprocess.run(["/usr/bin/docker", "-H", self.url, *args], capture_output=True, text=True, timeout=60)
        if check and out.returncode != 0:
            raise RuntimeError(f"docker {' '.join(args)} failed: {out.stderr}")
        return out.stdout.strip()

    def daemon_pid(self):
        with open(os.path.join(self.dir, "dockerd.pid")) as f:
            return int(f.read().strip())

    def kill_daemon(self, sig):
        """Stops dockerd with sig (SIGTERM or SIGKILL) and waits until it is gone; the data stays."""
        import signal as _signal
        pid = self.daemon_pid()
        os.kill(pid, sig)

        def gone():
            try:
                os.kill(pid, 0)
                # A killed child of ours would linger as a zombie: it is gone once it is one.
                with open(f"/proc/{pid}/stat") as f:
                    return f.read().split(")")[-1].split()[0] == "Z"
            except (ProcessLookupError, FileNotFoundError):
                return True
        poll(gone, timeout=60, what=f"dockerd to exit on {_signal.Signals(sig).name}")

    def resume_daemon(self):
        out = subprocess.run([os.path.join(ROOT, "scripts", "private-dockerd"), "resume", self.dir],
                             env=self.env,
                             capture_output=True, text=True, timeout=120)
        if out.returncode != 0:
            raise RuntimeError(f"dockerd did not come back: {out.stderr}")

    def api(self, method, path, body=None):
        """A raw Engine API call over the socket (faster than the CLI for bulk work)."""
        connection = UnixConnection(self.socket)
        try:
            payload = json.dumps(body).encode() if body is not None else None
            connection.request(method, "/v1.41" + path, body=payload, headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            data = response.read()
            if response.status >= 300:
                raise RuntimeError(f"{method} {path}: HTTP {response.status} {data[:200]!r}")
            return json.loads(data) if data else None
        finally:
            connection.close()

    def create(self, name, *options, command=("sleep", "600")):
        return self.docker("create", "--name", name, *options, IMAGE, *command)

    def stop(self):
        subprocess.run([os.path.join(ROOT, "scripts", "private-dockerd"), "stop", self.dir],
                       capture_output=True, timeout=120)
        shutil.rmtree(self.dir, ignore_errors=True)


SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$')
LABEL = re.compile(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"')


def parse_metrics(text):
    """Prometheus text format -> {(name, frozenset(labels.items())): float}."""
    samples = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        match = SAMPLE.match(line)
        if not match:
            raise AssertionError(f"unparsable exposition line: {line!r}")
        name, labels, value = match.groups()
        samples[(name, frozenset(LABEL.findall(labels or "")))] = float(value)
    return samples


def series(samples, metric_name, **labels):
    """The samples of one metric whose labels include the given ones: [(labels dict, value)]."""
    return [(dict(key), value) for (metric, key), value in samples.items()
            if metric == metric_name and all(dict(key).get(k) == v for k, v in labels.items())]


def write_learning_profile(path, *flags):
    """`profile learning FLAGS` of this build written to path (--minimal for the log-everything one); path."""
    with open(path, "w") as f:
        f.write(subprocess.run([EXPORTER, "profile", "learning", *flags], capture_output=True, text=True,
                               check=True).stdout)
    return path


def syscall_count(exporter, name, syscall, action="log"):
    """docker_seccomp_container_syscall_actions_total of one container and syscall, or None if not exported."""
    found = series(exporter.metrics(), "docker_seccomp_container_syscall_actions_total",
                   name=name, syscall=syscall, action=action)
    return found[0][1] if found else None


def audit_dropped(exporter, reason):
    """docker_seccomp_audit_records_dropped_total{reason}."""
    [(_, value)] = series(exporter.metrics(), "docker_seccomp_audit_records_dropped_total", reason=reason)
    return value


def terminate(process, timeout, first=signal.SIGTERM, group=False):
    """first (SIGTERM), then SIGKILL after timeout seconds, to the process or (group) its process group;
    returns (killed, seconds it took)."""
    if process.poll() is not None:
        return False, 0.0
    send = (lambda sig: os.killpg(process.pid, sig)) if group else process.send_signal
    started = time.monotonic()
    send(first)
    try:
        process.wait(timeout=timeout)
        return False, time.monotonic() - started
    except subprocess.TimeoutExpired:
        send(signal.SIGKILL)
        process.wait()
        return True, time.monotonic() - started


def compliance_by_name(samples):
    """docker_seccomp_container_compliant as {container name: (reason, value)}."""
    return {labels["name"]: (labels["reason"], value)
            for labels, value in series(samples, "docker_seccomp_container_compliant")}


def verdicts(exporter):
    return compliance_by_name(exporter.metrics())


class Exporter:
    """The real exporter binary on a free loopback port (it reports the port it bound)."""

    def __init__(self, docker_url, *flags, listen="127.0.0.1:0", env=None, log_level="debug"):
        self.log_path = tempfile.mktemp(prefix="dse-exporter-", suffix=".log")
        self.log = open(self.log_path, "w")
        self.process = subprocess.Popen(
            [EXPORTER, "--docker.host", docker_url, "--web.listen-address", listen, "--log.level", log_level,
             *flags], stdout=self.log, stderr=subprocess.STDOUT, env=dict(os.environ, **(env or {})))
        try:
            self.port = int(poll(self._bound_port, what="the exporter to listen"))
        except AssertionError:
            terminate(self.process, timeout=10)  # started here: never left running when the test fails here
            self.log.close()
            raise
        self.base = f"http://127.0.0.1:{self.port}"

    def _bound_port(self):
        if self.process.poll() is not None:
            raise AssertionError(f"exporter exited with {self.process.returncode}: {self.logs()}")
        match = re.search(r'(?:msg=listening .*\bport=|"msg":"listening".*"port":")(\d+)', self.logs())
        return match and match.group(1)

    def logs(self):
        with open(self.log_path) as f:
            return f.read()

    def get(self, path, method="GET", base=None):
        request = urllib.request.Request((base or self.base) + path, method=method)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def metrics_text(self):
        status, _, body = self.get("/metrics")
        assert status == 200, status
        return body

    def metrics(self):
        return parse_metrics(self.metrics_text())

    def stop(self):
        """SIGTERM; the exporter must exit 0 within 2 s and (under sanitizers) report nothing."""
        killed, took = terminate(self.process, timeout=10)
        self.log.close()
        logs = self.logs()
        os.unlink(self.log_path)
        if killed or self.process.returncode != 0 or "Sanitizer" in logs or "runtime error" in logs:
            raise AssertionError(f"exporter stopped badly (exit {self.process.returncode}, killed={killed}): {logs[-4000:]}")
        if took > 2.0:
            raise AssertionError(f"exporter took {took:.1f}s to exit on SIGTERM (at most 2 s)")


class NotifySocket:
    """A NOTIFY_SOCKET as systemd provides one; records (monotonic time, message) pairs. The time is the
    kernel's, of the datagram's arrival (SO_TIMESTAMP), not of this test's reading it: a test process slow to
    read (a loaded machine) must not make two pings look 0.45 s and 0 s apart when they were 0.2 s apart."""

    SO_TIMESTAMP = getattr(socket, "SO_TIMESTAMP", 29)

    def __init__(self):
        self.dir = tempfile.mkdtemp(prefix="dse-notify-")
        self.path = os.path.join(self.dir, "notify")
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
        self.sock.setsockopt(socket.SOL_SOCKET, self.SO_TIMESTAMP, 1)
        self.sock.bind(self.path)
        self.sock.settimeout(0.05)
        self.messages = []

    def drain(self):
        while True:
            try:
                data, ancillary, _, _ = self.sock.recvmsg(4096, socket.CMSG_SPACE(16))
            except (socket.timeout, BlockingIOError):
                return self.messages
            arrived = time.monotonic()
            for level, kind, value in ancillary:
                if level == socket.SOL_SOCKET and kind == self.SO_TIMESTAMP and len(value) >= 16:
                    seconds, microseconds = struct.unpack("qq", value[:16])
                    arrived -= time.time() - (seconds + microseconds / 1e6)  # its age, on the monotonic clock
            self.messages.append((arrived, data.decode()))

    def seen(self, message):
        return [t for t, m in self.drain() if message in m.split("\n")]

    def close(self):
        self.sock.close()
        os.unlink(self.path)
        os.rmdir(self.dir)


class TcpToUnixProxy:
    """Forwards a loopback TCP port to a unix socket, so that tcp:// Docker hosts can be tested."""

    def __init__(self, unix_path):
        self.unix_path = unix_path
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.port = self.listener.getsockname()[1]
        self.url = f"tcp://127.0.0.1:{self.port}"
        self.requests = []  # request lines seen, e.g. "GET /v1.41/_ping HTTP/1.1"
        self.open = []  # live sockets, both sides
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def cut(self):
        """Drops every connection and refuses new ones, as a dying network would; dockerd keeps running."""
        self.listener.shutdown(socket.SHUT_RDWR)  # wakes the accept() thread; a bare close() would not
        self.listener.close()
        for s in list(self.open):
            try:
                s.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass

    def restore(self):
        self.listener = socket.create_server(("127.0.0.1", self.port))
        threading.Thread(target=self._accept, args=(self.listener,), daemon=True).start()

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.socket(socket.AF_UNIX)
            upstream.connect(self.unix_path)
            self.open += [client, upstream]
            threading.Thread(target=self._pipe, args=(client, upstream, True), daemon=True).start()
            threading.Thread(target=self._pipe, args=(upstream, client, False), daemon=True).start()

    def _pipe(self, source, target, record):
        first = record
        try:
            while data := source.recv(65536):
                if first:
                    self.requests.append(data.split(b"\r\n", 1)[0].decode(errors="replace"))
                    first = False
                target.sendall(data)
        except OSError:
            pass
        finally:
            for s in (source, target):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass
            source.close()  # each socket is the source of exactly one pipe
            if source in self.open:
                self.open.remove(source)

    def close(self):
        try:
            self.listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self.listener.close()


class UnixConnection(http.client.HTTPConnection):
    """HTTP to the Engine API over its unix socket; kept alive between requests until closed."""

    def __init__(self, socket_path):
        super().__init__("docker", timeout=120)
        self.socket_path = socket_path

    def connect(self):
        self.sock = socket.socket(socket.AF_UNIX)
        self.sock.settimeout(120)
        self.sock.connect(self.socket_path)


class FakeDocker:
    """A scripted Docker Engine API on a unix socket, for what a real engine cannot produce.

    containers: {id: inspect dict}; info: the /info dict. The events stream stays open until close().
    """

    def __init__(self, containers, info=None, api_version="1.41", event_chunks=(), close_events=False,
                 faults=None, event_source=None, drop_idle=False, overtaken=(), info_delay=0.0):
        """event_chunks: raw bytes sent on the events stream, each as one HTTP chunk, then it stays open
        (or closes at once with close_events). faults: {container id: "reset" | "hang" | int status | bytes body}.
        event_source: a callable returning an iterable of chunks, written after event_chunks (paced by its own
        sleeps; for benchmarks). drop_idle: close every connection right after its response, without saying
        so (as an engine whose idle timeout struck would). overtaken: container ids whose every inspect is
        overtaken by an `update` event for it, sent on the stream 50 ms before the inspect is answered.
        info_delay: seconds /info takes to answer (dockerd's takes ~25 ms). arrivals: (monotonic time, path)
        of every request; info_answered_at: when /info was last answered. Set at any time: list_body (bytes
        served as the container list instead of the containers), ping_fault (an int status or "hang" for
        /_ping, as an engine that is stopping or hung)."""
        import http.server
        import socketserver
        self.dir = tempfile.mkdtemp(prefix="dse-fake-docker-")
        self.socket = os.path.join(self.dir, "docker.sock")
        self.url = "unix://" + self.socket
        self.containers = containers
        self.info = info or {"ServerVersion": "fake-1.0", "SecurityOptions": ["name=seccomp,profile=default"]}
        self.requests = []
        self.arrivals = []
        self.info_delay = info_delay
        self.list_body = None
        self.list_bodies_sent = 0  # list_body written in full
        self.ping_fault = None
        self.info_answered_at = None
        self.connections = 0
        self.closing = threading.Event()
        self.event_chunks = list(event_chunks)
        self.close_events = close_events
        self.faults = faults or {}
        self.event_source = event_source
        self.drop_idle = drop_idle
        self.overtaken = set(overtaken)
        self.event_streams = []
        self.event_lock = threading.Lock()
        fake = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def setup(self):
                fake.connections += 1
                super().setup()

            def handle_one_request(self):
                super().handle_one_request()
                if fake.drop_idle:
                    self.close_connection = True

            def address_string(self):
                return "unix"

            def log_message(self, *args):
                pass

            def send_json(self, status, value):
                body = json.dumps(value).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Api-Version", api_version)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def fault(self, fault):
                if fault == "hang":
                    fake.closing.wait()
                elif fault == "reset":
                    self.send_response(200)
                    self.send_header("Content-Length", "1000")
                    self.end_headers()
                    self.wfile.write(b'{"Id": "trunc')
                    self.wfile.flush()
                    self.connection.shutdown(socket.SHUT_RDWR)
                    self.close_connection = True
                elif isinstance(fault, int):
                    self.send_json(fault, {"message": "injected"})
                else:
                    self.send_response(200)
                    self.send_header("Content-Length", str(len(fault)))
                    self.end_headers()
                    try:
                        self.wfile.write(fault)
                    except (BrokenPipeError, ConnectionResetError):
                        self.close_connection = True  # the exporter refused a body it read part of


            def do_GET(self):
                fake.requests.append(self.path)
                fake.arrivals.append((time.monotonic(), self.path))
                path = re.sub(r"^/v[0-9.]+", "", self.path.split("?")[0])
                if path == "/_ping" and fake.ping_fault is not None:
                    self.fault(fake.ping_fault)
                elif path == "/_ping":
                    self.send_response(200)
                    self.send_header("Api-Version", api_version)
                    self.send_header("Content-Length", "2")
                    self.end_headers()
                    self.wfile.write(b"OK")
                elif path == "/events":
                    # The header and the subscription under one lock: an event sent once the client has the
                    # header (an overtaking inspect's) must reach it, and none may come before the header.
                    with fake.event_lock:
                        self.send_response(200)
                        self.send_header("Content-Type", "application/json")
                        self.send_header("Transfer-Encoding", "chunked")
                        self.end_headers()
                        self.wfile.flush()
                        if fake.close_events:
                            self.close_connection = True
                            return
                        fake.event_streams.append(self.wfile)
                    for chunk in fake.event_chunks:
                        self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                        self.wfile.flush()
                    if fake.event_source is not None:
                        for chunk in fake.event_source():
                            self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                            self.wfile.flush()
                    fake.closing.wait()
                elif path == "/info":
                    time.sleep(fake.info_delay)  # a slow engine, not synchronisation
                    self.send_json(200, fake.info)
                    fake.info_answered_at = time.monotonic()
                elif path == "/containers/json" and fake.list_body is not None:
                    self.fault(fake.list_body)
                    if not self.close_connection:
                        fake.list_bodies_sent += 1
                elif path == "/containers/json":
                    self.send_json(200, [{"Id": cid} for cid in fake.containers])
                elif (m := re.match(r"^/containers/([^/]+)/json$", path)) and m.group(1) in fake.faults:
                    self.fault(fake.faults[m.group(1)])
                elif (m := re.match(r"^/containers/([^/]+)/json$", path)) and m.group(1) in fake.containers:
                    if m.group(1) in fake.overtaken:
                        fake.send_event({"Type": "container", "Action": "update", "Actor": {"ID": m.group(1)},
                                         "timeNano": time.time_ns()})
                        time.sleep(0.05)  # the engine is slow to answer: the event is read first
                    self.send_json(200, fake.containers[m.group(1)])
                else:
                    self.send_json(404, {"message": "not found"})

        class Server(socketserver.ThreadingMixIn, socketserver.UnixStreamServer):
            daemon_threads = True
            request_queue_size = 128  # the default 5 refuses the exporter's concurrent inspects

        self.server = Server(self.socket, Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def send_event(self, event):
        self.send_line(json.dumps(event).encode() + b"\n")

    def send_line(self, line):
        """Raw bytes on every open events stream, as one chunk."""
        with self.event_lock:
            for stream in self.event_streams:
                try:
                    stream.write(b"%x\r\n%s\r\n" % (len(line), line))
                    stream.flush()
                except OSError:
                    pass

    def close(self):
        self.closing.set()
        self.server.shutdown()
        self.server.server_close()
        shutil.rmtree(self.dir, ignore_errors=True)


def inspect_body(container_id, name, image="busybox:latest", security_opt=None, privileged=False, state="created"):
    """A minimal inspect body with the fields the exporter reads."""
    return {"Id": container_id, "Name": "/" + name, "Image": "sha256:" + "0" * 64,
            "Config": {"Image": image, "Labels": {}},
            "State": {"Status": state, "Pid": 0},
            "HostConfig": {"Privileged": privileged, "SecurityOpt": security_opt}}


def openssl(*args, cwd):
    subprocess.run(["openssl", *args], cwd=cwd, check=True, capture_output=True, timeout=60)


def make_pki(directory, name):
    """A CA, a server certificate for 127.0.0.1 and a client certificate, as `docker` expects them."""
    os.makedirs(directory, exist_ok=True)
    openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", f"/CN={name} CA",
            "-keyout", "ca-key.pem", "-out", "ca.pem", cwd=directory)
    for role, ext in [("server", "subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth"),
                      ("client", "subjectAltName=DNS:scraper.test\nextendedKeyUsage=clientAuth")]:
        with open(os.path.join(directory, f"{role}.ext"), "w") as f:
            f.write(ext + "\n")
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", f"/CN={role}", "-keyout", f"{role}-key.pem",
                "-out", f"{role}.csr", cwd=directory)
        openssl("x509", "-req", "-in", f"{role}.csr", "-CA", "ca.pem", "-CAkey", "ca-key.pem", "-CAcreateserial",
                "-days", "2", "-extfile", f"{role}.ext", "-out", f"{role}-cert.pem", cwd=directory)
    # DOCKER_CERT_PATH layout: ca.pem, cert.pem, key.pem.
    os.rename(os.path.join(directory, "client-cert.pem"), os.path.join(directory, "cert.pem"))
    os.rename(os.path.join(directory, "client-key.pem"), os.path.join(directory, "key.pem"))
