"""Injects that schedule events, in the workshop store (simulator/workshop/facilitator.py,
validation.py): they add up over the rounds, survive a restart, and a bad one is refused
naming its field.

Each test using the store runs on SQLite and on PostgreSQL (the fixtures of
tests/support/workshop_store.py).
"""

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st
from support.workshop_store import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ANY_VALUE,
    PROPERTY,
    _database_url_for_test,
    _open_store,
    _participant_token,
    _room,
    _store,
    only_workshop_errors,
)

from simulator.workshop import RoundMovedOn, WorkshopError

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
