"""The package's architecture, read from its imports: floors, no circles, short modules.

Every module of ``simulator/`` sits on a floor and may import only from its own floor or
below (imports inside functions and under TYPE_CHECKING count: an arrow is an arrow). Within
a floor, no circles. The one arrow allowed upward is the root package's lazy façade:
``simulator.run`` and the rest import ``simulator.api`` on first attribute access, never at
import time (the root has no module-level import). The picture of these floors is in
docs/decisions.md.
"""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parents[1] / "simulator"
MAX_LINES = 600

FLOORS = (
    ("simulator", "simulator.errors", "simulator.settings", "simulator.locales"),
    ("simulator.model",),
    ("simulator.results",),
    ("simulator.running",),
    ("simulator.studies", "simulator.evidence"),
    ("simulator.api",),
    ("simulator.cli", "simulator.__main__"),
    ("simulator.workshop",),
    ("simulator.app",),
)


def module_name(path: Path, root: Path = PACKAGE) -> str:
    parts = path.relative_to(root.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def modules(root: Path = PACKAGE) -> dict[str, Path]:
    return {module_name(p, root): p for p in sorted(root.rglob("*.py"))}


def imports(path: Path, name: str, known: set[str]) -> set[str]:
    """The modules of ``known`` that the file imports, anywhere in it."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = set()
    for node in ast.walk(ast.parse(path.read_text(), filename=str(path))):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                up = package.split(".")[: len(package.split(".")) - node.level + 1]
                base = ".".join([*up, base] if base else up)
            # `from a import b` imports the module a.b when there is one, else names of a.
            targets = [f"{base}.{alias.name}" if f"{base}.{alias.name}" in known else base
                       for alias in node.names]
        else:
            continue
        for target in targets:
            while target and target not in known:  # `import a.b.c` of a non-module name
                target = target.rpartition(".")[0]
            if target and target != name:
                found.add(target)
    return found


def graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module's arrows, less the root's façade (``simulator`` -> ``simulator.api``)."""
    found = modules(root)
    arrows = {name: imports(path, name, set(found)) for name, path in found.items()}
    arrows.get("simulator", set()).discard("simulator.api")
    return arrows


def floor(name: str) -> int:
    best, level = -1, None
    for number, prefixes in enumerate(FLOORS):
        for prefix in prefixes:
            if (name == prefix or name.startswith(prefix + ".")) and len(prefix) > best:
                best, level = len(prefix), number
    assert level is not None, f"{name} is on no floor: add it to FLOORS"
    return level


def upward(arrows: dict[str, set[str]]) -> list[str]:
    return sorted(f"{a} -> {b}" for a, targets in arrows.items() for b in targets
                  if floor(b) > floor(a))


def circles(arrows: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in arrows.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(arrows):
        if node not in index:
            visit(node)
    return found


def test_no_module_imports_from_a_floor_above_its_own():
    assert upward(graph()) == []


def test_no_import_circles():
    assert circles(graph()) == []


def test_the_root_package_imports_nothing_when_imported():
    tree = ast.parse((PACKAGE / "__init__.py").read_text())
    assert not [n for n in tree.body if isinstance(n, ast.Import | ast.ImportFrom)]


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: module_name(p))
def test_every_module_is_short(path):
    lines = len(path.read_text().splitlines())
    assert lines <= MAX_LINES, f"{module_name(path)} has {lines} lines: split it by responsibility"


def test_the_checks_see_an_upward_arrow_and_a_circle(tmp_path):
    sample = tmp_path / "simulator"
    for sub in ("model", "running"):
        (sample / sub).mkdir(parents=True)
        (sample / sub / "__init__.py").write_text("")
    (sample / "__init__.py").write_text("")
    (sample / "model" / "world.py").write_text("def f():\n    from simulator.running import x\n")
    (sample / "running" / "x.py").write_text("from simulator.model import world\n")
    (sample / "running" / "y.py").write_text("from . import z\n")
    (sample / "running" / "z.py").write_text("import simulator.running.y\n")
    arrows = graph(sample)
    assert upward(arrows) == ["simulator.model.world -> simulator.running.x"]
    assert circles(arrows) == [["simulator.model.world", "simulator.running.x"],
                               ["simulator.running.y", "simulator.running.z"]]
