#!/usr/bin/env python3
"""Checks the house rules of lib/ (and daemon/): every include between folders is allowed by lib/LAYERS,
LAYERS itself has no cycle and names every folder, no file in lib/ is 300 lines or longer, and only the I/O
shell (dse_lib in lib/CMakeLists.txt) reaches Boost.Asio or Beast: nothing dse_core compiles includes them,
directly or through a header of lib/ (each such translation unit takes ~25 s to build on 2 cores).

usage: scripts/check_layers.py [ROOT]    (ROOT: the repository, default: this script's parent folder)
Prints one line per violation and exits 1, or exits 0 in silence.
"""
import pathlib
import re
import sys

MAX_LINES = 300
SOURCE_SUFFIXES = {".hpp", ".cpp", ".h", ".cc"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)/[^"]+"', re.MULTILINE)
LIB_INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.MULTILINE)
ASIO_OR_BEAST = re.compile(r'^\s*#\s*include\s+<(boost/(?:asio|beast)[^>]*)>', re.MULTILINE)
CORE_SOURCES = re.compile(r'add_library\(dse_core STATIC([^)]*)\)')


def read_layers(path):
    """LAYERS as {folder: set of folders it may include}, in file order; errors for a malformed line."""
    allowed, errors = {}, []
    for number, line in enumerate(path.read_text().splitlines(), 1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, colon, rest = line.partition(":")
        name = name.strip()
        if not colon or not name:
            errors.append(f"{path}:{number}: want 'folder: folders it may include'")
            continue
        if name in allowed:
            errors.append(f"{path}:{number}: {name} is listed twice")
        allowed[name] = set(rest.split())
    for name, uses in allowed.items():
        for used in sorted(uses - set(allowed)):
            errors.append(f"{path}: {name} may include {used}, which LAYERS does not list")
    return allowed, errors


def find_cycle(allowed):
    """One cycle of the allowed graph as a list of folders, or None."""
    state = {}  # folder -> "visiting" or "done"

    def visit(node, trail):
        state[node] = "visiting"
        for used in sorted(allowed.get(node, ())):
            if state.get(used) == "visiting":
                return trail[trail.index(used):] + [used]
            if used not in state:
                found = visit(used, trail + [used])
                if found:
                    return found
        state[node] = "done"
        return None

    for node in allowed:
        if node not in state:
            found = visit(node, [node])
            if found:
                return found
    return None


def source_files(folder):
    return sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix in SOURCE_SUFFIXES)


def shell_only_errors(lib):
    """Files dse_core compiles, with the lib/ headers they reach, that include Asio or Beast."""
    found = CORE_SOURCES.search((lib / "CMakeLists.txt").read_text())
    if not found:
        return ["lib/CMakeLists.txt: no add_library(dse_core STATIC ...) to check"]
    reached = {}  # file -> the core source it was reached from
    pending = [(lib / name, name) for name in found.group(1).split() if not name.startswith("#")]
    while pending:
        path, source = pending.pop()
        if path in reached or not path.is_file():
            continue
        reached[path] = source
        for match in LIB_INCLUDE.finditer(path.read_text(errors="replace")):
            pending.append((lib / match.group(1), source))
    errors = []
    for path, source in sorted(reached.items()):
        for match in ASIO_OR_BEAST.finditer(path.read_text(errors="replace")):
            through = "" if path == lib / source else f", reached from {source}"
            errors.append(f"lib/{path.relative_to(lib)}: includes <{match.group(1)}> but is compiled into dse_core"
                          f"{through}; only the I/O shell (dse_lib) includes Boost.Asio or Beast")
    return errors


def check(root):
    root = pathlib.Path(root)
    lib = root / "lib"
    allowed, errors = read_layers(lib / "LAYERS")
    cycle = find_cycle(allowed)
    if cycle:
        errors.append("lib/LAYERS has a cycle: " + " -> ".join(cycle))

    folders = {p.name: p for p in sorted(lib.iterdir()) if p.is_dir()}
    if (root / "daemon").is_dir():
        folders["daemon"] = root / "daemon"
    for name in sorted(set(folders) - set(allowed)):
        errors.append(f"{name}/ is not in lib/LAYERS: say which layer it belongs to")

    for name, folder in folders.items():
        may_use = allowed.get(name, set())
        for path in source_files(folder):
            text = path.read_text(errors="replace")
            relative = path.relative_to(root)
            for match in INCLUDE.finditer(text):
                used = match.group(1)
                if used != name and used in allowed and used not in may_use:
                    line = text.count("\n", 0, match.start()) + 1
                    errors.append(f"{relative}:{line}: {name}/ may not include {used}/ "
                                  f"(lib/LAYERS: {name}: {' '.join(sorted(may_use)) or 'nothing'})")
            if name != "daemon":
                lines = text.count("\n")
                if lines >= MAX_LINES:
                    errors.append(f"{relative}: {lines} lines; split it (files in lib/ stay under {MAX_LINES})")
    errors.extend(shell_only_errors(lib))
    return errors


def main(argv):
    root = argv[1] if len(argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    errors = check(root)
    for error in errors:
        print(error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
