"""The workshop store's join codes, facilitator keys and participant tokens
(simulator/workshop/credentials.py): short codes, hashed secrets, and a wrong key or
token that reaches nothing.

Each test using the store runs on SQLite and on PostgreSQL (the fixtures of
tests/support/workshop_store.py).
"""

import pytest
from sqlalchemy import create_engine, text
from support.workshop_store import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _database_url_for_test,
    _open_store,
    _room,
    _store,
)

from simulator.workshop import NotAllowed, RoomNotFound
from simulator.workshop.credentials import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH


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


def test_unknown_room_code(store):
    """A mistyped code gets a clear error naming the join code."""
    for code in ("ZZZZZZZZ", "", "not a code"):
        with pytest.raises(RoomNotFound) as error:
            store.room(code)
        assert error.value.field == "join_code"
        with pytest.raises(RoomNotFound):
            store.join(code, "Ana")
