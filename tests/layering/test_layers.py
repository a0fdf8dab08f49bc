"""The house rules (lib/LAYERS): the real tree keeps them, and the checker catches each way to break them."""
import pathlib
import shutil
import subprocess
import sys
import tempfile
import unittest

ROOT = pathlib.Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
import check_layers  # noqa: E402


class HouseTest(unittest.TestCase):
    def setUp(self):
        self.tmp = pathlib.Path(tempfile.mkdtemp())
        self.root = self.tmp / "repo"
        shutil.copytree(ROOT / "lib", self.root / "lib")
        shutil.copytree(ROOT / "daemon", self.root / "daemon")

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, relative, text):
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text)

    def append(self, relative, text):
        with open(self.root / relative, "a") as file:
            file.write(text)

    def test_the_tree_keeps_the_rules(self):
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_layers.py"), str(ROOT)],
                                capture_output=True, text=True)
        self.assertEqual(result.stdout, "")
        self.assertEqual(result.returncode, 0)

    def test_the_copy_keeps_them_too(self):
        # The cases below change one thing each in this copy: they fail for that change alone.
        self.assertEqual(check_layers.check(self.root), [])

    def test_an_include_that_climbs_fails(self):
        self.append("lib/state/exporter_state.hpp", '#include "metrics/label_options.hpp"\n')
        errors = check_layers.check(self.root)
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("lib/state/exporter_state.hpp:", errors[0])
        self.assertIn("state/ may not include metrics/", errors[0])

    def test_the_lowest_layer_includes_nothing_above(self):
        self.append("lib/util/logging.cpp", '#include "config/flags.hpp"\n')
        self.assertIn("util/ may not include config/", "\n".join(check_layers.check(self.root)))

    def test_main_may_not_reach_past_the_composition_root(self):
        self.append("daemon/main.cpp", '#include "monitor/monitor.hpp"\n')
        self.assertIn("daemon/ may not include monitor/", "\n".join(check_layers.check(self.root)))

    def test_a_cycle_in_layers_fails(self):
        self.append("lib/LAYERS", "# a change that makes util use app\n")
        text = (self.root / "lib/LAYERS").read_text().replace("\nutil:\n", "\nutil: app\n")
        (self.root / "lib/LAYERS").write_text(text)
        errors = check_layers.check(self.root)
        self.assertTrue(any(e.startswith("lib/LAYERS has a cycle: ") for e in errors), errors)

    def test_a_folder_not_in_layers_fails(self):
        self.write("lib/newthing/thing.hpp", "#pragma once\n")
        self.assertIn("newthing/ is not in lib/LAYERS", "\n".join(check_layers.check(self.root)))

    def test_a_file_of_300_lines_fails(self):
        self.write("lib/util/long.cpp", "// x\n" * 300)
        errors = check_layers.check(self.root)
        self.assertEqual(errors, ["lib/util/long.cpp: 300 lines; split it (files in lib/ stay under 300)"])

    def test_asio_or_beast_in_the_core_fails_even_through_a_header(self):
        self.append("lib/util/expected.hpp", "#include <boost/asio/buffer.hpp>\n")
        errors = check_layers.check(self.root)
        self.assertTrue(errors)
        self.assertTrue(all("lib/util/expected.hpp: includes <boost/asio/buffer.hpp> but is compiled into dse_core"
                            in e for e in errors), errors)
        self.assertIn("reached from", errors[0])

    def test_asio_in_the_shell_is_allowed(self):
        self.append("lib/docker/client.cpp", "#include <boost/asio/buffer.hpp>\n")
        self.assertEqual(check_layers.check(self.root), [])

    def test_the_command_says_what_is_wrong_and_exits_1(self):
        self.append("lib/docker/host.hpp", '#include "compliance/verdict.hpp"\n')
        result = subprocess.run([sys.executable, str(ROOT / "scripts" / "check_layers.py"), str(self.root)],
                                capture_output=True, text=True)
        self.assertEqual(result.returncode, 1)
        self.assertIn("docker/ may not include compliance/", result.stdout)


if __name__ == "__main__":
    unittest.main()
