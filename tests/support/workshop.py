"""Workshop AppTest helpers (rooms, buttons, tables, hostile names) shared by test modules.

The ``room`` fixture is imported by the workshop's page tests (``from support.workshop import
_room``): pytest finds it by its name, and the underscore keeps a test's argument from
shadowing the import. It builds on tests/conftest.py's ``store`` (the app's database).
"""

import re
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine
from simulator.workshop import results
from support.apptest import page_path

APP = str(Path(__file__).resolve().parents[2] / "app.py")


ALLOWED = ["chain.layers", "west.influence"]


def open_workshop(query: dict | None = None) -> AppTest:
    """Open the workshop page through app.py, as a link with ``query`` would."""
    at = AppTest.from_file(APP, default_timeout=60)
    # The default page (Explore) runs first: keep it cheap; the language carries over.
    at.query_params.update({"worlds": "1000", **{k: v for k, v in (query or {}).items()
                                                    if k == "lang"}})
    at.run()
    at.switch_page(page_path("workshop"))
    at.query_params.clear()
    at.query_params.update(query or {})
    return at.run()


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


MARKDOWN_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
"""A backslash escape of an ASCII punctuation mark: Markdown shows the mark alone."""


def as_shown(text):
    """A Markdown text as the reader sees it: escapes resolved, invisible word joiners gone."""
    if not isinstance(text, str):
        return text
    return MARKDOWN_ESCAPE.sub(r"\1", text).replace("\u2060", "")


def shown_frame(frame):
    """An st.table's DataFrame as the browser shows it (st.table renders Markdown)."""
    return frame.map(as_shown).rename(index=as_shown, columns=as_shown)


def table_of(at: AppTest, column: str):
    """The board's st.table that has ``column``, as the browser shows it."""
    return next(t for t in map(shown_frame, (t.value for t in at.table)) if column in t.columns)


HOSTILE_NAMES = [
    "![i](http://example.invalid/p.png)",
    "[ok](http://example.invalid/)",
    "<img src=http://example.invalid/h.png>",
    '=HYPERLINK("http://example.invalid")',
    "https://example.invalid/x",
]


TITLE = "Crisis [debrief](http://example.invalid/t) <b>now</b>"


ANNOUNCEMENT = "![news](http://example.invalid/a.png) <a href=http://example.invalid/>go</a>"


def hostile_room(store) -> tuple[str, str, dict[str, str]]:
    """A room with the hostile title, names and round-2 announcement; round 1 revealed."""
    created, key = store.create_room(TITLE, "baseline", ALLOWED)
    code = created.join_code
    tokens = {}
    for name in HOSTILE_NAMES:
        _, tokens[name] = store.join(code, name)
        store.submit(code, tokens[name], 1, 0.2, None, {"chain.layers": 4})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    store.start_next_round(code, key, 1, {}, ANNOUNCEMENT)
    return code, key, tokens


# --- the workshop's pages (tests/workshop/test_workshop_*.py) ----------------------------

@pytest.fixture(name="room")
def _room(store):
    """A room on the baseline preset; returns (join code, facilitator key)."""
    created, key = store.create_room("Autumn 2022", "baseline", ALLOWED)
    return created.join_code, key


def texts(at: AppTest) -> str:
    return "\n".join([t.value for t in at.text] + [m.value for m in at.markdown]
                     + [i.value for i in at.info] + [s.value for s in at.success])


def join(code: str, name: str) -> AppTest:
    at = open_workshop({"room": code})
    at.text_input(key="workshop_name").set_value(name)
    button(at, "Join the room").click()
    return at.run()


def answer(at: AppTest, forecast_percent: float, sliders: dict, layer: int = 0) -> AppTest:
    """Fill in and submit the participant's form of the current round."""
    prefix = next(n.key for n in at.number_input).removesuffix("_forecast")
    at.number_input(key=f"{prefix}_forecast").set_value(forecast_percent)
    at.selectbox(key=f"{prefix}_layer").set_value(layer)
    for name, value in sliders.items():
        at.slider(key=f"{prefix}_{name}").set_value(value)
    next(b for b in at.button if b.label in ("Submit", "Update my answer")).click()
    return at.run()


def paired(changes: dict, runs: int = 2_000) -> float:
    """The engine's paired change from the baseline for ``changes``, on the workshop's seed."""
    base = engine.run(load("baseline"), runs, results.SEED, workers=1)
    other = engine.run(load("baseline").with_overrides(changes), runs, results.SEED, workers=1)
    return analysis.paired_difference(other.columns["nuclear_use"],
                                      base.columns["nuclear_use"], True).difference
