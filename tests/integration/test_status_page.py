"""The status page at "/", rendered by the real headless Chromium: content, order, escaping."""
import os
import subprocess
import tempfile
import unittest
from html.parser import HTMLParser

from harness import CHROMIUM, Exporter, FakeDocker, inspect_body, poll, series

HOSTILE = '<img src=x onerror="document.title=\'pwned\'"><script>document.title="pwned"</script>'


class Rows(HTMLParser):
    """Collects the rendered table's cells and every element name, to see what became markup."""

    def __init__(self):
        super().__init__()
        self.rows, self.tags, self.title, self.text = [], [], "", ""
        self._cell = None
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = ""
        elif tag == "title":
            self._in_title = True

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(self._cell.strip())
            self._cell = None
        elif tag == "title":
            self._in_title = False

    def handle_data(self, data):
        self.text += data
        if self._cell is not None:
            self._cell += data
        if self._in_title:
            self.title += data


class StatusPage(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.fake = FakeDocker({
            "a" * 64: inspect_body("a" * 64, "web"),
            "b" * 64: inspect_body("b" * 64, HOSTILE, image='evil"><b>image', security_opt=["seccomp=unconfined"]),
            "c" * 64: inspect_body("c" * 64, "infra", privileged=True),
        })
        cls.exporter = Exporter(cls.fake.url)
        poll(lambda: series(cls.exporter.metrics(), "docker_seccomp_docker_up") == [({}, 1.0)], what="docker_up")
        cls.profile = tempfile.mkdtemp(prefix="dse-chromium-")

    @classmethod
    def tearDownClass(cls):
        cls.exporter.stop()
        cls.fake.close()
        subprocess.run(["rm", "-rf", cls.profile])

    def chromium(self, *args):
        out = subprocess.run([*CHROMIUM, f"--user-data-dir={self.profile}", *args, self.exporter.base + "/"],
                             capture_output=True, text=True, timeout=120)
        self.assertEqual(out.returncode, 0, out.stderr[-2000:])
        return out.stdout

    def test_rendered_dom_lists_worst_first_and_escapes_container_strings(self):
        parser = Rows()
        parser.feed(self.chromium("--dump-dom"))
        header, *rows = [r for r in parser.rows if r]
        self.assertEqual(header[:5], ["Container", "Image", "State", "Verdict", "Reason"])
        # Non-compliant first, by name (byte order: "<" sorts before letters).
        self.assertEqual([(r[0], r[3], r[4]) for r in rows], [
            (HOSTILE, "non-compliant", "unconfined"),
            ("infra", "non-compliant", "privileged"),
            ("web", "compliant", "default_profile"),
        ])
        self.assertEqual(rows[0][1], 'evil"><b>image')
        self.assertIn("without --privileged", rows[1][5])
        self.assertEqual(rows[2][5], "")
        # The profile column says what each runs under; the Kernel column has a legend.
        self.assertEqual(header[8], "Seccomp profile")
        self.assertEqual([r[8] for r in rows], ["none: seccomp=unconfined", "none: --privileged", "Docker's default"])
        self.assertIn("no filter (Seccomp: 0)", parser.text)
        # The hostile name stayed text: no element from it, and its script never ran.
        self.assertNotIn("img", parser.tags)
        self.assertEqual(parser.tags.count("script"), 0)
        self.assertEqual(parser.title, "docker-seccomp-exporter")

    def test_screenshot(self):
        path = os.path.join(self.profile, "status.png")
        self.chromium(f"--screenshot={path}", "--window-size=1280,720")
        with open(path, "rb") as f:
            self.assertEqual(f.read(8), b"\x89PNG\r\n\x1a\n")
        self.assertGreater(os.path.getsize(path), 10_000)
        keep = os.environ.get("DSE_SCREENSHOT")
        if keep:
            subprocess.run(["cp", path, keep], check=True)

    def test_summary_and_health(self):
        status, _, body = self.exporter.get("/")
        self.assertEqual(status, 200)
        self.assertIn('<div class="card bad"><b>2</b>non-compliant</div>', body)
        self.assertIn("Docker: <b>connected</b>", body)
        self.assertIn("engine fake-1.0", body)
        self.assertIn('<a href="/metrics">', body)


if __name__ == "__main__":
    unittest.main()
