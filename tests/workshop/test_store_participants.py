"""The workshop store's participants and submissions (simulator/workshop/store.py):
concurrent answers, reloads, restarts, isolated rooms and the export's rows.

Each test using the store runs on SQLite and on PostgreSQL (the fixtures of
tests/support/workshop_store.py).
"""

import math
import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from support.workshop_store import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _database_url_for_test,
    _open_store,
    _room,
    _store,
)

from simulator.workshop import NotAllowed


def test_30_concurrent_participants_each_keep_their_own_submission(store, room):
    """A room submitting at once loses nothing and mixes nothing (SQLite: no "locked")."""
    code, _ = room
    participants = 30
    start = threading.Barrier(participants)

    def submit(i: int, token: str) -> None:
        start.wait(timeout=60)  # all submit at once
        if i % 3 == 0:  # a third change their mind
            store.submit(code, token, 1, 0.99, 10, {"west.influence": 1.0})
        store.submit(code, token, 1, i / 100, i % 10 + 1, {"west.influence": i / 30})

    with ThreadPoolExecutor(max_workers=participants) as pool:
        # Everyone joins at once when the code appears, then everyone submits at once.
        joined = list(pool.map(lambda i: store.join(code, f"participant {i}"), range(participants)))
        list(pool.map(submit, range(participants), [token for _, token in joined]))
        ids = [participant.id for participant, _ in joined]

    board = store.submissions(code)
    assert len(board) == participants == store.submission_count(code)
    assert store.participant_count(code) == participants
    by_name = {s.display_name: s for s in board}
    for i, participant_id in enumerate(ids):
        mine = by_name[f"participant {i}"]
        assert mine.participant_id == participant_id
        assert mine.forecast == i / 100
        assert mine.refusing_layer == i % 10 + 1
        assert mine.params == {"west.influence": i / 30}


def test_a_double_click_stores_one_row(store, room):
    """The same participant submitting from several threads at once still has one answer."""
    code, _ = room
    clicks = 10
    start = threading.Barrier(clicks)

    def click(token: str, forecast: float) -> None:
        start.wait(timeout=60)
        store.submit(code, token, 1, forecast)

    with ThreadPoolExecutor(max_workers=clicks) as pool:
        # Several people in turn, so the later ones meet a warm connection pool: the race
        # (two inserts of one row) needs the clicks to reach the database together.
        for person in range(5):
            _, token = store.join(code, f"person {person}")
            forecasts = [(person * clicks + i) / 100 for i in range(clicks)]
            list(pool.map(click, [token] * clicks, forecasts))
    board = store.submissions(code)
    assert [s.display_name for s in board] == [f"person {p}" for p in range(5)]
    for person, answer in enumerate(board):
        assert person * clicks <= round(answer.forecast * 100) < (person + 1) * clicks


def test_a_reload_finds_the_participant_and_their_submission(open_store, room):
    """A reload starts a new Streamlit session: the token in the URL must restore it."""
    code, _ = room
    participant, token = open_store().join(code, "Ana")
    open_store().submit(code, token, 1, 0.16, 2, {"chain.layers": 4})

    reloaded = open_store()  # a new session, possibly another process
    assert reloaded.participant(code, token) == participant
    mine = reloaded.own_submission(code, token)
    assert (mine.forecast, mine.refusing_layer, mine.params) == (0.16, 2, {"chain.layers": 4})


def test_display_names_are_trimmed_and_otherwise_kept_as_given(store, room):
    """Markup and emoji are names like any other; escaping them is the UI's job."""
    code, _ = room
    names = ["<b>Zoë</b> & 'co'", "x" * 40, "👩‍💻 Ana"]  # escaping is the UI's job
    tokens = [store.join(code, f"  {name} ")[1] for name in names]
    for token in tokens:
        store.submit(code, token, 1, 0.5)
    assert [s.display_name for s in store.submissions(code)] == names


def test_data_survive_a_restart(open_store, room):
    """An app restart mid-workshop must lose no room, answer, result or secret."""
    code, key = room
    first = open_store()
    participant, token = first.join(code, "Ana")
    first.submit(code, token, 1, 0.3, 2, {"west.influence": 0.1})
    first.reveal(code, key, 1, lambda round_, board: {participant.id: {"p": 0.25}})
    first.start_next_round(code, key, 1, {"west.influence": 0.7}, "Kherson falls.")
    first.close()

    restarted = open_store()
    assert restarted.current_round(code).announcement == "Kherson falls."
    assert restarted.participant(code, token) == participant
    round_1 = restarted.own_submission(code, token, 1)
    assert (round_1.forecast, round_1.results) == (0.3, {"p": 0.25})
    assert restarted.check_facilitator_key(code, key).join_code == code


def test_rooms_are_isolated(store):
    """Two workshops on one server never see or touch each other's data."""
    room_a, key_a = store.create_room("A", "baseline", ALLOWED)
    room_b, _ = store.create_room("B", "kemp", ALLOWED)
    code_a, code_b = room_a.join_code, room_b.join_code
    assert code_a != code_b
    _, token_a = store.join(code_a, "Ana")
    _, token_b = store.join(code_b, "Ben")
    store.submit(code_a, token_a, 1, 0.1)

    assert store.submissions(code_b) == []
    assert store.submission_count(code_b) == 0
    assert store.export_rows(code_b) == []
    assert store.own_submission(code_b, token_b) is None
    with pytest.raises(NotAllowed):  # a token of room A means nothing in room B
        store.submit(code_b, token_a, 1, 0.9)
    with pytest.raises(NotAllowed):
        store.own_submission(code_b, token_a)
    with pytest.raises(NotAllowed):  # nor does room A's key
        store.lock_round(code_b, key_a, 1)
    store.lock_round(code_a, key_a, 1)
    assert not store.current_round(code_b).locked
    store.submit(code_b, token_b, 1, 0.2)
    assert [s.display_name for s in store.submissions(code_a)] == ["Ana"]
    assert [s.display_name for s in store.submissions(code_b)] == ["Ben"]


def test_export_rows(store, room):
    """The CSV export has every round's answers, with parameters and results as JSON."""
    code, key = room
    ana, ana_token = store.join(code, "Ana")
    _, ben_token = store.join(code, "Ben")
    store.submit(code, ana_token, 1, 0.1, 3, {"west.influence": 0.8})
    store.submit(code, ben_token, 1, 0.4)
    store.reveal(code, key, 1, lambda round_, board: {ana.id: {"p": 0.05}})
    store.start_next_round(code, key, 1, {"west.influence": 0.9})
    store.submit(code, ana_token, 2, 0.2)

    rows = store.export_rows(code)
    assert [(r["round"], r["participant"], r["forecast"]) for r in rows] == [
        (1, "Ana", 0.1),
        (1, "Ben", 0.4),
        (2, "Ana", 0.2),
    ]
    assert rows[0] | {"submitted_at": None} == {
        "room": code,
        "title": "Autumn 2022",
        "preset": "baseline",
        "round": 1,
        "round_overrides": '{"leader.resolve": 3.0}',
        "participant": "Ana",
        "forecast": 0.1,
        "forecast_low": None,  # no plausible range given
        "forecast_high": None,
        "refusing_layer": 3,
        "params": '{"west.influence": 0.8}',
        "results": '{"p": 0.05}',
        "submitted_at": None,
    }
    assert rows[1]["results"] is None and rows[1]["refusing_layer"] is None
    assert rows[2]["round_overrides"] == '{"leader.resolve": 3.0, "west.influence": 0.9}'


def test_a_forecast_of_minus_zero_is_stored_as_zero(store, room):
    """-0.0 reads back as 0.0 on every database (PostgreSQL kept the sign, SQLite did not)."""
    code, _ = room
    _, token = store.join(code, "Ana")
    stored = store.submit(code, token, 1, -0.0)
    found = [stored.forecast, store.own_submission(code, token).forecast,
             store.export_rows(code)[0]["forecast"]]
    assert found == [0.0, 0.0, 0.0]
    assert [math.copysign(1.0, forecast) for forecast in found] == [1.0, 1.0, 1.0]
