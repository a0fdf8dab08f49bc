#!/usr/bin/env python3
"""Checks the house rules of lib/ (and daemon/): every include between folders is allowed by lib/LAYERS,
LAYERS itself has no cycle and names every folder, and no file in lib/ is 300 lines or longer.

usage: scripts/check_layers.py [ROOT]    (ROOT: the repository, default: this script's parent folder)
Prints one line per violation and exits 1, or exits 0 in silence.
"""
import pathlib
import re
import sys

MAX_LINES = 300
SOURCE_SUFFIXES = {".hpp", ".cpp", ".h", ".cc"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"/]+)/[^"]+"', re.MULTILINE)


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
    return errors


def main(argv):
    root = argv[1] if len(argv) > 1 else pathlib.Path(__file__).resolve().parent.parent
    errors = check(root)
    for error in errors:
        print(error)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
