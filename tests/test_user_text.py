"""User text is plain text on every workshop view (AppTest against a real SQLite file).

Participants' names, the room's title and an announcement written as a Markdown image, a
link, an HTML tag, a bare URL or a spreadsheet formula are shown as typed on the board, the
facilitator's view and a participant's page, and never become an image, a link or markup:
st.table renders its cells as Markdown, as st.markdown, st.caption and st.info do. Every text
an element would render is checked as the renderer reads it (markdown-it for CommonMark, the
GFM autolink rules of test_app_hostile_urls for bare URLs).
"""

import pytest
from markdown_it import MarkdownIt
from streamlit.testing.v1 import AppTest
from test_app import ok
from test_app_hostile_urls import live_markdown, markdown_texts
from test_workshop_app import ALLOWED, as_shown, button, open_workshop, table_of

from simulator.workshop import results

pytestmark = pytest.mark.usefixtures("workshop_db")  # a fresh SQLite file per test (conftest)

MARKER = "example.invalid"
"""Every hostile text points there: an element showing one holds this."""
HOSTILE_NAMES = [
    "![i](http://example.invalid/p.png)",
    "[ok](http://example.invalid/)",
    "<img src=http://example.invalid/h.png>",
    '=HYPERLINK("http://example.invalid")',
    "https://example.invalid/x",
]
TITLE = "Crisis [debrief](http://example.invalid/t) <b>now</b>"
ANNOUNCEMENT = "![news](http://example.invalid/a.png) <a href=http://example.invalid/>go</a>"
COMMONMARK = MarkdownIt("commonmark", {"html": True})  # raw HTML passed on: any tag shows


def rendered_tags(text: str) -> str:
    """The HTML CommonMark makes of ``text``, tags only ('' for plain text)."""
    out = COMMONMARK.renderInline(text)
    return "".join(part.split(">")[0] for part in out.split("<")[1:])


def rendered_markdown(at: AppTest) -> list[str]:
    """Every text the page renders as Markdown, expander and tab labels included."""
    return [*markdown_texts(at), *(e.label for e in at.expander), *(t.label for t in at.tabs)]


def assert_inert(at: AppTest) -> list[str]:
    """No exception; every rendered text carrying hostile text is plain text; returns them."""
    assert ok(at)
    carrying = [text for text in rendered_markdown(at) if MARKER in as_shown(text)]
    for text in carrying:
        assert not live_markdown(text), (text, live_markdown(text))
        assert not rendered_tags(text), (text, rendered_tags(text))
    return carrying


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


def test_hostile_names_title_and_announcement_are_plain_text_on_every_view(store):
    code, key, tokens = hostile_room(store)

    board = open_workshop({"room": code, "view": "board"})
    carrying = assert_inert(board)
    assert list(table_of(board, "Same layer?")["Participant"]) == HOSTILE_NAMES  # as typed
    shown = {as_shown(text) for text in carrying}
    assert TITLE in shown and ANNOUNCEMENT in shown

    facilitator = open_workshop({"room": code, "view": "facilitate"})
    facilitator.text_input(key="workshop_key_input").set_value(key)
    button(facilitator, "Open as facilitator").click()
    facilitator.run()
    assert_inert(facilitator)
    assert list(table_of(facilitator, "Same layer?")["Participant"]) == HOSTILE_NAMES
    waiting = next(t.value for t in facilitator.text if t.value.startswith("Not yet"))
    assert all(name in waiting for name in HOSTILE_NAMES)  # st.text: never Markdown

    for name, token in tokens.items():
        participant = open_workshop({"room": code, "token": token})
        assert_inert(participant)
        assert f"You are {name} in room {code}." in [t.value for t in participant.text]

