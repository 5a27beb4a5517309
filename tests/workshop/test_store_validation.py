"""The checks of the workshop store's input (simulator/workshop/validation.py, errors.py):
every bad value is a WorkshopError naming its field, and nothing stored changes.

Each test using the store runs on SQLite and on PostgreSQL (the fixtures of
tests/support/workshop_store.py).
"""

import pytest
from support.workshop_store import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _database_url_for_test,
    _open_store,
    _room,
    _store,
)

from simulator.model.scenario import list_presets
from simulator.workshop import NotAllowed, RoomNotFound, RoundLocked, RoundMovedOn, WorkshopError


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
