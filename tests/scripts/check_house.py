#!/usr/bin/python3
"""Checks the house rules of docs/architecture.md on the source tree:

- every #include "..." names an existing file by its path from the
  repository root, and a folder includes only from the folders it may use
  (the table below, the same as docs/architecture.md "Who may use whom");
- the folders' own graph has no circle;
- SDL and Dear ImGui are included only by the UI shell and the views;
- no source folder holds more than 15 source files.

Prints one line per broken rule and exits 1, or prints a summary and exits 0.
Usage: check_house.py [REPO_ROOT]
"""
import pathlib
import re
import sys

ROOT = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
MAX_FILES = 15

COMMON = ["common/base", "common/time", "common/store", "common/wire", "common/chp", "common/vocab", "common/link", "common/access"]
# folder -> the folders (besides itself) whose headers it may include
MAY_USE = {
    "common/base": [],
    "common/time": ["common/base"],
    "common/store": ["common/base", "common/time"],
    "common/wire": ["common/base", "common/time"],
    "common/chp": ["common/base", "common/time", "common/wire"],
    "common/vocab": ["common/base", "common/time", "common/wire"],
    "common/link": ["common/base", "common/time", "common/wire", "common/vocab"],
    "common/ui": ["common/base", "common/time"],
    "common/access": ["common/base", "common/time", "common/wire"],
    "controller/access": COMMON,
    "controller/core": COMMON + ["controller/access"],
    "controller/trust": COMMON + ["controller/access", "controller/core", "controller/content"],
    "controller/content": COMMON + ["controller/access", "controller/core"],
    "controller/queue": COMMON + ["controller/core"],
    "controller/evaluations": COMMON + ["controller/core", "controller/content", "controller/queue"],
    "controller/upstream": COMMON + ["controller/core", "controller/evaluations"],
    "controller/reviews": COMMON + ["controller/core", "controller/content"],
    "controller/rankings": COMMON + ["controller/core", "controller/content", "controller/evaluations",
                                     "controller/reviews"],
    "controller/cases": COMMON + ["controller/core", "controller/content", "controller/evaluations"],
    "controller/report": COMMON + ["controller/core", "controller/content", "controller/evaluations",
                                   "controller/rankings", "controller/reviews", "controller/cases"],
    "controller": COMMON + ["controller/" + c for c in
                            ["access", "core", "trust", "content", "queue", "evaluations", "upstream", "reviews",
                             "rankings", "cases", "report"]],
    "console/admin": COMMON,
    # hallctl reads controller.toml, content files and renders the month report
    "console/hallctl": COMMON + ["console/admin", "controller", "controller/content", "controller/report"],
    "console/desk": COMMON + ["common/ui", "console/admin"],
    "kiosk/flow": COMMON,
    "kiosk/delivery": COMMON + ["kiosk/flow"],
    "kiosk": COMMON + ["common/ui", "kiosk/flow", "kiosk/delivery"],
    "signage/screen": COMMON,
    "signage": COMMON + ["common/ui", "signage/screen"],
}
# Files that may include SDL or Dear ImGui: the shell and the views.
UI_FILES = re.compile(r"^(common/ui/|console/desk/|kiosk/(main|view)\.|signage/(main|view|boards)\.)")
UI_INCLUDE = re.compile(r'#include\s*[<"](SDL|imgui|backends/imgui)')
INCLUDE = re.compile(r'#include\s*"([^"]+)"')


def folder(path: str) -> str:
    return path.rsplit("/", 1)[0] if "/" in path else ""


def main() -> int:
    problems = []
    sources = sorted(str(p.relative_to(ROOT)) for top in ["common", "controller", "console", "kiosk", "signage"]
                     for p in (ROOT / top).rglob("*") if p.suffix in (".cpp", ".h"))
    counts = {}
    edges = {}
    for src in sources:
        f = folder(src)
        counts[f] = counts.get(f, 0) + 1
        if f not in MAY_USE:
            problems.append(f"{src}: folder {f} is not in the table of who may use whom; add it there and to "
                            "docs/architecture.md")
            continue
        text = (ROOT / src).read_text(encoding="utf-8")
        if UI_INCLUDE.search(text) and not UI_FILES.match(src):
            problems.append(f"{src}: includes SDL or Dear ImGui; only the UI shell and the views may")
        for inc in INCLUDE.findall(text):
            target = ROOT / inc
            if not target.exists():
                if (ROOT / f / inc).exists():
                    problems.append(f'{src}: #include "{inc}" should name the path from the repository root')
                continue  # a system or generated header
            to = folder(inc)
            if to == f:
                continue
            edges.setdefault(f, set()).add(to)
            if to not in MAY_USE[f]:
                problems.append(f'{src}: #include "{inc}": {f} may not use {to} (docs/architecture.md)')
    for f, n in sorted(counts.items()):
        if n > MAX_FILES:
            problems.append(f"{f}: {n} source files; split it by concept (at most {MAX_FILES})")
    # a circle in the folders that are actually used
    state = {}

    def visit(node, trail):
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                problems.append("folders include each other in a circle: " + " -> ".join(trail + [nxt]))
            elif nxt not in state:
                visit(nxt, trail + [nxt])
        state[node] = 2

    for node in sorted(edges):
        if node not in state:
            visit(node, [node])
    for p in problems:
        print(p)
    if problems:
        print(f"{len(problems)} house rule(s) broken")
        return 1
    print(f"house rules hold: {len(sources)} files in {len(counts)} folders, "
          f"{sum(len(v) for v in edges.values())} folder dependencies, no circle")
    return 0


if __name__ == "__main__":
    sys.exit(main())
