"""Nowcasts: a view's answer at a date given the record up to it (simulator.evidence.nowcast).

The properties tested: no knowledge at all gives the unconditioned answer to the bit; the
facts at a date read nothing of a world after it; the ESS and the weighted share are what
they say; worlds are drawn until the ESS is reached; a record a view makes nearly
impossible is an error naming the event; and, on histories drawn from the model itself, the
conditioned answers are right (``test_conditioned_answers_are_right_on_the_models_own_histories``).
"""

import datetime as dt

import numpy as np
import pytest

import simulator
from simulator.evidence import nowcast as nc
from simulator.evidence import nowcast_series as ns
from simulator.evidence import record
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine

REC = record.default()


def on(week: int) -> dt.date:
    return REC.start + dt.timedelta(weeks=week)


def test_no_time_passed_gives_the_unconditioned_answer_exactly():
    found = nc.nowcast(load("baseline"), REC.start, 13, target=2_000, seed=5)
    assert found.facts == () and found.rounds == 1
    columns = engine.run(load("baseline"), found.worlds, 5, workers=1).columns
    week = np.asarray(columns["use_week"])
    direct = analysis.proportion(int(((week >= 0) & (week < 13)).sum()), found.worlds)
    assert found.estimate == direct == found.unconditioned
    assert found.ess == found.worlds


def test_a_record_of_no_events_gives_the_unconditioned_answer_exactly():
    """Only context events (no outcome): nothing to weigh, whatever the date."""
    context = [e for e in REC.events if not e.scored]
    bare = record.Record(REC.start, REC.horizon_weeks, tuple(context), REC.forecasts)
    found = nc.nowcast(load("kemp"), dt.date(2023, 2, 1), 13, target=2_000, seed=3,
                       record=bare)
    assert found.facts == () and found.skipped == ()
    assert found.estimate == found.unconditioned and found.ess == found.worlds


def test_facts_at_a_date_read_nothing_of_a_world_after_it():
    columns = {k: np.asarray(v) for k, v in
               engine.run(load("baseline"), 4_000, 9, workers=1).columns.items()}
    rng = np.random.default_rng(0)
    for week in (3, 8, 20, 36):
        facts, _ = nc.facts_at(REC, on(week))
        assert all(f.date <= on(week) for f in facts)
        later = dict(columns)
        for column in nc.WEEK_OF.values():  # what happened from the date's week on: erased
            later[column] = np.where(columns[column] >= week, -1, columns[column])
        for column, at in nc.CHECKPOINTS.items():  # territory not yet measured: scrambled
            if at > week:
                later[column] = rng.normal(0, 20_000, len(columns[column])).astype(np.float32)
        # the first infrastructure strike is read up to the week holding the date (the record
        # dates the 10 Oct strikes on the day), so only what is after that week is erased
        later["infrastructure_week"] = np.where(columns["infrastructure_week"] > week, -1,
                                                columns["infrastructure_week"])
        assert np.array_equal(nc.weights(facts, columns), nc.weights(facts, later)), week


def test_the_facts_follow_the_record_dates():
    ids = lambda day: {f.id for f in nc.facts_at(REC, day)[0]}  # noqa: E731
    assert ids(REC.start) == set()
    assert "territory-gain-nov-2022" not in ids(dt.date(2022, 11, 15))
    assert "territory-gain-nov-2022" in ids(dt.date(2022, 11, 16))
    assert "russian-net-gain-winter-spring" in ids(dt.date(2023, 5, 24))
    assert {"no-nuclear-use", "putin-in-office", "no-nato-involvement"} <= ids(on(1))
    skipped = dict(nc.facts_at(REC, dt.date(2023, 6, 1))[1])
    assert "war-ongoing" in skipped and "china-middle-course" in skipped


def test_a_dated_event_that_happened_is_known_from_its_date():
    """A custom record: the leader ousted on 1 Feb 2023 (week 19)."""
    source = REC.events[0].sources
    ousted = record.Event("ousted", "ousted", dt.date(2023, 2, 1), "leader_ousted",
                          {"is": True}, "", source)
    rec = record.Record(REC.start, 52, (ousted,), REC.forecasts)
    assert nc.facts_at(rec, dt.date(2023, 1, 31))[0] == []
    assert "after the as-of date" in nc.facts_at(rec, dt.date(2023, 1, 31))[1][0][1]
    (fact,), _ = nc.facts_at(rec, dt.date(2023, 3, 1))
    weeks = np.array([-1, 3, 19, 20], np.int16)
    assert fact.weigh({"ousted_week": weeks}).tolist() == [0.0, 1.0, 1.0, 0.0]


def test_ess_and_the_weighted_share():
    assert nc.ess(np.array([1.0, 0.5, 0.0])) == pytest.approx(1.5**2 / 1.25)
    assert nc.ess(np.zeros(3)) == 0
    hard = np.array([1.0, 1, 0, 1, 0])
    happened = np.array([True, False, True, True, False])
    assert nc.weighted_share(hard, happened) == analysis.proportion(2, 3)
    soft = np.array([1.0, 0.5, 0.25, 1.0])
    share = nc.weighted_share(soft, np.array([True, False, False, True]))
    assert share.estimate == pytest.approx(2 / 2.75)
    assert share.ci_low < share.estimate < share.ci_high and share.n == round(nc.ess(soft))


def fake_runner(rate: float):
    """Worlds where use_week is -1 (agree with 'no use so far') with probability ``rate``."""
    calls = []

    def run(n, seed):
        calls.append((n, seed))
        rng = np.random.default_rng(seed)
        use = np.where(rng.random(n) < rate, -1, 0).astype(np.int16)
        columns = {k: np.full(n, -1, np.int16) for k in nc.KEPT}
        columns["use_week"] = use
        return columns
    return run, calls


def test_worlds_are_drawn_in_rounds_until_the_ess_is_reached():
    run, calls = fake_runner(0.1)
    facts = [nc.Fact("none", "none", REC.start, "t", nc.none_before("use_week", 1))]
    found = nc.draw(load("baseline"), [(facts, None)], target=1_000, cap=10**6, seed=7,
                    runner=run)
    assert calls[0] == (1_250, 7) and [s for _, s in calls] == list(range(7, 7 + len(calls)))
    assert nc.ess(nc.weights(facts, found.columns)) >= 1_000
    assert found.worlds == sum(n for n, _ in calls) < 20_000


def test_a_cap_reached_below_the_target_is_said_and_below_the_floor_is_an_error():
    run, _ = fake_runner(0.1)
    facts = [nc.Fact("none", "none", REC.start, "t", nc.none_before("use_week", 1))]
    short = nc.draw(load("baseline"), [(facts, None)], target=1_000, cap=6_000, seed=1,
                    runner=run, min_ess=300)
    assert short.worlds == 6_000 and 300 <= nc.ess(nc.weights(facts, short.columns)) < 1_000
    run, calls = fake_runner(1e-5)
    with pytest.raises(nc.NowcastError, match="'none'.*0.00% of the worlds"):
        nc.draw(load("baseline"), [(facts, dt.date(2022, 12, 1))], target=5_000,
                cap=10**6, seed=1, runner=run)
    # it gave up after one round: at (ESS + 3) / 6,250 per world, 10^6 worlds give < 1,000
    assert calls == [(6_250, 1)]


def test_a_record_the_view_makes_impossible_names_the_event():
    events = tuple(record.Event(e.id, e.label, e.date, e.outcome,
                                {"between": [40_000, 50_000]}, e.mapping, e.sources)
                   if e.id == "territory-gain-nov-2022" else e for e in REC.events)
    rec = record.Record(REC.start, REC.horizon_weeks, events, REC.forecasts)
    with pytest.raises(nc.NowcastError, match="least likely event is 'territory-gain-nov-2022'"):
        nc.nowcast(load("baseline"), dt.date(2022, 12, 1), 13, record=rec, seed=1)


@pytest.mark.parametrize("day", [dt.date(2022, 9, 20), dt.date(2023, 9, 22)])
def test_a_date_outside_the_record_is_refused(day):
    with pytest.raises(nc.NowcastError, match="outside the record"):
        nc.nowcast(load("baseline"), day)


def test_a_window_past_the_horizon_or_an_undated_outcome_is_refused():
    with pytest.raises(nc.NowcastError, match="past the horizon"):
        nc.nowcast(load("baseline"), dt.date(2023, 8, 1), 13)
    with pytest.raises(nc.NowcastError, match="has no week"):
        nc.nowcast(load("baseline"), dt.date(2022, 11, 1), 13, "donbass_taken")


def test_the_api_answers_one_view_or_several():
    one = simulator.nowcast("baseline", "2022-11-11", 13, target_ess=1_000, seed=1)
    assert isinstance(one, nc.Nowcast) and one.ess >= 1_000 and one.week == 7
    both = simulator.nowcast(["baseline", "hodges"], "2022-11-11", 13, target_ess=1_000)
    assert [n.view for n in both] == ["baseline", "hodges"]
    with pytest.raises(nc.NowcastError, match="not a date"):
        simulator.nowcast("baseline", "11/11/2022")


def test_the_series_starts_unconditioned_and_scores_each_period():
    view = ns.series([load("baseline")], 13, 4, target=1_000, seed=2)[0]
    assert [p.week for p in view.points] == list(range(0, 37, 4))
    assert all(p.ess >= 1_000 for p in view.points)
    assert [p.point.week for p in view.periods] == [0, 13, 26, 39]
    assert not any(p.happened for p in view.periods)
    assert view.log_score == pytest.approx(
        sum(np.log(1 - p.point.estimate.estimate) for p in view.periods))
    asked = {b.forecast.id for b in view.beside}
    assert asked == {f.id for f in REC.scored_forecasts}
    month = next(b for b in view.beside if b.forecast.id == "samotsvety-2022-10-month")
    assert month.point.as_of == dt.date(2022, 10, 3)
    assert month.point.weeks == REC.week(dt.date(2022, 11, 3)) - REC.week(dt.date(2022, 10, 3))
    assert next(b for b in view.beside if b.forecast.id == "samotsvety-2022-10").truncated


@pytest.mark.slow
def test_conditioned_answers_are_right_on_the_models_own_histories():
    """200 histories drawn from the baseline itself, each taken as the truth at three dates.

    What "cover" means for a yes/no outcome: the truth's outcome over the window is 0 or 1,
    which no interval on a probability can contain in any useful sense. What a conditioned
    answer must get right is the truth's *conditional probability*: P(use in the window | the
    truth's path up to the date), the share of the model's worlds that share that path and
    then use a weapon. So for each truth (its path up to the date is the "record",
    ``nc.facts_of_world``) the nowcast's 95% interval must cover that probability estimated
    on an independent run a hundred times larger (200,000 worlds, another seed), whose own
    noise (a tenth of the answer's in spread) lowers the expected coverage of a right 95%
    interval by under half a point. Each truth is answered from worlds of its own (2,000,
    a slice of one run that no other truth uses): answers from one shared sample would all
    miss together when that sample is off, and the 200 cases would not be 200 tests. At
    least 90% of the cases must be covered at each of three dates (weeks 4, 10 and 36: before
    the November territory, after it, after May's). And the 0/1 outcomes themselves must
    agree with the answers: the number of truths that used a weapon in their window must lie
    within 3 standard deviations of the sum of their conditioned probabilities
    (calibration). Because the truths come from the view itself, this checks the
    conditioning (windows, weights, intervals), not the model.
    """
    base, truths_n, slice_n = load("baseline"), 200, 2_000
    answers = engine.run(base, truths_n * slice_n, 101, workers=2).columns
    answers = {k: np.asarray(answers[k]) for k in nc.KEPT}
    big = engine.run(base, 200_000, 102, workers=2).columns
    truths = engine.run(base, truths_n, 103, workers=1).columns
    p_sum = var = used = 0.0
    for week in (4, 10, 36):
        happened_big = nc.in_window(big, "nuclear_use", week, 13)
        outcome = nc.in_window(truths, "nuclear_use", week, 13)
        covered = cases = 0
        for i in range(truths_n):
            own = {k: v[i * slice_n:(i + 1) * slice_n] for k, v in answers.items()}
            facts = nc.facts_of_world(truths, i, week)
            answer = nc.weighted_share(nc.weights(facts, own),
                                       nc.in_window(own, "nuclear_use", week, 13))
            reference = nc.weighted_share(nc.weights(facts, big), happened_big)
            if reference.n < 1_000 or answer.n == 0:  # a history too rare to know it well
                continue
            cases += 1
            covered += answer.ci_low <= reference.estimate <= answer.ci_high
            p = answer.estimate
            p_sum, var, used = p_sum + p, var + p * (1 - p), used + outcome[i]
        assert cases >= 150, (week, cases)
        assert covered / cases >= 0.90, (week, covered, cases)
    assert abs(used - p_sum) <= 3 * np.sqrt(var), (used, p_sum, var)
