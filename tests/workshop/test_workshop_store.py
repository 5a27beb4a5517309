"""Workshop storage: rooms, rounds, submissions, secrets, against SQLite and PostgreSQL.

Every storage test runs twice through the `database_url` fixture: on a SQLite file in tmp_path
and on a fresh schema of the PostgreSQL server named by WORKSHOP_TEST_DATABASE_URL (dropped
after the test, so reruns start clean).
"""

import json
import math
import sqlite3
import threading
import uuid
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from simulator.model.params import SCHEMA
from simulator.model.scenario import list_presets
from simulator.workshop import (
    NotAllowed,
    RoomNotFound,
    RoundLocked,
    RoundMovedOn,
    WorkshopError,
    WorkshopStore,
    database_url,
)
from simulator.workshop.credentials import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH
from simulator.workshop.validation import MAX_ROUNDS

ALLOWED = ["west.influence", "chain.layers"]


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url_for_test(request, tmp_path):
    """A SQLAlchemy URL of an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workshop.db'}"
        return
    server_url = request.getfixturevalue("postgres_url")
    schema = f"workshop_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def open_store(database_url_for_test):
    """Open stores on the test database (several = app restarts); all closed after the test."""
    opened = []

    def open_() -> WorkshopStore:
        opened.append(WorkshopStore(database_url_for_test))
        return opened[-1]

    yield open_
    for store in opened:
        store.close()


@pytest.fixture
def store(open_store):
    """One store on the test database."""
    return open_store()


@pytest.fixture
def room(store):
    """A room letting participants change two parameters; returns (join_code, facilitator key)."""
    created, key = store.create_room(
        "Autumn 2022", "baseline", ALLOWED, base_overrides={"leader.resolve": 3}
    )
    return created.join_code, key


def test_room_is_created_with_round_1_a_short_code_and_a_key(store, room):
    """The facilitator gets a code people can type from a projector, and a key to steer."""
    code, key = room
    assert len(code) == JOIN_CODE_LENGTH and set(code) <= set(JOIN_CODE_ALPHABET)
    assert len(key) >= 32
    found = store.room(f" {code[:4].lower()}-{code[4:]} ")  # as typed from a projector
    assert found.join_code == code
    assert (found.title, found.preset) == ("Autumn 2022", "baseline")
    assert found.allowed_params == tuple(ALLOWED)
    assert found.base_overrides == {"leader.resolve": 3.0}
    first = store.current_round(code)
    assert (first.number, first.locked, first.revealed) == (1, False, False)
    assert first.overrides == {"leader.resolve": 3.0}
    assert store.check_facilitator_key(code, key).join_code == code


def test_room_creation_rejects_unknown_parameters_and_bad_values(store):
    """A typo in a parameter name must fail at setup, not mid-workshop."""
    with pytest.raises(WorkshopError) as error:
        store.create_room("T", "baseline", ["west.influense"])
    assert error.value.field == "west.influense"
    assert "west.influence" in str(error.value)  # the schema's suggestion
    with pytest.raises(WorkshopError) as error:
        store.create_room("T", "baseline", ALLOWED, base_overrides={"chain.layers": 11})
    assert error.value.field == "chain.layers"
    with pytest.raises(WorkshopError) as error:
        store.create_room("  ", "baseline", ALLOWED)
    assert error.value.field == "title"


def test_secrets_are_stored_only_as_hashes(store, room, database_url_for_test):
    """A copied database file must not let anyone act as the facilitator or a participant."""
    code, key = room
    _, token = store.join(code, "Ana")
    engine = create_engine(database_url_for_test)
    with engine.connect() as conn:
        stored = " ".join(
            str(value)
            for table in ("workshop_rooms", "workshop_participants")
            for row in conn.execute(text(f"SELECT * FROM {table}"))
            for value in row
        )
    engine.dispose()
    assert key not in stored and token not in stored


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


def test_a_token_only_reaches_its_own_row(store, room):
    """Nobody can change another participant's answer, and a made-up token changes nothing."""
    code, _ = room
    ana, ana_token = store.join(code, "Ana")
    ben, ben_token = store.join(code, "Ben")
    store.submit(code, ben_token, 1, 0.3, 1, {"west.influence": 0.2})
    before = store.own_submission(code, ben_token)

    store.submit(code, ana_token, 1, 0.9, 5, {"west.influence": 0.9})
    store.submit(code, ana_token, 1, 0.8, 4, {})

    assert store.own_submission(code, ben_token) == before
    assert store.own_submission(code, ana_token).forecast == 0.8
    assert {s.participant_id for s in store.submissions(code)} == {ana.id, ben.id}
    for token in ("not-a-token", "", None):
        with pytest.raises(NotAllowed) as error:
            store.submit(code, token, 1, 0.5)
        assert error.value.field == "participant_token"
        with pytest.raises(NotAllowed):
            store.participant(code, token)
    assert store.submission_count(code) == 2


def test_a_wrong_facilitator_key_changes_nothing(store, room):
    """Participants know the code, not the key: they cannot steer the workshop."""
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.2)
    computed = []
    for wrong in ("", key[:-1] + ("x" if key[-1] != "x" else "y"), None):
        with pytest.raises(NotAllowed) as error:
            store.lock_round(code, wrong, 1)
        assert error.value.field == "facilitator_key"
        with pytest.raises(NotAllowed):
            store.reveal(code, wrong, 1, lambda round_, board: computed.append(1) or {})
        with pytest.raises(NotAllowed):
            store.start_next_round(code, wrong, 1, {"west.influence": 1.0})
        with pytest.raises(NotAllowed):
            store.check_facilitator_key(code, wrong)
    current = store.current_round(code)
    assert (current.number, current.locked, current.revealed) == (1, False, False)
    assert computed == []
    assert store.own_submission(code, token).results is None


def test_round_flow_lock_reveal_and_inject(store, room):
    """A workshop's life: answer, lock, reveal, inject, next round; the past stays intact."""
    code, key = room
    ana, ana_token = store.join(code, "Ana")
    ben, ben_token = store.join(code, "Ben")
    store.submit(code, ana_token, 1, 0.1, 3, {"west.influence": 0.8})
    store.submit(code, ben_token, 1, 0.4)

    assert store.lock_round(code, key, 1).locked
    with pytest.raises(RoundLocked) as error:
        store.submit(code, ana_token, 1, 0.5)
    assert error.value.field == "round_number"
    assert store.own_submission(code, ana_token).forecast == 0.1

    seen = {}

    def compute(round_, board):
        seen["round"] = round_
        return {s.participant_id: {"p_nuclear": s.forecast / 2} for s in board}

    revealed = store.reveal(code, key, 1, compute)
    assert revealed.revealed and revealed.locked
    assert seen["round"].overrides == {"leader.resolve": 3.0}
    results = {s.participant_id: s.results for s in store.submissions(code, 1)}
    assert results == {ana.id: {"p_nuclear": 0.05}, ben.id: {"p_nuclear": 0.2}}
    store.reveal(code, key, 1, lambda round_, board: {ben.id: {"p_nuclear": 0.3}})  # again
    results = {s.participant_id: s.results for s in store.submissions(code, 1)}
    assert results == {ana.id: None, ben.id: {"p_nuclear": 0.3}}

    with pytest.raises(WorkshopError) as error:
        store.start_next_round(code, key, 1, {"west.influense": 0.9}, "typo")
    assert error.value.field == "west.influense"
    with pytest.raises(WorkshopError) as error:
        store.start_next_round(code, key, 1, {"west.influence": 2.0})
    assert error.value.field == "west.influence"
    assert store.current_round(code).number == 1  # nothing started

    second = store.start_next_round(code, key, 1, {"west.influence": 0.9}, "China withdraws.")
    assert (second.number, second.locked, second.announcement) == (2, False, "China withdraws.")
    assert second.inject == {"west.influence": 0.9}
    assert second.overrides == {"leader.resolve": 3.0, "west.influence": 0.9}
    third = store.start_next_round(code, key, 2, {"leader.resolve": 1})
    assert third.overrides == {"leader.resolve": 1.0, "west.influence": 0.9}  # injects add up

    with pytest.raises(RoundLocked):  # a page still showing round 2
        store.submit(code, ana_token, 2, 0.5)
    store.submit(code, ana_token, 3, 0.6)
    assert store.submission_count(code) == 1
    assert [s.forecast for s in store.submissions(code, 1)] == [0.1, 0.4]  # round 1 intact

    history = store.all_rounds(code)
    assert [r.number for r in history] == [1, 2, 3]
    assert [r.announcement for r in history] == ["", "China withdraws.", ""]
    assert [(r.locked, r.revealed) for r in history] == [(True, True), (True, False),
                                                          (False, False)]
    assert history[1].inject == {"west.influence": 0.9}


def test_reveal_rejects_results_for_strangers_and_stores_nothing(store, room):
    """A compute callback that mixes up ids must not attach results to the wrong people."""
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.1)
    with pytest.raises(WorkshopError) as error:
        store.reveal(code, key, 1, lambda round_, board: {999_999: {"p": 1}})
    assert error.value.field == "results"
    assert not store.current_round(code).revealed
    assert store.own_submission(code, token).results is None


@pytest.mark.parametrize(
    ("submission", "field"),
    [
        ({"forecast": 1.5}, "forecast"),
        ({"forecast": -0.1}, "forecast"),
        ({"forecast": float("nan")}, "forecast"),
        ({"forecast": True}, "forecast"),
        ({"refusing_layer": 0}, "refusing_layer"),
        ({"refusing_layer": 11}, "refusing_layer"),
        ({"refusing_layer": 2.5}, "refusing_layer"),
        ({"params": {"west.influence": 1.5}}, "west.influence"),
        ({"params": {"chain.layers": 3.5}}, "chain.layers"),
        ({"params": {"leader.resolve": 1}}, "leader.resolve"),  # in the schema, not allowed
        ({"params": {"no.such": 1}}, "no.such"),
        ({"params": "west.influence: 1"}, "params"),  # text is never parsed
        ({"round_number": 7}, "round_number"),
    ],
)
def test_invalid_submissions_name_the_field_and_change_nothing(store, room, submission, field):
    """The UI can point at the field at fault, and the earlier answer survives."""
    code, _ = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.2, 2, {"west.influence": 0.4})
    before = store.own_submission(code, token)
    arguments = {"round_number": 1, "forecast": 0.5, "refusing_layer": 1, "params": {}}
    with pytest.raises(WorkshopError) as error:
        store.submit(code, token, **(arguments | submission))
    assert error.value.field == field
    assert field in str(error.value)
    assert store.own_submission(code, token) == before


@pytest.mark.parametrize("name", ["", "   ", "x" * 41, "Ana\nBen", "nul\x00"])
def test_bad_display_names_are_rejected(store, room, name):
    """Empty, long or control-character names would break the board and the CSV."""
    code, _ = room
    with pytest.raises(WorkshopError) as error:
        store.join(code, name)
    assert error.value.field == "display_name"
    assert store.participant_count(code) == 0


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


def test_unknown_room_code(store):
    """A mistyped code gets a clear error naming the join code."""
    for code in ("ZZZZZZZZ", "", "not a code"):
        with pytest.raises(RoomNotFound) as error:
            store.room(code)
        assert error.value.field == "join_code"
        with pytest.raises(RoomNotFound):
            store.join(code, "Ana")


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
        "refusing_layer": 3,
        "params": '{"west.influence": 0.8}',
        "results": '{"p": 0.05}',
        "submitted_at": None,
    }
    assert rows[1]["results"] is None and rows[1]["refusing_layer"] is None
    assert rows[2]["round_overrides"] == '{"leader.resolve": 3.0, "west.influence": 0.9}'


# --- Hardening: concurrent facilitator presses, and inputs no database can hold ----------------


def _at_once(*calls):
    """Run the calls in threads released together; return each one's result or exception."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait(timeout=60)
        try:
            return call()
        except Exception as error:  # noqa: BLE001 - returned for the test to inspect
            return error

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls))


def test_two_presses_of_next_round_at_once_open_one_round(store, room):
    """A double click on "start round 2" opens round 2 once, and both presses get round 2."""
    code, key = room
    for number in (1, 2, 3):  # the race needs both presses in the database together
        store.reveal(code, key, number, lambda round_, board: {})
        inject = {"west.influence": 0.5 + number / 10}

        def press(number=number, inject=inject):
            return store.start_next_round(code, key, number, inject, "Kherson falls.")

        first, second = _at_once(press, press)
        assert first == second  # the same Round (a repeat is a no-op, not an error)
        assert (first.number, first.locked, first.announcement) == (number + 1, False,
                                                                     "Kherson falls.")
        assert [r.number for r in store.all_rounds(code)] == list(range(1, number + 2))
    assert [r.locked for r in store.all_rounds(code)] == [True, True, True, False]


def test_a_conflicting_next_round_press_is_refused_and_changes_nothing(store, room):
    """Two tabs starting round 2 with different injects: one wins, the other is told so."""
    code, key = room
    outcomes = _at_once(
        lambda: store.start_next_round(code, key, 1, {"west.influence": 0.9}, "China withdraws."),
        lambda: store.start_next_round(code, key, 1, {"west.influence": 0.1}, "China joins."),
    )
    [started] = [o for o in outcomes if not isinstance(o, Exception)]
    [refused] = [o for o in outcomes if isinstance(o, Exception)]
    assert isinstance(refused, RoundMovedOn) and refused.field == "round_number"
    assert (refused.round_number, refused.current) == (1, 2)
    assert "round 2 is under way" in str(refused) and "nothing changed" in str(refused)
    assert [r.number for r in store.all_rounds(code)] == [1, 2]
    assert store.current_round(code) == started
    # A page still showing round 1 when the room is at round 3, or a round that never was.
    store.start_next_round(code, key, 2)
    for stale in (1, 2, 4, 0, -1, MAX_ROUNDS + 1, True, 2.0, None, "3"):
        with pytest.raises(WorkshopError) as error:
            store.start_next_round(code, key, stale, started.inject, started.announcement)
        assert error.value.field == "round_number"
    assert store.current_round(code).number == 3


def _moved_on_to_round_2(store, code, key) -> list[str]:
    """Round 1 revealed, round 2 started, one of four participants answered in it: tokens."""
    tokens = [store.join(code, name)[1] for name in ("Ana", "Ben", "Cy", "Dee")]
    for token in tokens:
        store.submit(code, token, 1, 0.2)
    store.reveal(code, key, 1, lambda round_, board: {})
    store.start_next_round(code, key, 1, {"west.influence": 0.9}, "China withdraws.")
    store.submit(code, tokens[0], 2, 0.3)
    return tokens


@pytest.mark.parametrize("action", ["lock", "reveal", "next round"])
def test_a_press_for_a_round_that_is_over_is_refused_and_changes_nothing(store, room, action):
    """A tab still showing round 1 must not lock, reveal or move past round 2 instead."""
    code, key = room
    tokens = _moved_on_to_round_2(store, code, key)
    before = (store.all_rounds(code), store.submissions(code, 1), store.submissions(code, 2))
    computed = []
    press = {
        "lock": lambda: store.lock_round(code, key, 1),
        "reveal": lambda: store.reveal(code, key, 1, lambda r, b: computed.append(r) or {}),
        "next round": lambda: store.start_next_round(code, key, 1, {"west.influence": 0.1}),
    }[action]
    with pytest.raises(RoundMovedOn) as error:
        press()
    assert (error.value.field, error.value.round_number, error.value.current) == (
        "round_number", 1, 2)
    assert str(error.value).startswith(
        "round_number: round 1 is no longer the current round: round 2 is under way")
    assert str(error.value).endswith("nothing changed")
    assert computed == []
    after = (store.all_rounds(code), store.submissions(code, 1), store.submissions(code, 2))
    assert after == before
    current = store.current_round(code)
    assert (current.number, current.locked, current.revealed) == (2, False, False)
    store.submit(code, tokens[1], 2, 0.4)  # round 2 still takes answers
    assert store.submission_count(code) == 2
    # The page showing round 2 can: lock and reveal act on the round they were shown.
    assert store.lock_round(code, key, 2).number == 2
    assert store.reveal(code, key, 2, lambda r, b: {}).revealed


def test_a_forecast_of_minus_zero_is_stored_as_zero(store, room):
    """-0.0 reads back as 0.0 on every database (PostgreSQL kept the sign, SQLite did not)."""
    code, _ = room
    _, token = store.join(code, "Ana")
    stored = store.submit(code, token, 1, -0.0)
    found = [stored.forecast, store.own_submission(code, token).forecast,
             store.export_rows(code)[0]["forecast"]]
    assert found == [0.0, 0.0, 0.0]
    assert [math.copysign(1.0, forecast) for forecast in found] == [1.0, 1.0, 1.0]


def test_unknown_presets_are_refused(store):
    """A room must run on a preset the app ships: a typo or a path fails at creation."""
    for preset in ("no-such-preset", "Baseline", "baseline.yaml", "scenarios/baseline.yaml",
                   "../baseline", "/etc/passwd", "", "base\x00line", "\ud800"):
        with pytest.raises(WorkshopError) as error:
            store.create_room("T", preset, ALLOWED)
        assert error.value.field == "preset"
    with pytest.raises(WorkshopError, match="unknown preset 'kemp2'; choose one of: baseline, "):
        store.create_room("T", "kemp2", ALLOWED)
    for preset in list_presets():
        assert store.create_room("T", preset, ALLOWED)[0].preset == preset


@pytest.mark.parametrize(
    ("call", "field"),
    [
        (lambda s, c, k, t: s.submit(c, t, 2**63, 0.5), "round_number"),
        (lambda s, c, k, t: s.submit(c, t, -(2**63) - 1, 0.5), "round_number"),
        (lambda s, c, k, t: s.submit(c, t, 2**31, 0.5), "round_number"),  # PostgreSQL int4
        (lambda s, c, k, t: s.submissions(c, 2**63), "round_number"),
        (lambda s, c, k, t: s.own_submission(c, t, 10**400), "round_number"),
        (lambda s, c, k, t: s.start_next_round(c, k, 2**63), "round_number"),
        (lambda s, c, k, t: s.lock_round(c, k, 2), "round_number"),  # no round 2 yet
        (lambda s, c, k, t: s.lock_round(c, k, True), "round_number"),
        (lambda s, c, k, t: s.reveal(c, k, 2**63, lambda r, b: {}), "round_number"),
        (lambda s, c, k, t: s.reveal(c, k, None, lambda r, b: {}), "round_number"),
        (lambda s, c, k, t: s.submit(c, t, 1, 10**400), "forecast"),
        (lambda s, c, k, t: s.submit(c, t, 1, float("inf")), "forecast"),
        (lambda s, c, k, t: s.submit(c, t, 1, 0.5, 10**400), "refusing_layer"),
        (lambda s, c, k, t: s.submit(c, t, 1, 0.5, None, {"chain.layers": 10**400}),
         "chain.layers"),
        (lambda s, c, k, t: s.submit(c, t, 1, 0.5, None, {"west.influence": "9" * 500}),
         "west.influence"),
        (lambda s, c, k, t: s.submit(c, t, 1, 0.5, None, {"west.influence": [0.5]}),
         "west.influence"),
        (lambda s, c, k, t: s.submit(c, t, 1, 0.5, None, {7: 1}), "params"),
        (lambda s, c, k, t: s.start_next_round(c, k, 1, {"leader.resolve": 10**400}),
         "leader.resolve"),
        (lambda s, c, k, t: s.start_next_round(c, k, 1, {"leader.resolve": 1e400}),
         "leader.resolve"),
        (lambda s, c, k, t: s.start_next_round(c, k, 1, {}, "\ud800"), "announcement"),
        (lambda s, c, k, t: s.start_next_round(c, k, 1, {}, "a\x00b"), "announcement"),
        (lambda s, c, k, t: s.join(c, "\ud800"), "display_name"),
        (lambda s, c, k, t: s.join(c, "Ana \udfff"), "display_name"),
        (lambda s, c, k, t: s.join(c, "Ana\x00"), "display_name"),
        (lambda s, c, k, t: s.join(c, 42), "display_name"),
        (lambda s, c, k, t: s.join("\x00" + c, "Ana"), "join_code"),
        (lambda s, c, k, t: s.room(c[:4] + "\x00" + c[4:]), "join_code"),
        (lambda s, c, k, t: s.room("\ud800" * 8), "join_code"),
        (lambda s, c, k, t: s.room(c + "X" * 10_000), "join_code"),
        (lambda s, c, k, t: s.room(int("2" * 8)), "join_code"),
        (lambda s, c, k, t: s.participant(c, "\ud800"), "participant_token"),
        (lambda s, c, k, t: s.participant(c, t + "\x00"), "participant_token"),
        (lambda s, c, k, t: s.submit(c, "\ud800", 1, 0.5), "participant_token"),
        (lambda s, c, k, t: s.check_facilitator_key(c, "\ud800"), "facilitator_key"),
        (lambda s, c, k, t: s.lock_round(c, k + "\x00", 1), "facilitator_key"),
        (lambda s, c, k, t: s.create_room("\ud800", "baseline", ALLOWED), "title"),
        (lambda s, c, k, t: s.create_room("T\x00", "baseline", ALLOWED), "title"),
        (lambda s, c, k, t: s.create_room("T", "base\x00line", ALLOWED), "preset"),
        (lambda s, c, k, t: s.create_room("T", "baseline", 5), "allowed_params"),
        (lambda s, c, k, t: s.create_room("T", "baseline", [5]), "allowed_params"),
        (lambda s, c, k, t: s.create_room("T", "baseline", [["chain.layers"]]), "allowed_params"),
        (lambda s, c, k, t: s.create_room("T", "baseline", ["\ud800"]), "\ud800"),
        (lambda s, c, k, t: s.create_room("T", "baseline", [], {1: 2}), "base_overrides"),
    ],
)
def test_inputs_no_database_can_hold_are_refused_by_field(store, room, call, field):
    """Overflowing integers, NUL, lone surrogates...: a WorkshopError naming the field, never a
    driver error, and nothing stored changes."""
    code, key = room
    _, token = store.join(code, "Ana")
    before = (store.all_rounds(code), store.submissions(code), store.participant_count(code))
    with pytest.raises(WorkshopError) as error:
        call(store, code, key, token)
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ") and len(str(error.value)) < 300
    assert (store.all_rounds(code), store.submissions(code),
            store.participant_count(code)) == before


def test_every_store_error_is_a_workshop_error():
    """One ``except WorkshopError`` catches them all; NotAllowed is still a PermissionError."""
    for error in (RoomNotFound, RoundLocked, RoundMovedOn, NotAllowed):
        assert issubclass(error, WorkshopError)
    assert issubclass(NotAllowed, PermissionError)
    assert NotAllowed("facilitator_key", "wrong").field == "facilitator_key"


# Inputs for the property tests: anything, with the values that used to escape as driver errors
# (2**63, 10**400, NUL, lone surrogates) drawn often rather than by luck.
ANY_TEXT = st.one_of(
    st.sampled_from(["", " ", "\x00", "\ud800", "a\udfffb", "Ana\x00", 'O"Brien <b>&', "x" * 41,
                     "1e400", "nan", "-0", "baseline", "chain.layers", "west.influence"]),
    st.text(max_size=50),
    st.text(st.characters(categories=["Cc", "Cs", "Zs", "Lu", "Nd", "Po"]), max_size=12),
)
ANY_INT = st.one_of(st.sampled_from([0, 1, 2, -1, 2**31, 2**63, -(2**63) - 1, 10**400]),
                    st.integers())
ANY_FLOAT = st.one_of(st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, 0.5]),
                      st.floats())
ANY_NUMBER = st.one_of(ANY_INT, ANY_FLOAT, st.booleans(), st.none())
ANY_VALUE = st.one_of(ANY_NUMBER, ANY_TEXT, st.lists(ANY_NUMBER, max_size=12))
# Mostly names the room allows (so values reach the checks), then any schema name, then junk.
PARAM_NAME = st.one_of(st.sampled_from(ALLOWED), st.sampled_from(list(SCHEMA)), ANY_TEXT, ANY_INT)
ANY_PARAMS = st.one_of(st.dictionaries(PARAM_NAME, ANY_VALUE, max_size=3), ANY_VALUE)
PROPERTY = settings(max_examples=80, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def only_workshop_errors(*calls) -> None:
    """Make each call; a result or a WorkshopError naming its field passes, anything else fails."""
    for call in calls:
        try:
            call()
        except WorkshopError as error:
            assert isinstance(error.field, str) and error.field
            assert str(error).startswith(f"{error.field}: ") and len(str(error)) < 500


@pytest.fixture
def participant_token(store, room):
    """A participant of the room: (join code, facilitator key, token)."""
    code, key = room
    return code, key, store.join(code, "Ana")[1]


@PROPERTY
@given(text=ANY_TEXT)
def test_any_text_as_a_name_code_title_preset_or_secret(store, participant_token, text):
    code, key, token = participant_token
    only_workshop_errors(
        lambda: store.join(code, text),
        lambda: store.room(text),
        lambda: store.join(text, "Ana"),
        lambda: store.participant(code, text),
        lambda: store.submit(code, text, 1, 0.5),
        lambda: store.check_facilitator_key(code, text),
        lambda: store.lock_round(code, text, 1),
        lambda: store.create_room(text, "baseline", ALLOWED),
        lambda: store.create_room("T", text, ALLOWED),
        lambda: store.create_room("T", "baseline", [text]),
        lambda: store.create_room("T", "baseline", [], {text: 1}),
        lambda: store.submit(code, token, 1, 0.5, None, {text: 1}),
        lambda: store.start_next_round(code, key, store.current_round(code).number, {}, text),
    )
    assert store.room(code).join_code == code  # the store still works


@PROPERTY
@given(number=ANY_INT)
def test_any_integer_as_a_round_number(store, participant_token, number):
    code, key, token = participant_token
    only_workshop_errors(
        lambda: store.submit(code, token, number, 0.5),
        lambda: store.submissions(code, number),
        lambda: store.own_submission(code, token, number),
        lambda: store.start_next_round(code, key, number),
    )
    assert store.room(code).join_code == code


@PROPERTY
@given(value=st.one_of(ANY_NUMBER, ANY_VALUE))
def test_any_number_as_a_forecast_layer_or_parameter_value(store, participant_token, value):
    code, key, token = participant_token
    current = store.current_round(code).number
    only_workshop_errors(
        lambda: store.submit(code, token, current, value),
        lambda: store.submit(code, token, current, 0.5, value),
        *(lambda name=name: store.submit(code, token, current, 0.5, None, {name: value})
          for name in ALLOWED),
        lambda: store.submit(code, token, current, 0.5, None, value),
        lambda: store.create_room("T", "baseline", ALLOWED, {"leader.resolve": value}),
        lambda: store.create_room("T", "baseline", value),
        lambda: store.start_next_round(code, key, current, {"chain.base_refusal": value}),
    )
    assert store.room(code).join_code == code


@PROPERTY
@given(data=st.data())
def test_any_input_anywhere_gives_a_result_or_a_workshop_error(store, participant_token, data):
    """Arbitrary arguments to every method at once, the real code, key and token among them."""
    code, key, token = participant_token
    current = store.current_round(code).number
    codes = st.one_of(st.just(code), st.just(f"{code[:4].lower()}-{code[4:]}"), ANY_TEXT,
                      ANY_INT)
    keys = st.one_of(st.just(key), ANY_TEXT, ANY_INT, st.none())
    tokens = st.one_of(st.just(token), ANY_TEXT, ANY_INT, st.none())
    numbers = st.one_of(st.just(current), ANY_INT, ANY_FLOAT, st.none())
    draw = data.draw
    calls = {
        "join": lambda: store.join(draw(codes), draw(ANY_TEXT)),
        "room": lambda: store.room(draw(codes)),
        "participant": lambda: store.participant(draw(codes), draw(tokens)),
        "check_facilitator_key": lambda: store.check_facilitator_key(draw(codes), draw(keys)),
        "submit": lambda: store.submit(draw(codes), draw(tokens), draw(numbers),
                                       draw(ANY_NUMBER), draw(ANY_NUMBER), draw(ANY_PARAMS)),
        "own_submission": lambda: store.own_submission(draw(codes), draw(tokens),
                                                       draw(numbers)),
        "submissions": lambda: store.submissions(draw(codes), draw(numbers)),
        "create_room": lambda: store.create_room(
            draw(ANY_TEXT), draw(st.one_of(st.sampled_from(list_presets()), ANY_TEXT)),
            draw(st.one_of(st.lists(PARAM_NAME, max_size=3), ANY_VALUE)), draw(ANY_PARAMS)),
        "start_next_round": lambda: store.start_next_round(
            draw(codes), draw(keys), draw(numbers), draw(ANY_PARAMS), draw(ANY_TEXT)),
        "lock_round": lambda: store.lock_round(draw(codes), draw(keys), draw(numbers)),
        "reveal": lambda: store.reveal(draw(codes), draw(keys), draw(numbers), lambda r, b: {}),
    }
    only_workshop_errors(calls[draw(st.sampled_from(sorted(calls)))])
    assert store.room(code).join_code == code



# --- Injects that schedule events ---------------------------------------------------------------

ISTHMUS = {"kind": "encirclement", "week": 8, "label": "Ukraine reaches the Crimean isthmus"}


def test_injected_events_add_up_over_the_rounds_and_survive_a_restart(open_store, room):
    """Round 2 schedules an event, round 3 another: round 3 has both, earlier first."""
    code, key = room
    store = open_store()
    store.reveal(code, key, 1, lambda round_, board: {})
    second = store.start_next_round(code, key, 1, {"events": [ISTHMUS]}, "The isthmus.")
    assert [(e.kind, e.side, e.week, e.size, e.label) for e in second.events] == [
        ("encirclement", "ukraine", 8, None, "Ukraine reaches the Crimean isthmus")]
    assert second.inject == {"events": [{"kind": "encirclement", "side": "ukraine", "week": 8,
                                         "label": "Ukraine reaches the Crimean isthmus"}]}
    assert second.overrides == {"leader.resolve": 3.0}  # parameters only: events apart
    assert store.start_next_round(code, key, 1, {"events": [ISTHMUS]}, "The isthmus.") == second
    with pytest.raises(RoundMovedOn):  # another tab, another event: refused, not dropped
        store.start_next_round(code, key, 1, {"events": [{**ISTHMUS, "week": 9}]}, "The isthmus.")
    store.reveal(code, key, 2, lambda round_, board: {})
    mutiny = {"kind": "elite_crisis", "date": "2023-06-24", "size": 0.5}  # a date: its week
    third = store.start_next_round(code, key, 2, {"events": [mutiny], "west.influence": 0.9})
    assert [(e.kind, e.week, e.size) for e in third.events] == [
        ("encirclement", 8, None), ("elite_crisis", 39, 0.5)]
    assert third.inject == {"west.influence": 0.9, "events": [
        {"kind": "elite_crisis", "side": "russia", "week": 39, "size": 0.5}]}
    fourth = store.start_next_round(code, key, 3, {"leader.resolve": 1})  # no event: all stay
    assert (fourth.events, fourth.overrides) == (
        third.events, {"leader.resolve": 1.0, "west.influence": 0.9})
    _, token = store.join(code, "Ana")
    store.submit(code, token, 4, 0.2)
    store.close()
    restarted = open_store()
    first, *later = restarted.all_rounds(code)
    assert first.events == ()
    assert [(r.number, r.overrides, r.inject, r.events) for r in later] == [
        (r.number, r.overrides, r.inject, r.events) for r in (second, third, fourth)]
    [row] = restarted.export_rows(code)  # the export's round setting has its events too
    assert json.loads(row["round_overrides"])["events"] == [
        *second.inject["events"], *third.inject["events"]]


@pytest.mark.parametrize(
    ("scheduled", "field"),
    [
        ([{"kind": "encirclement", "week": 52}], "events[0].week"),  # the horizon is 52 weeks
        ([{"kind": "encirclement", "date": "2024-01-01"}], "events[0].date"),
        ([{"kind": "encirclement", "week": -1}], "events[0].week"),
        ([{"kind": "encirclement"}], "events[0].week"),
        ([ISTHMUS, {"kind": "encirclment", "week": 8}], "events[1].kind"),
        ([{"kind": "offensive", "week": 8}], "events[0].side"),  # Ukraine's or Russia's?
        ([{"kind": "encirclement", "side": "russia", "week": 8}], "events[0].side"),
        ([{"kind": "encirclement", "week": 8, "size": 10**6}], "events[0].size"),
        ([{"kind": "encirclement", "week": 8, "size": float("nan")}], "events[0].size"),
        ([{"kind": "encirclement", "week": 8, "size": 10**400}], "events[0].size"),
        ([{"kind": "talks", "side": "both", "week": 8, "size": 1}], "events[0].size"),
        ([{"kind": "encirclement", "week": 8, "label": "a\x00b"}], "events[0].label"),
        ([{"kind": "encirclement", "week": 8, "label": "\ud800"}], "events[0].label"),
        ([{"kind": "encirclement", "week": 8, "label": "x" * 201}], "events[0].label"),
        ([{"kind": "encirclement", "week": 8, "label": 7}], "events[0].label"),
        ([{"kind": "encirclement", "week": 8, "colour": "red"}], "events[0].colour"),
        ([{"kind": "encirclement", "week": "9" * 500}], "events[0].week"),
        ([8], "events[0]"),
        ({"kind": "encirclement", "week": 8}, "events"),
        ("encirclement", "events"),
        ([ISTHMUS] * 201, "events"),
    ],
)
def test_a_bad_event_is_refused_naming_the_field_and_changes_nothing(store, room, scheduled,
                                                                       field):
    code, key = room
    store.reveal(code, key, 1, lambda round_, board: {})
    before = store.all_rounds(code)
    with pytest.raises(WorkshopError) as error:
        store.start_next_round(code, key, 1, {"west.influence": 0.9, "events": scheduled})
    assert error.value.field == field
    assert str(error.value).startswith(f"{field}: ") and len(str(error.value)) < 500
    assert store.all_rounds(code) == before


def test_a_horizon_that_leaves_a_scheduled_event_outside_is_refused(store, room):
    """Round 3 cannot shorten the year to 8 weeks when round 2 scheduled week 8."""
    code, key = room
    store.reveal(code, key, 1, lambda round_, board: {})
    store.start_next_round(code, key, 1, {"events": [ISTHMUS]})
    store.reveal(code, key, 2, lambda round_, board: {})
    with pytest.raises(WorkshopError) as error:
        store.start_next_round(code, key, 2, {"horizon_weeks": 8})
    assert error.value.field == "horizon_weeks" and "at least 9 weeks" in str(error.value)
    assert store.current_round(code).number == 2
    # A longer horizon with an event in it is fine, and is what the event is checked against.
    longer = store.start_next_round(
        code, key, 2, {"horizon_weeks": 104, "events": [{"kind": "talks", "side": "both",
                                                           "week": 100}]})
    assert [e.week for e in longer.events] == [8, 100]


def test_a_participant_may_shorten_the_horizon_before_an_injected_event(store):
    """An event after a participant's own horizon cannot matter to them: no refusal."""
    room, key = store.create_room("T", "baseline", ["horizon_weeks"])
    code = room.join_code
    _, token = store.join(code, "Ana")
    store.reveal(code, key, 1, lambda round_, board: {})
    store.start_next_round(code, key, 1, {"events": [{**ISTHMUS, "week": 40}]})
    stored = store.submit(code, token, 2, 0.1, None, {"horizon_weeks": 26})
    assert stored.params == {"horizon_weeks": 26}


@PROPERTY
@given(scheduled=st.one_of(
    ANY_VALUE,
    st.lists(st.dictionaries(st.sampled_from(["kind", "side", "week", "date", "size", "label"]),
                             st.one_of(ANY_VALUE, st.sampled_from(
                                 ["encirclement", "offensive", "ukraine", "2023-01-01"])),
                             max_size=6), max_size=3),
))
def test_any_events_give_a_round_or_a_workshop_error(store, participant_token, scheduled):
    code, key, _ = participant_token
    current = store.current_round(code).number
    only_workshop_errors(
        lambda: store.start_next_round(code, key, current, {"events": scheduled}))
    assert store.room(code).join_code == code

# --- Configuration: SQLite only -----------------------------------------------------------------


def test_default_database_is_a_wal_sqlite_file_under_the_data_dir(tmp_path, monkeypatch):
    """With no configuration, the data directory and a WAL database appear on first use."""
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "new" / "dir"))
    store = WorkshopStore()
    try:
        store.create_room("T", "baseline", [])
    finally:
        store.close()
    path = tmp_path / "new" / "dir" / "workshop.db"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        assert conn.execute("SELECT version FROM workshop_schema_version").fetchall() == [(1,)]


def test_database_url_precedence(tmp_path, monkeypatch):
    """An explicit URL beats $WORKSHOP_DATABASE_URL, which beats the SQLite default."""
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{tmp_path / 'workshop.db'}"
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_newer_schema_version_is_refused(tmp_path):
    """Old code must not write into a database that a newer version has migrated."""
    url = f"sqlite:///{tmp_path / 'workshop.db'}"
    WorkshopStore(url).close()
    with sqlite3.connect(tmp_path / "workshop.db") as conn:
        conn.execute("UPDATE workshop_schema_version SET version = 2")
    with pytest.raises(RuntimeError, match="schema version 2"):
        WorkshopStore(url)
