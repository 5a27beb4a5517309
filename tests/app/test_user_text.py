"""User text is plain text on every workshop view (AppTest against a real SQLite file).

Participants' names, the room's title and an announcement written as a Markdown image, a
link, an HTML tag, a bare URL or a spreadsheet formula are shown as typed on the board, the
facilitator's view and a participant's page, and never become an image, a link or markup:
st.table renders its cells as Markdown, as st.markdown, st.caption and st.info do. Every text
an element would render is checked as the renderer reads it (markdown-it for CommonMark, the
GFM autolink rules of test_app_hostile_urls for bare URLs).
"""

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import live_markdown, markdown_texts, ok, rendered_tags
from support.workshop import (
    ANNOUNCEMENT,
    HOSTILE_NAMES,
    TITLE,
    as_shown,
    button,
    hostile_room,
    open_workshop,
    table_of,
)

pytestmark = pytest.mark.usefixtures("workshop_db")  # a fresh SQLite file per test (conftest)

MARKER = "example.invalid"
"""Every hostile text points there: an element showing one holds this."""


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

