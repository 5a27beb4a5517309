"""The whole war (simulator.evidence.war): the record year and the held-out years as one record.

Held-out rule (docs/HELD_OUT.md): no answer for a date from 21 Sep 2023 is read here. The
tests check what the join is (dates, ids, shapes), that in the record year the whole war
conditions exactly as the record year does, and that conditioning on nothing gives the
unconditioned answer; the later forecasts file is checked for its sources.
"""

import datetime as dt

import numpy as np
import pytest

import simulator
from simulator.evidence import held_out, record, war
from simulator.evidence import nowcast as nc
from simulator.model.scenario import list_presets, load
from simulator.running import engine

REC = record.default()
WAR = war.default()
LAST_WEEK = 156 - 13
"""The last week whose 13-week window ends by week 156 (17 Sep 2025)."""


def test_the_whole_war_joins_the_record_year_and_the_held_out_years():
    held = held_out.load()
    assert WAR.start == REC.start == dt.date(2022, 9, 21) and WAR.horizon_weeks == 156
    assert [e.id for e in WAR.events] == [e.id for e in (*REC.events, *held.events)]
    assert max(e.date for e in WAR.events) == dt.date(2025, 9, 17)
    later = war.later_forecasts()
    assert [f.id for f in WAR.forecasts] == [f.id for f in (*REC.forecasts, *later)]
    assert war.HELD_OUT_FROM == dt.date(2023, 9, 21) == REC.start + dt.timedelta(days=365)


def test_an_id_in_both_parts_is_an_error_naming_it():
    held = held_out.load()
    twice = held_out.HeldOut(held.horizon, held.schedule, (*held.events, REC.events[0]))
    with pytest.raises(record.RecordError, match=f"events id '{REC.events[0].id}'"):
        war.join(REC, twice)


def test_the_later_forecasts_are_after_the_record_year_with_their_sources():
    later = war.later_forecasts()
    assert later, "forecasts-later.yaml holds at least one forecast"
    for forecast in later:
        assert forecast.made >= war.HELD_OUT_FROM and forecast.horizon > forecast.made
        assert forecast.outcome == "nuclear_use" and 0 < forecast.probability < 1
        assert all(s.publication and s.title and s.date and s.url for s in forecast.sources)
    assert "forecasts-later" not in list_presets()  # data, not a preset


def test_a_bad_later_file_names_the_file_and_the_field(tmp_path):
    bad = tmp_path / "later.yaml"
    bad.write_text("forecasts:\n  - {id: x, forecaster: y}\n")
    with pytest.raises(record.RecordError, match="later.yaml: forecasts\\[0\\].*missing"):
        war.later_forecasts(bad)


def test_each_view_runs_the_whole_war_with_the_held_out_events_scheduled():
    held = held_out.load()
    view = war.scenario(load("kemp"))
    assert view.parameters["horizon_weeks"] == 156
    labels = [e.label for e in view.events]
    assert sorted(labels) == sorted(e["label"] for e in held.schedule)  # the presets: none


def test_a_held_out_date_conditions_on_none_so_far_and_skips_the_undated_events():
    day = dt.date(2024, 6, 5)
    facts, skipped = nc.facts_at(WAR, day)
    assert all(f.date <= day for f in facts)
    ids = {f.id for f in facts}
    assert {"no-nuclear-use-2023-2025", "putin-in-office-2025",
            "no-nato-involvement-2025"} <= ids
    assert {i for i, _ in skipped} >= {"war-ongoing-2025", "donbass-not-taken-2025",
                                       "russian-net-gains-2024", "kursk-held-in-2024"}
    use = next(f for f in facts if f.id == "no-nuclear-use-2023-2025")
    assert use.test == f"use_week not in weeks 0-{WAR.week(day) - 1}"


def test_in_the_record_year_the_whole_war_weighs_worlds_exactly_as_the_record_year():
    columns = engine.run(war.scenario(load("baseline")), 3_000, 4, workers=1).columns
    for week in (0, 3, 8, 20, 36, 39):
        day = REC.start + dt.timedelta(weeks=week)
        year, _ = nc.facts_at(REC, day)
        whole, _ = nc.facts_at(WAR, day)
        assert np.array_equal(nc.weights(year, columns), nc.weights(whole, columns))


def test_the_first_day_gives_the_unconditioned_answer_exactly():
    found = simulator.nowcast("baseline", "2022-09-21", 13, target_ess=1_000, seed=3, war=True)
    assert found.view == "baseline+2023-25" and found.facts == ()
    assert found.estimate == found.unconditioned and found.ess == found.worlds


@pytest.mark.parametrize("day, words", [(dt.date(2025, 9, 18), "outside the record"),
                                        (dt.date(2025, 7, 1), "past the horizon")])
def test_dates_past_the_whole_war_are_refused(day, words):
    with pytest.raises(nc.NowcastError, match=words):
        nc.nowcast(war.scenario(load("baseline")), day, 13, record=WAR)


def test_the_war_series_runs_every_week_to_the_last_window_that_fits():
    view = simulator.nowcast_series("hodges", 13, 13, target_ess=300, seed=1, war=True,
                                    workers=1)[0]
    assert [p.week for p in view.points] == list(range(0, LAST_WEEK + 1, 13))
    assert view.points[-1].as_of == dt.date(2025, 6, 18) and all(p.ess >= 300
                                                                 for p in view.points)
    assert [p.point.week for p in view.periods] == list(range(0, LAST_WEEK + 1, 13))
    asked = {b.forecast.id: b for b in view.beside}
    assert set(asked) == {f.id for f in WAR.scored_forecasts}
    assert not asked["samotsvety-2022-10"].truncated  # within 156 weeks now
    later = asked["polymarket-detonation-2024-11-19"].point
    assert later.as_of == dt.date(2024, 11, 19)
    assert later.weeks == WAR.week(dt.date(2024, 12, 31)) - WAR.week(dt.date(2024, 11, 19))
    assert view.points[0].ess == view.worlds  # nothing known yet: every world counts
