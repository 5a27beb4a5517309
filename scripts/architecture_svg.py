"""Draw the architecture picture (docs/architecture.svg) from the code's real imports.

    .venv/bin/python scripts/architecture_svg.py > docs/architecture.svg

One box per part of the ``simulator`` package (a subpackage such as ``simulator.model``, or a
top-level module such as ``simulator.api``), on the floors the architecture declares, bottom
to top; one arrow per pair of parts where a module of the first imports one of the second
(every ``import`` statement, also those inside functions). An arrow that goes up breaks the
floors and is drawn red and dashed (a part may import its own floor or those below). Only
names and imports are drawn, never line or module counts, so the picture changes when the
architecture does, not at every edit; ``tests/test_docs.py`` checks that the committed file
is what this script draws today.

Pure Python (``ast`` and string formatting): no graph library, no Mesa import.
"""

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = "simulator"

FLOORS = (("errors", "settings", "locales"), ("model",), ("results",), ("running",),
          ("studies", "evidence"), ("api",), ("cli",), ("workshop",), ("app",))
"""The declared floors, bottom to top: a part may import only from its own floor or below."""

NOT_PARTS = {"__init__", "__main__"}
"""Not drawn: the package's own entry files (the lazy façade and ``python -m simulator``)."""

BOX_X, BOX_W, BOX_H, ROW = 150, 200, 34, 52
TOP, LEFT_LABEL = 60, 20
DOWN, AGAINST, BASE = "#44617b", "#c0392b", "#b3bcc6"
"""Arrow colours: down the floors, against them, and to the bottom floor (everyone's)."""


def parts(root: Path = ROOT) -> dict[str, list[Path]]:
    """Each part's name and its Python files."""
    found: dict[str, list[Path]] = {}
    for path in sorted((root / PACKAGE).iterdir()):
        if path.name in NOT_PARTS or path.stem in NOT_PARTS or path.name.startswith((".", "_")):
            continue
        if path.is_dir() and (path / "__init__.py").exists():
            found[path.name] = sorted(path.rglob("*.py"))
        elif path.suffix == ".py":
            found[path.stem] = [path]
    return found


def _imported(path: Path, root: Path) -> set[str]:
    """The absolute module names a file imports (relative imports resolved)."""
    bits = path.relative_to(root).with_suffix("").parts
    package = ".".join(bits[:-1])  # the package a relative import starts from
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")[:len(package.split(".")) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            names.add(base)
            names.update(f"{base}.{alias.name}" for alias in node.names)
    return names


def edges(root: Path = ROOT) -> set[tuple[str, str]]:
    """(importer, imported) for every pair of distinct parts one import links."""
    found = parts(root)
    pairs = set()
    for part, files in found.items():
        for path in files:
            for name in _imported(path, root):
                bits = name.split(".")
                if bits[0] == PACKAGE and len(bits) > 1 and bits[1] in found and bits[1] != part:
                    pairs.add((part, bits[1]))
    return pairs


def floors(names, pairs) -> dict[str, int]:
    """Each part's floor: declared, or one above the highest part it imports if undeclared."""
    floor = {name: level for level, row in enumerate(FLOORS) for name in row if name in names}
    for _ in names:  # undeclared parts settle in at most len(names) passes
        for name in sorted(set(names) - set(FLOOR_NAMES)):
            below = [floor.get(imported, 0) for importer, imported in pairs if importer == name]
            floor[name] = max(below, default=-1) + 1
    return floor


FLOOR_NAMES = [name for row in FLOORS for name in row]


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def render(root: Path = ROOT) -> str:
    """The SVG text of the picture, the same bytes for the same code."""
    names = sorted(parts(root))
    pairs = sorted(edges(root))
    floor = floors(names, pairs)
    # one row per part, top floor first; parts of a floor in declared, then name, order
    order = sorted(names, key=lambda n: (-floor[n], FLOOR_NAMES.index(n)
                                          if n in FLOOR_NAMES else len(FLOOR_NAMES), n))
    row = {name: i for i, name in enumerate(order)}
    y = {name: TOP + row[name] * ROW for name in order}
    span = max((abs(row[a] - row[b]) for a, b in pairs), default=1)
    width = BOX_X + BOX_W + 40 + 26 * span + 30
    height = TOP + len(order) * ROW + 90
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}" font-family="sans-serif" font-size="13">',
           "<defs>",
           *(f'<marker id="head-{kind}" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" '
             f'markerHeight="7" orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" '
             f'fill="{colour}"/></marker>' for kind, colour in (("down", DOWN),
                                                                  ("against", AGAINST),
                                                                  ("base", BASE))),
           "</defs>",
           f'<text x="{LEFT_LABEL}" y="28" font-size="15" font-weight="bold">The floors of '
           f'the simulator package, and who imports whom</text>']
    # floor bands, alternately shaded, with their number
    for level in sorted(set(floor.values()), reverse=True):
        members = [n for n in order if floor[n] == level]
        top = y[members[0]] - (ROW - BOX_H) / 2
        shade = "#f3f5f8" if level % 2 else "#e6ebf1"
        out.append(f'<rect x="{LEFT_LABEL - 10}" y="{top:g}" width="{width - LEFT_LABEL}" '
                   f'height="{len(members) * ROW}" fill="{shade}"/>')
        out.append(f'<text x="{LEFT_LABEL}" y="{top + ROW / 2 + 4:g}" fill="#555">floor {level}'
                   f'</text>')
    outgoing = {n: [p for p in pairs if p[0] == n] for n in order}
    incoming = {n: [p for p in pairs if p[1] == n] for n in order}

    def anchor(name, pair, ends, lower):
        """Where an arrow meets a box's right side, spread over its half."""
        index, count = ends.index(pair), len(ends)
        half = BOX_H / 2 - 4
        offset = (index + 1) / (count + 1) * half
        return y[name] + (BOX_H / 2 + offset if lower else offset + 2)

    for importer, imported in pairs:
        start_y = anchor(importer, (importer, imported), outgoing[importer], True)
        end_y = anchor(imported, (importer, imported), incoming[imported], False)
        x = BOX_X + BOX_W
        bow = x + 24 + 26 * abs(row[importer] - row[imported])
        kind = "against" if floor[imported] > floor[importer] else "down"
        colour = DOWN if kind == "down" else AGAINST
        if kind == "down" and floor[imported] == 0:
            kind, colour = "base", BASE  # nearly every part imports the errors: drawn faint
        dash = ' stroke-dasharray="5,3"' if kind == "against" else ""
        out.append(f'<path d="M{x},{start_y:g} C{bow},{start_y:g} {bow},{end_y:g} {x + 2},'
                   f'{end_y:g}" fill="none" stroke="{colour}" stroke-width="1.3"{dash} '
                   f'marker-end="url(#head-{kind})"><title>{importer} imports {imported}'
                   f'</title></path>')
    for name in order:
        out.append(f'<rect x="{BOX_X}" y="{y[name]}" width="{BOX_W}" height="{BOX_H}" rx="5" '
                   f'fill="#ffffff" stroke="#2c3e50" stroke-width="1.2"/>')
        out.append(f'<text x="{BOX_X + BOX_W / 2:g}" y="{y[name] + BOX_H / 2 + 5:g}" '
                   f'text-anchor="middle">{_escape(f"{PACKAGE}.{name}")}</text>')
    legend_y = TOP + len(order) * ROW + 30
    out.append(f'<path d="M{LEFT_LABEL},{legend_y} h40" stroke="{DOWN}" stroke-width="1.3" '
               f'marker-end="url(#head-down)"/>')
    out.append(f'<text x="{LEFT_LABEL + 50}" y="{legend_y + 4}">imports (its floor or below)'
               f'</text>')
    out.append(f'<path d="M{LEFT_LABEL + 260},{legend_y} h40" stroke="{AGAINST}" '
               f'stroke-width="1.3" stroke-dasharray="5,3" marker-end="url(#head-against)"/>')
    out.append(f'<text x="{LEFT_LABEL + 310}" y="{legend_y + 4}">imports against the floors'
               f'</text>')
    out.append(f'<path d="M{LEFT_LABEL},{legend_y + 24} h40" stroke="{BASE}" stroke-width="1.3" '
               f'marker-end="url(#head-base)"/>')
    out.append(f'<text x="{LEFT_LABEL + 50}" y="{legend_y + 28}">imports floor 0 (drawn faint: '
               f'nearly every part does)</text>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


if __name__ == "__main__":
    sys.stdout.write(render())
