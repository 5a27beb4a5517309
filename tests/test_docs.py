"""The docs keep their promises: every Python example runs, the site builds with warnings as
errors, the architecture picture is the code's, and nothing points outside the repository.

The examples run with smaller sizes than they show (``SIZE_CAPS``) so that the whole file
takes about a minute; a block whose first line is ``# docs: not run (reason)`` is skipped
with its reason (docs/testing.md, *Code examples are tests*).
"""

import ast
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted([ROOT / "README.md",
                *(p for p in DOCS.rglob("*.md") if "_build" not in p.relative_to(DOCS).parts)])
NOT_RUN = "# docs: not run"
SIZE_CAPS = {"runs": 2_000, "runs_per_point": 1_000, "samples": 4, "points": 16,
             "resamples": 50, "scenarios": 8}
"""The largest value a keyword argument of that name keeps when an example runs in a test."""
TIMEOUT = 300


def python_blocks(page: Path) -> list[tuple[int, str]]:
    """The fenced ```python blocks of a page, with the line each starts on."""
    text = page.read_text(encoding="utf-8")
    return [(text[:found.start()].count("\n") + 1, found[1])
            for found in re.finditer(r"^```python\n(.*?)^```", text, re.M | re.S)]


def _constant(node: ast.expr):
    """The value of an expression made of number literals only (``10**9``), else None."""
    allowed = (ast.Constant, ast.BinOp, ast.UnaryOp, ast.operator, ast.unaryop)
    if not all(isinstance(part, allowed) for part in ast.walk(node)):
        return None
    return eval(compile(ast.Expression(node), "<size>", "eval"), {"__builtins__": {}})  # noqa: S307


class _Shrink(ast.NodeTransformer):
    """Lower the sizes an example passes as keyword arguments to ``SIZE_CAPS``."""

    def visit_Call(self, node: ast.Call) -> ast.Call:
        self.generic_visit(node)
        for keyword in node.keywords:
            cap = SIZE_CAPS.get(keyword.arg)
            value = None if cap is None else _constant(keyword.value)
            if isinstance(value, int) and value > cap:
                keyword.value = ast.Constant(cap)
        return node


def shrunk(source: str) -> str:
    """The example with its sizes capped, as Python source."""
    return ast.unparse(ast.fix_missing_locations(_Shrink().visit(ast.parse(source))))


EXAMPLES = [pytest.param(page, line, source, id=f"{page.relative_to(ROOT)}:{line}")
            for page in PAGES for line, source in python_blocks(page)]


def test_the_pages_have_examples_to_run():
    ids = {param.id for param in EXAMPLES}
    assert any(i.startswith("docs/tutorials/analysts.md") for i in ids), ids
    assert any(i.startswith("README.md") for i in ids), ids


def test_sizes_are_capped_and_everything_else_kept():
    source = ('simulator.run("kemp", runs=200_000, seed=1)\n'
              'simulator.run("b", runs=10**9, keep_worlds=False)\n'
              'simulator.sweep("b", {}, points=3, runs_per_point=n)\n')
    assert shrunk(source).splitlines() == [
        "simulator.run('kemp', runs=2000, seed=1)",
        "simulator.run('b', runs=2000, keep_worlds=False)",
        "simulator.sweep('b', {}, points=3, runs_per_point=n)"]


@pytest.mark.parametrize(("page", "line", "source"), EXAMPLES)
def test_example_runs(page, line, source, tmp_path):
    first = source.splitlines()[0].strip() if source.strip() else ""
    if first.startswith(NOT_RUN):
        pytest.skip(first[len("# docs: "):])
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-c", shrunk(source)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, (f"{page.relative_to(ROOT)}, the block at line {line}:\n"
                                  f"{done.stderr[-3000:]}")


FIGURE = re.compile(r"^(\s*)print\((.*)\)\s+#\s*([-+]?\d[\d.,%\[\] -]*)")
"""A ``print(...)  # 19.1% [19.0%, 19.3%] ...`` line: the figures an example says it prints."""


def figure_blocks() -> list:
    """Every block with a printed figure in a comment, as a pytest param."""
    return [pytest.param(page, line, source, id=f"{page.relative_to(ROOT)}:{line}")
            for page in PAGES for line, source in python_blocks(page)
            if any(FIGURE.match(text) for text in source.splitlines())]


@pytest.mark.slow
@pytest.mark.parametrize(("page", "line", "source"), figure_blocks())
def test_the_figures_an_example_shows_are_what_it_prints(page, line, source, tmp_path):
    """Run at full size, each ``print(X)  # FIGURES`` prints a line that starts with FIGURES."""
    said, lines = {}, []
    for number, text in enumerate(source.splitlines()):
        found = FIGURE.match(text)
        if found:
            said[number] = found[3].strip().rstrip(",")
            text = f"{found[1]}print('@{number}@', {found[2]})"
        lines.append(text)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    done = subprocess.run([sys.executable, "-c", "\n".join(lines)], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=TIMEOUT)
    assert done.returncode == 0, done.stderr[-3000:]
    printed = {int(out.split("@")[1]): out.split("@ ", 1)[1]
               for out in done.stdout.splitlines() if out.startswith("@")}
    for number, figures in said.items():
        assert printed[number].startswith(figures), (
            f"{page.relative_to(ROOT)}, line {line + number + 1}: the comment says {figures!r}, "
            f"the example prints {printed[number]!r}")


def test_the_architecture_picture_is_what_the_imports_draw():
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import architecture_svg
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    committed = (DOCS / "architecture.svg").read_text(encoding="utf-8")
    assert committed == architecture_svg.render(), (
        "run: .venv/bin/python scripts/architecture_svg.py > docs/architecture.svg")


def test_the_picture_draws_an_upward_import_as_breaking_the_floors(tmp_path):
    sys.path.insert(0, str(ROOT / "scripts"))
    try:
        import architecture_svg
    finally:
        sys.path.remove(str(ROOT / "scripts"))
    package = tmp_path / "simulator"
    for part, body in (("model", "from simulator.results import x\n"),
                       ("results", "from ..model import world\n")):
        (package / part).mkdir(parents=True)
        (package / part / "__init__.py").write_text(body)
    assert architecture_svg.edges(tmp_path) == {("model", "results"), ("results", "model")}
    picture = architecture_svg.render(tmp_path)
    assert '<title>model imports results</title>' in picture
    against = [line for line in picture.splitlines() if "model imports results" in line]
    assert "stroke-dasharray" in against[0] and architecture_svg.AGAINST in against[0]
    down = [line for line in picture.splitlines() if "results imports model" in line]
    assert "stroke-dasharray" not in down[0]


OUTSIDE = re.compile(r"\.\./shared|/work/|DESIGN\.md|NOTES\.md")


@pytest.mark.parametrize("page", PAGES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_page_points_nowhere_outside_the_repository(page):
    text = page.read_text(encoding="utf-8")
    assert not OUTSIDE.findall(text), OUTSIDE.findall(text)
    for target in re.findall(r"\]\(([^)\s]+)\)", text):
        if re.match(r"[a-z]+:|#", target):
            continue
        path = (page.parent / target.split("#")[0]).resolve()
        assert path.exists(), f"{page.relative_to(ROOT)} links to {target}, which is missing"
        assert path.is_relative_to(ROOT), target


@pytest.mark.slow
def test_the_site_builds_with_warnings_as_errors(tmp_path):
    pytest.importorskip("sphinx")
    pytest.importorskip("myst_parser")
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html",
         "-d", str(tmp_path / "doctrees"), str(DOCS), str(tmp_path / "html")],
        cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr[-5000:]
    index = (tmp_path / "html" / "index.html").read_text(encoding="utf-8")
    assert "For analysts" in index and "Reference" in index
    reference = tmp_path / "html" / "reference" / "generated"
    assert (reference / "simulator.model.world.html").exists()
    assert (reference / "simulator.results.html").exists()
    assert not list(reference.glob("simulator.app*")), "the Streamlit pages are not reference"
