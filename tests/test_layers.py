"""gfmd's packages form layers: each imports only those below it, and no module goes round
in a circle, not even through imports made only for type checking. Read from the source
(every `import` statement, wherever it stands), so nothing is run."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.conftest import ROOT

GFMD = ROOT / "gfmd"
# Bottom to top; a package may import those before it (and itself).
LAYERS = ("text", "record", "store", "tables", "changes", "briefing", "cli")
# The two upper domain packages stand side by side: neither imports the other.
BESIDE = {("changes", "briefing"), ("briefing", "changes")}


def _module(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> set[str]:
    """Every gfmd module `path` imports (a name imported from a package counts as its
    module when a file of that name exists)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("gfmd"):
            for alias in node.names:
                full = f"{node.module}.{alias.name}"
                as_file = ROOT / (full.replace(".", "/") + ".py")
                as_dir = ROOT / full.replace(".", "/")
                found.add(full if as_file.exists() or as_dir.is_dir() else node.module)
        elif isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith("gfmd")}
    return found


def _graph() -> dict[str, set[str]]:
    return {_module(p): _imports(p) for p in GFMD.rglob("*.py")}


def _layer(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[1] in LAYERS else None


def test_every_import_points_down_the_layers() -> None:
    upward = []
    for module, targets in _graph().items():
        here = _layer(module)
        for target in targets:
            there = _layer(target)
            if here is None or there is None or here == there:
                continue
            if LAYERS.index(there) > LAYERS.index(here) or (here, there) in BESIDE:
                upward.append(f"{module} -> {target}")
    assert upward == []


def test_no_module_imports_itself_round_a_circle() -> None:
    graph = _graph()
    circles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(node: str) -> None:
        state[node] = 1
        path.append(node)
        for nxt in sorted(graph.get(node, ())):
            if nxt not in graph or nxt == node.rpartition(".")[0]:
                continue  # outside gfmd, or the module's own package
            if state.get(nxt) == 1:
                circles.append([*path[path.index(nxt):], nxt])
            elif nxt not in state:
                visit(nxt)
        path.pop()
        state[node] = 2

    for node in sorted(graph):
        if node not in state:
            visit(node)
    assert circles == []


def test_the_layers_are_the_folders() -> None:
    packages = {p.name for p in GFMD.iterdir() if (p / "__init__.py").exists()}
    assert packages == set(LAYERS) - {"cli"}
