"""Dated rounds (#27) and the room's state a participant page polls (#29), in the store.

A round set at a real day of the record keeps its day (schema version 3), refused by field
when it is not a day of the record within the horizon; its reveal stores the model given the
record up to the day, the very nowcast the evidence package gives; a version-2 database is
migrated with its rounds undated. Each test runs on SQLite and on PostgreSQL.
"""

import datetime as dt
import html

import numpy as np
import pytest
from sqlalchemy import create_engine, inspect, select
from support.workshop_store import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    _database_url_for_test,
    _open_store,
    _participant_token,
    _room,
    _store,
    version_2_database,
)

from simulator.evidence import nowcast, record
from simulator.running import engine
from simulator.workshop import WorkshopError, dated, labels, results, revealed
from simulator.workshop.report import html_report
from simulator.workshop.schema import SCHEMA_VERSION, schema_version

RUNS = 400
KHERSON = dated.BY_ID["kherson"]


def _reveal(store, code, key, number):
    return store.reveal(code, key, number, lambda r, s: results.compute(
        r, s, runs=RUNS, allowed=["chain.layers"]))


def test_the_room_state_changes_at_each_step_a_participant_page_must_follow(
        store, participant_token):
    code, key, token = participant_token
    seen = [store.room_state(code)]
    assert seen[0][:3] == (1, False, False)
    store.submit(code, token, 1, 0.1)  # an answer alone does not move the room on
    assert store.room_state(code) == seen[0]
    store.lock_round(code, key, 1)
    seen.append(store.room_state(code))
    _reveal(store, code, key, 1)
    seen.append(store.room_state(code))
    _reveal(store, code, key, 1)  # revealed again: new results, the pages must redraw
    seen.append(store.room_state(code))
    store.start_next_round(code, key, 1, {"chain.layers": 4}, "An inject")
    seen.append(store.room_state(code))
    assert len(set(seen)) == len(seen), seen
    assert [state[:3] for state in seen] == [(1, False, False), (1, True, False),
                                             (1, True, True), (1, True, True),
                                             (2, False, False)]


def test_a_dated_round_keeps_its_day_and_a_repeat_press_opens_no_second_round(
        store, participant_token):
    code, key, _ = participant_token
    assert store.current_round(code).as_of is None
    inject = {"events": KHERSON.events()}
    opened = store.start_next_round(code, key, 1, inject, KHERSON.text(), as_of=KHERSON.date)
    assert opened.as_of == dt.date(2022, 11, 9) and opened.number == 2
    assert [(e.kind, e.side, e.week) for e in opened.events] == [("offensive", "ukraine", 7)]
    again = store.start_next_round(code, key, 1, inject, KHERSON.text(), as_of="2022-11-09")
    assert again == opened and len(store.all_rounds(code)) == 2
    assert store.all_rounds(code)[1].as_of == KHERSON.date


@pytest.mark.parametrize("as_of, words", [
    ("2022-09-01", "outside the record"),
    ("2024-01-01", "outside the record"),
    ("9 Nov", "expected a date"),
    (20221109, "expected a date"),
    (dt.datetime(2022, 11, 9, 12), "expected a date"),
])
def test_a_round_day_outside_the_record_or_not_a_day_is_refused_naming_the_field(
        store, room, as_of, words):
    code, key = room
    with pytest.raises(WorkshopError, match=words) as raised:
        store.start_next_round(code, key, 1, {}, "", as_of=as_of)
    assert raised.value.field == "as_of"
    assert [r.number for r in store.all_rounds(code)] == [1]  # nothing changed


def test_a_day_past_a_shortened_horizon_is_refused(store, room):
    code, key = room
    with pytest.raises(WorkshopError, match="leaves no week") as raised:
        store.start_next_round(code, key, 1, {"horizon_weeks": 20}, "", as_of="2023-06-24")
    assert raised.value.field == "as_of"


def test_the_reveal_of_a_dated_round_stores_the_nowcast_of_its_setting(
        store, participant_token):
    code, key, token = participant_token
    store.submit(code, token, 1, 0.1, None, {"chain.layers": 4})
    _reveal(store, code, key, 1)
    store.start_next_round(code, key, 1, {"events": KHERSON.events()}, "", as_of=KHERSON.date)
    store.submit(code, token, 2, 0.08, None, {"chain.layers": 4})
    _reveal(store, code, key, 2)
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    found = shown.dated
    base = results.round_scenario(shown.round.preset, shown.round.overrides,
                                  shown.round.events)
    week = record.default().week(KHERSON.date)
    direct = nowcast.nowcast(base, KHERSON.date, 52 - week, seed=results.SEED, workers=1)
    assert (found["estimate"], found["ci_low"], found["ci_high"]) == (
        direct.estimate.estimate, direct.estimate.ci_low, direct.estimate.ci_high)
    assert found["weeks"] == 52 - week == 45 and found["first"] == "2022-11-09"
    assert found["ess"] >= nowcast.TARGET_ESS and found["facts"] == len(direct.facts)
    # Each participant's own scenario read from the day: the engine's worlds, counted.
    (row,) = shown.rows
    own = engine.run(results.participant_scenario(shown.round.preset, shown.round.overrides,
                                                  {"chain.layers": 4}, shown.round.events),
                     RUNS, results.SEED, workers=1)
    when = np.asarray(own.columns["use_week"])
    alive = (when < 0) | (when >= week)
    assert row.from_day.n == alive.sum()
    assert row.from_day.estimate == pytest.approx(((when >= week) & (when < 52)).sum()
                                                  / alive.sum())
    table = dated.participants_table(shown)
    assert list(table.iloc[0]) == ["Ana", "8.0%", f"{labels.percent(row.from_day.estimate)} ("
                                   f"{labels.percent(row.from_day.ci_low)} – "
                                   f"{labels.percent(row.from_day.ci_high)})"]
    # An undated round stores none.
    first = revealed.round_results(store.all_rounds(code)[0], store.submissions(code, 1))
    assert first.dated is None and first.rows[0].from_day is None
    # The HTML report has the day's part, escaped, in the room's language.
    page = html_report(store, code, "fr")
    assert html.escape(dated.model_line(found, "fr")) in page
    assert html.escape(dated.next_events(KHERSON.date, "fr")[0]) in page


def test_a_version_2_database_is_migrated_with_its_rounds_undated(database_url_for_test,
                                                                open_store):
    code, key, token = version_2_database(database_url_for_test)
    store = open_store()
    engine = create_engine(database_url_for_test)
    try:
        with engine.connect() as conn:
            assert conn.scalar(select(schema_version.c.version)) == SCHEMA_VERSION == 3
            columns = {c["name"]: c for c in inspect(conn).get_columns("workshop_rounds")}
        assert columns["as_of"]["nullable"]
    finally:
        engine.dispose()
    old = store.all_rounds(code)
    assert [(r.number, r.as_of, r.revealed) for r in old] == [(1, None, True), (2, None, False)]
    assert [e.week for e in old[1].events] == [7]
    assert [s.forecast_range for s in store.submissions(code)] == [(0.05, 0.5)]
    assert store.room_state(code)[:3] == (2, False, False)
    # The old room goes on: its round 2 is revealed, a dated round 3 opens on it.
    _reveal(store, code, key, 2)
    third = store.start_next_round(code, key, 2, {}, "", as_of=dated.BY_ID["wagner"].date)
    assert third.as_of == dt.date(2023, 6, 24)
    assert open_store().current_round(code).as_of == third.as_of  # reopened: no migration twice
    assert store.participant(code, token).display_name == "Old Ben"
