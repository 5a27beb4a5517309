"""The workshop page as a whole (simulator/app/workshop.py): its labels in both languages,
unknown codes, tokens and views said so, and every view in French.

Run headless with AppTest against a real SQLite file: every AppTest is one browser
session, a facilitator and participants are separate AppTests sharing the process's store
(st.cache_resource), as sessions share one server.
"""

import pytest
from support.apptest import metrics, ok
from support.workshop import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _room,
    button,
    open_workshop,
)

from simulator.app.workshop_text import TEXT
from simulator.workshop import results

pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)


def test_every_workshop_label_exists_in_both_languages():
    assert set(TEXT["fr"]) == set(TEXT["en"])


def test_unknown_codes_tokens_and_views_are_said_so(room):
    code, _ = room
    at = open_workshop({"room": "NOPE2345"})
    assert ok(at)
    assert "No room has the code NOPE2345" in at.warning[0].value
    assert at.title[0].value == "Workshop"  # the landing page instead
    at = open_workshop({"room": code, "token": "not-a-token"})
    assert "token is not known" in at.warning[0].value
    assert at.text_input(key="workshop_name")  # join again
    at = open_workshop({"room": code, "view": "admin"})
    assert "view=admin" in at.warning[0].value.replace("\\", "")
    assert at.text_input(key="workshop_name")  # the participant page


def test_french_workshop_pages(store, room):
    at = open_workshop({"lang": "fr"})
    assert ok(at)
    assert at.title[0].value == "Atelier"
    assert button(at, "Créer la salle")
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.1, 1, {"chain.layers": 4})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    board = open_workshop({"lang": "fr", "room": code, "view": "board"})
    assert not board.exception
    assert any(h.value.startswith("Tour 1 : résultats") for h in board.subheader)
    assert "Prévision médiane" in metrics(board)
    mine = open_workshop({"lang": "fr", "room": code, "token": token})
    assert not mine.exception and "Votre prévision" in metrics(mine)
