"""Workshop AppTest helpers (rooms, buttons, tables, hostile names) shared by test modules."""

import re
from pathlib import Path

from streamlit.testing.v1 import AppTest

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

