"""Crises over time: each kind moves its actor the stated way, the drawn ones arrive at their
rates and in their seasons, and a schedule is checked before anything runs.

Each effect is measured against the same worlds without the event (common random numbers:
the same seed gives the same draws whatever the schedule), with every drawn rate at 0 so
that the scheduled event is the only crisis. The tests take no fixtures: test_mutations.py
calls them by name (``crisis:``) to check that deleting a mechanism fails one of them.
"""

import datetime as dt

import numpy as np
import pytest
from scipy import stats

from simulator.errors import ParameterError
from simulator.model import events, ladder, params
from simulator.model.agents.leader import DEESCALATE
from simulator.model.scenario import ScenarioError, from_text, load
from simulator.model.world import EscalationModel
from simulator.running import engine

N = 400
SEED = 7
WEEK = 10
"""The scheduled week (30 Nov 2022): every world still at war, the first wave still coming."""
HORIZON = 30
QUIET = {events.KINDS[kind].rate(side): 0 for kind, side in events.DRAWN}
"""Every drawn rate at 0: the scheduled event is the only crisis."""
MAY_TO_OCTOBER = {5, 6, 7, 8, 9, 10}
WEEKS_A_YEAR = 365.25 / 7

STATE = {
    "territory": lambda m: m.battlefield.territory_km2,
    "ukraine_gain": lambda m: m.battlefield.ukraine_gain_km2,
    "russia_gain": lambda m: m.battlefield.russia_gain_km2,
    "south": lambda m: m.battlefield.south_km2,
    "crimea_threat": lambda m: m.battlefield.crimea_threat,
    "russian_land": lambda m: m.battlefield.russian_land_km2,
    "strike_shock": lambda m: m.battlefield.strike_shock,
    "homeland": lambda m: m.battlefield.homeland,
    "mobilised": lambda m: m.battlefield.mobilised_total,
    "reservists": lambda m: m.battlefield.reservists,
    "protest": lambda m: m.domestic.protest,
    "elite_shock": lambda m: m.domestic.elite_shock,
    "weakness": lambda m: m.domestic.weakness,
    "support": lambda m: m.west.support,
    "red_line": lambda m: m.leader.red_line,
    "desperation": lambda m: m.leader.desperation,
    "talks_until": lambda m: m.leader.talks_until,
    "p_deescalate": lambda m: m.leader.option_probabilities[DEESCALATE],
    "threats": lambda m: m.leader.threats,
    "rung": lambda m: m.rung,
}
"""What each test reads of the worlds after each week."""


def model(scheduled=(), changes=None, horizon=HORIZON, n=N) -> EscalationModel:
    """A quiet model (no drawn crisis) that schedules ``scheduled``, not yet stepped."""
    p = params.validate({**QUIET, "horizon_weeks": horizon, **(changes or {}),
                         events.EVENTS_KEY: list(scheduled)})
    return EscalationModel(p, n_worlds=n, rng=SEED, collect=False)


def history(scheduled=(), changes=None, horizon=HORIZON, n=N):
    """The model at the horizon, and each ``STATE`` after each week, shape (weeks, worlds)."""
    m = model(scheduled, changes, horizon, n)
    rows = {name: [] for name in STATE}
    while m.week < horizon:
        m.step()
        for name, read in STATE.items():
            rows[name].append(np.broadcast_to(np.asarray(read(m), np.float64), (n,)).copy())
    return m, {name: np.stack(values) for name, values in rows.items()}


def paired(event, base=(), changes=None, horizon=HORIZON):
    """The same worlds with ``event`` on top of ``base`` and without it: (model with it,
    state with it, state without it). Before the event's week nothing differs."""
    _, without = history(base, changes, horizon)
    m, with_ = history([*base, event], changes, horizon)
    for name in STATE:
        assert np.array_equal(with_[name][:event["week"]], without[name][:event["week"]]), name
    return m, with_, without


def fighting(state, week):
    """Worlds where the front moved in ``week`` (the war on when the week began)."""
    return state["rung"][week - 1] > ladder.NEGOTIATION


def clearly_above(difference, floor=0.0):
    """Whether a paired difference's mean is above ``floor`` by three standard errors."""
    se = difference.std(ddof=1) / np.sqrt(difference.size)
    return difference.mean() - 3 * se > floor


# --- each kind moves its actor ---------------------------------------------------------

def test_a_ukrainian_offensive_gains_ground():
    event = {"kind": "offensive", "side": "ukraine", "week": WEEK, "size": 8000}
    _, with_, without = paired(event)
    war = fighting(without, WEEK)
    assert war.mean() > 0.9
    assert np.all(with_["ukraine_gain"][WEEK][war] > without["ukraine_gain"][WEEK][war])
    gained = with_["territory"][-1] - without["territory"][-1]
    assert clearly_above(gained, 0.25 * 8000) and (gained > 0).mean() > 0.9


def test_a_russian_offensive_takes_ground():
    event = {"kind": "offensive", "side": "russia", "week": WEEK, "size": 8000}
    _, with_, without = paired(event)
    war = fighting(without, WEEK)
    assert np.all(with_["russia_gain"][WEEK][war] > without["russia_gain"][WEEK][war])
    lost = without["territory"][-1] - with_["territory"][-1]
    assert clearly_above(lost, 0.25 * 8000) and (lost > 0).mean() > 0.9


def test_a_broken_line_hands_over_southern_ground_that_week():
    size = 4000
    m, with_, without = paired({"kind": "encirclement", "week": WEEK, "size": size})
    war = fighting(without, WEEK)
    held = m.p["battlefield.russia_held_km2"]
    room = np.maximum(0, 1 - without["territory"][WEEK - 1] / held) * war
    jump = with_["south"][WEEK] - without["south"][WEEK]
    assert np.allclose(jump, size * room, rtol=1e-3, atol=1)  # all of it in the south
    assert np.allclose(with_["territory"][WEEK] - without["territory"][WEEK], jump,
                       rtol=1e-3, atol=1)
    threat = with_["crimea_threat"][WEEK] - without["crimea_threat"][WEEK]
    below = with_["crimea_threat"][WEEK] < 1
    assert np.allclose(threat[below], jump[below] / m.p["battlefield.crimea_km2"], atol=1e-4)
    assert np.all(threat[war] > 0)
    assert (with_["south"][WEEK + 1] - without["south"][WEEK + 1]).mean() > 0.9 * jump.mean()
    assert np.all(m.outcomes()["encirclement_week"] == WEEK)


def test_an_incursion_holds_russian_land_that_russia_retakes():
    size = 1000
    m, with_, without = paired({"kind": "incursion", "week": WEEK, "size": size})
    retake = m.p["battlefield.incursion_retake"]
    assert np.all(without["russian_land"] == 0)
    later = np.arange(HORIZON - WEEK)
    expected = size * (1 - retake) ** later
    assert np.allclose(with_["russian_land"][WEEK:], expected[:, None], rtol=1e-4)
    homeland = with_["homeland"][WEEK:] - without["homeland"][WEEK:]
    assert np.all(homeland > 0)
    assert np.all(np.diff(homeland, axis=0) < 0)  # it decays as Russia retakes its land
    outcomes = m.outcomes()
    assert np.all(outcomes["russian_territory_held_km2"] == size)
    assert np.all(outcomes["incursion_week"] == WEEK)


def test_the_end_of_an_incursion_leaves_ukraine_the_size_given():
    start = {"kind": "incursion", "week": 5, "size": 3000}
    _, with_, without = paired({"kind": "incursion_end", "week": WEEK, "size": 200},
                               base=[start])
    assert np.all(without["russian_land"][WEEK] > 2000)
    assert np.allclose(with_["russian_land"][WEEK], 200)
    assert np.allclose(with_["russian_land"][WEEK + 1], 200 * 0.95)
    assert np.all(with_["homeland"][WEEK] < without["homeland"][WEEK])


def test_the_end_of_an_incursion_without_a_size_leaves_ukraine_nothing():
    scheduled = [{"kind": "incursion", "week": 5, "size": 3000},
                 {"kind": "incursion_end", "week": WEEK}]
    _, state = history(scheduled)
    assert np.all(state["russian_land"][WEEK] == 0)


def test_a_deep_strike_stings_and_is_counted():
    m, with_, without = paired({"kind": "deep_strike", "week": WEEK, "size": 0.3})
    fade = 1 - 1 / m.p["leader.memory_weeks"]
    assert np.all(without["strike_shock"] == 0)
    expected = 0.3 * fade ** np.arange(HORIZON - WEEK)
    assert np.allclose(with_["strike_shock"][WEEK:], expected[:, None], rtol=1e-4)
    assert np.allclose(with_["homeland"][WEEK:], with_["strike_shock"][WEEK:])  # no land held
    assert np.all(m.outcomes()["deep_strikes_on_russia"] == 1)


def test_a_new_mobilisation_calls_up_reservists_and_brings_protest():
    size, horizon = 200_000, 40
    m, with_, without = paired({"kind": "mobilisation", "week": WEEK, "size": size},
                               horizon=horizon)
    assert np.all(with_["mobilised"][WEEK:] - without["mobilised"][WEEK:] == size)
    outcry = m.p["domestic.initial_protest"]  # the first mobilisation's
    before = without["protest"][WEEK]
    assert np.allclose(with_["protest"][WEEK], np.minimum(1, before + outcry), atol=1e-6)
    assert np.all(with_["protest"][WEEK] > before)
    # Once the first 300,000 are sent (week 24), the new ones keep coming in waves.
    first = m.p["battlefield.mobilised_total"] / m.p["battlefield.wave_size"]
    done = int(first * m.p["battlefield.wave_interval_weeks"])
    assert np.all(with_["reservists"][:done] == without["reservists"][:done])
    assert np.all(with_["reservists"][-1] > without["reservists"][-1])


def test_an_elite_crisis_weakens_the_leader_then_fades():
    m, with_, without = paired({"kind": "elite_crisis", "week": WEEK, "size": 0.2})
    recovery = m.p["domestic.elite_recovery"]
    expected = 0.2 * (1 - recovery) ** np.arange(HORIZON - WEEK)
    assert np.allclose(with_["elite_shock"][WEEK:], expected[:, None], rtol=1e-4)
    before = without["weakness"][WEEK]
    assert np.allclose(with_["weakness"][WEEK], np.minimum(1, before + 0.2), atol=1e-6)
    weaker = (with_["weakness"] - without["weakness"])[WEEK:].mean(axis=1)
    assert weaker[0] > weaker[5] > weaker[-1] > 0


def test_western_aid_raises_support():
    m, with_, without = paired({"kind": "western_aid", "week": WEEK, "size": 0.1})
    before = without["support"][WEEK]
    assert np.allclose(with_["support"][WEEK], np.minimum(1, before + 0.1), atol=1e-6)
    assert clearly_above(with_["support"][WEEK] - before, 0.05)
    assert clearly_above(with_["support"][WEEK + 5] - without["support"][WEEK + 5])


def test_a_doctrine_change_lowers_the_red_line():
    m, with_, without = paired({"kind": "doctrine", "week": WEEK, "size": 0.1})
    assert np.allclose(with_["red_line"][WEEK:], without["red_line"][WEEK:] - 0.1, atol=1e-6)
    assert np.all(m.outcomes()["doctrine_lowered"])
    quiet, _ = history()
    assert not np.any(quiet.outcomes()["doctrine_lowered"])


def test_talks_make_de_escalation_pay_while_they_run():
    m, with_, without = paired({"kind": "talks", "week": WEEK})
    weeks = m.p["leader.talks_weeks"]
    assert np.all(with_["talks_until"][WEEK:] == WEEK + weeks)
    # The week they open, the same worlds in the same state de-escalate more readily.
    war = fighting(without, WEEK) & (without["rung"][WEEK - 1] < ladder.WIDER_WAR)
    open_choice = war & (without["p_deescalate"][WEEK] < 0.999)  # not a successor's peace
    assert open_choice.mean() > 0.9
    assert np.all(with_["p_deescalate"][WEEK][open_choice]
                  > without["p_deescalate"][WEEK][open_choice])
    # De-escalating is worth talks_pull more in the weeks the talks run, and no more after.
    talks = model([{"kind": "talks", "week": WEEK}])
    while talks.week <= WEEK:
        talks.step()
    worth = {}
    for week in (WEEK + 1, WEEK + weeks - 1, WEEK + weeks):
        talks.week = week
        worth[week] = talks.leader.utilities()[DEESCALATE]
    pull = m.p["leader.talks_pull"]
    assert np.allclose(worth[WEEK + 1], worth[WEEK + weeks] + pull)
    assert np.allclose(worth[WEEK + weeks - 1], worth[WEEK + 1])


def read_news(event, worlds_at=None):
    """A quiet model stepped to ``event``'s week, that week's news brought up to the leader:
    (each world's rung and threats before he reads it, the model after)."""
    m = model([event])
    while m.week < event["week"]:
        m.step()
    m.crises.step()
    m.battlefield.step()
    m.domestic.step()
    for rung, worlds in (worlds_at or {}).items():
        m.rung[worlds] = rung
    before = m.rung.copy(), m.leader.threats.copy(), m.leader.orders.copy()
    m.leader.read_news()
    return before, m


def test_a_nuclear_signal_is_a_threat_not_a_use():
    at = {ladder.NEGOTIATION: slice(0, 20), ladder.TOP_CONVENTIONAL: slice(20, 40)}
    (rung, threats, orders), m = read_news({"kind": "nuclear_signal", "week": 0}, at)
    war = (rung > ladder.NEGOTIATION) & (rung < ladder.WIDER_WAR)
    assert np.array_equal(m.leader.threats, threats + war)
    assert np.array_equal(m.rung, np.where(war, np.maximum(rung, ladder.ANNEXATION), rung))
    assert np.array_equal(m.leader.orders, orders) and not m.order.issued.any()
    _, with_, without = paired({"kind": "nuclear_signal", "week": 0})
    assert clearly_above(with_["threats"][0] - without["threats"][0], 0.5)


def test_a_conventional_signal_steps_up_a_rung():
    at = {ladder.NEGOTIATION: slice(0, 20), ladder.TOP_CONVENTIONAL: slice(20, 40)}
    (rung, _, _), m = read_news({"kind": "conventional_signal", "week": WEEK}, at)
    up = (rung > ladder.NEGOTIATION) & (rung < ladder.TOP_CONVENTIONAL)
    assert up.sum() > N / 2
    assert np.array_equal(m.rung, rung + up)
    _, with_, without = paired({"kind": "conventional_signal", "week": WEEK})
    assert clearly_above(with_["rung"][WEEK] - without["rung"][WEEK], 0.5)


def test_attacks_on_russia_itself_add_to_desperation():
    for event in ({"kind": "incursion", "week": WEEK, "size": 1000},
                  {"kind": "deep_strike", "week": WEEK, "size": 0.3}):
        m, with_, without = paired(event)
        p = m.p
        total = sum(p[f"leader.weight_{k}"]
                    for k in ("territory", "crimea", "donbass", "weakness", "homeland"))
        added = with_["desperation"][WEEK] - without["desperation"][WEEK]
        assert np.allclose(added, p["leader.weight_homeland"] * with_["homeland"][WEEK] / total,
                           atol=1e-5), event["kind"]
        assert np.all(added > 0), event["kind"]
        _, with_, without = paired(event, changes={"leader.weight_homeland": 0})
        assert np.array_equal(with_["desperation"][WEEK], without["desperation"][WEEK])


# --- drawn crises ----------------------------------------------------------------------

def arrivals(changes, weeks=156, n=2000, scheduled=()):
    """Only the Crises agent stepped: per (kind, side), where one arrived each week and its
    size, shape (weeks, worlds), and the agent at the end."""
    p = params.validate({"horizon_weeks": weeks, **changes,
                         events.EVENTS_KEY: list(scheduled)})
    m = EscalationModel(p, n_worlds=n, rng=SEED, collect=False)
    channels = [(kind.name, side) for kind in events.KINDS.values() for side in kind.sides]
    arrived = {channel: np.zeros((weeks, n), bool) for channel in channels}
    size = {channel: np.zeros((weeks, n), np.float32) for channel in channels}
    for week in range(weeks):
        m.week = week
        m.crises.step()
        for channel in channels:
            arrived[channel][week] = m.crises.arrived(*channel)
            size[channel][week] = m.crises.size(*channel)
    return arrived, size, m.crises


def in_season(weeks):
    """Per week, whether it falls in May-October."""
    return np.array([events.week_date(week).month in MAY_TO_OCTOBER for week in range(weeks)])


def test_with_every_rate_at_zero_no_crisis_arrives():
    arrived, _, crises = arrivals(QUIET)
    assert not any(hit.any() for hit in arrived.values())
    assert all(not count.any() for count in crises.count.values())
    outcomes = model(horizon=156, n=100).run().outcomes()
    assert not outcomes["deep_strikes_on_russia"].any()
    assert not outcomes["doctrine_lowered"].any()
    assert np.all(outcomes["encirclement_week"] == -1)
    assert np.all(outcomes["incursion_week"] == -1)
    assert not outcomes["russian_territory_held_km2"].any()


def test_drawn_crises_arrive_at_their_yearly_rate():
    """One world's crises compete (at most one a week), so each arrives with its own chance."""
    weeks, rate = 156, 2.0
    arrived, _, _ = arrivals({name: rate for name in QUIET}, weeks)
    season = in_season(weeks)
    for kind, side in events.DRAWN:
        counts = arrived[kind, side].sum(axis=0)
        seasonal = side in events.KINDS[kind].seasonal
        weekly = rate * (np.where(season, 2, 0) if seasonal else np.ones(weeks)) / WEEKS_A_YEAR
        expected = (1 - np.exp(-weekly)).sum()
        se = counts.std(ddof=1) / np.sqrt(counts.size)
        assert abs(counts.mean() - expected) < 4 * se, (kind, side, counts.mean(), expected)
        years = weeks / WEEKS_A_YEAR
        assert abs(counts.mean() / (rate * years) - 1) < 0.1, (kind, side, counts.mean())


def test_a_higher_rate_brings_more_crises_in_the_same_worlds():
    for kind, side in events.DRAWN:
        name = events.KINDS[kind].rate(side)
        low, _, _ = arrivals({**QUIET, name: 0.5}, weeks=104, n=1000)
        high, _, _ = arrivals({**QUIET, name: 2.0}, weeks=104, n=1000)
        few, many = low[kind, side].sum(axis=0), high[kind, side].sum(axis=0)
        assert np.all(many >= few), name  # common random numbers: the same worlds, and more
        assert many.mean() > 3 * few.mean() > 0, name


def test_ukrainian_offensives_arrive_only_in_may_to_october():
    weeks = 156
    months = np.array([events.week_date(week).month for week in range(weeks)])
    arrived, _, _ = arrivals({**QUIET, "battlefield.offensive_rate": 6,
                              "battlefield.russian_offensive_rate": 6}, weeks)
    ukraine = arrived["offensive", "ukraine"].any(axis=1)
    russia = arrived["offensive", "russia"].any(axis=1)
    assert set(months[ukraine]) == MAY_TO_OCTOBER
    assert set(months[russia]) == set(range(1, 13))  # Russia's all year round


def test_crisis_sizes_are_exponential_around_their_mean():
    weeks = 156
    rates = {name: min(4.0, params.SCHEMA[name].high) for name in QUIET}
    arrived, size, _ = arrivals(rates, weeks)
    for kind, side in events.DRAWN:
        name = events.KINDS[kind].size(side)
        hit = arrived[kind, side]
        if not name:  # talks: no size
            assert not size[kind, side].any()
            continue
        sizes = size[kind, side][hit].astype(np.float64)
        mean = params.SCHEMA[name].default
        assert sizes.size > 5000 and np.all(size[kind, side][~hit] == 0)
        assert abs(sizes.mean() - mean) < 4 * mean / np.sqrt(sizes.size), (kind, side)
        fit = stats.kstest(sizes / mean, "expon")
        assert fit.pvalue > 1e-3, (kind, side, fit)
        assert 0.55 < (sizes < mean).mean() < 0.71  # 1 - 1/e: most small, a few large


def test_a_scheduled_event_arrives_in_every_world_on_top_of_the_drawn_ones():
    scheduled = [{"kind": "deep_strike", "week": WEEK},
                 {"kind": "offensive", "side": "ukraine", "week": 20, "size": 5000},
                 {"kind": "talks", "week": 30}]
    arrived, size, crises = arrivals({}, weeks=52, scheduled=scheduled)
    assert arrived["deep_strike", "ukraine"][WEEK].all()
    assert np.all(size["deep_strike", "ukraine"][WEEK] == params.SCHEMA[
        "battlefield.deep_strike_shock"].default)  # no size given: the mean, not a draw
    assert np.all(size["offensive", "ukraine"][20] == 5000)  # in January: out of season
    assert arrived["talks", "both"][30].all()
    strikes = crises.count["deep_strike", "ukraine"]
    assert strikes.min() >= 1 and strikes.mean() > 1.5  # about one more drawn in a year
    batch = engine.run(load("baseline").with_events(
        [{"kind": "doctrine", "week": WEEK}, {"kind": "incursion", "week": 20, "size": 500}]),
        1000, SEED, workers=1)
    assert batch.columns["doctrine_lowered"].all()
    assert np.all((batch.columns["incursion_week"] >= 0) & (batch.columns["incursion_week"] <= 20))
    assert np.all(batch.columns["russian_territory_held_km2"] >= 500)


def test_a_schedule_gives_the_same_bytes_every_run_by_week_or_by_date():
    by_week = load("baseline").with_events([
        {"kind": "encirclement", "week": WEEK, "label": "Kherson pocket"},
        {"kind": "mobilisation", "week": 20, "size": 100_000}])
    by_date = load("baseline").with_events([
        {"kind": "encirclement", "date": events.week_date(WEEK).isoformat(),
         "label": "Kherson pocket"},
        {"kind": "mobilisation", "date": dt.date(2023, 2, 10), "size": 100_000}])
    assert by_week.events == by_date.events
    first = engine.run(by_week, 3000, SEED, workers=1)
    runs = [engine.run(by_week, 3000, SEED, workers=1), engine.run(by_date, 3000, SEED, workers=2)]
    for again in runs:
        for name, values in first.columns.items():
            assert np.asarray(values).tobytes() == np.asarray(again.columns[name]).tobytes(), name
        assert np.array_equal(first.weekly, again.weekly)
    plain = engine.run(load("baseline"), 3000, SEED, workers=1)
    assert not np.array_equal(plain.columns["territory_km2"], first.columns["territory_km2"])


# --- a schedule is checked before it runs ----------------------------------------------

def refused(entries, horizon=52) -> ParameterError:
    with pytest.raises(ParameterError) as error:
        params.validate({"horizon_weeks": horizon, events.EVENTS_KEY: entries})
    return error.value


@pytest.mark.parametrize("entry, field, words", [
    ({"kind": "offensiv", "side": "ukraine", "week": 3}, "events[0].kind",
     ["'offensiv' is not a kind of event", "did you mean 'offensive'?", "allowed: offensive,"]),
    ({"kind": "teleport", "week": 3}, "events[0].kind", ["is not a kind of event; allowed:"]),
    ({"kind": "talks", "week": 60}, "events[0].week",
     ["60 is outside the horizon", "weeks 0 to 51", "21 Sep 2022 to 13 Sep 2023"]),
    ({"kind": "talks", "week": -1}, "events[0].week", ["-1 is outside the horizon"]),
    ({"kind": "talks", "date": "2024-01-10"}, "events[0].date",
     ["'2024-01-10' is outside the horizon"]),
    ({"kind": "talks", "date": dt.date(2022, 9, 1)}, "events[0].date",
     ["2022-09-01 is outside the horizon"]),
    ({"kind": "talks", "date": "next spring"}, "events[0].date",
     ["'next spring' is not a date; expected YYYY-MM-DD"]),
    ({"kind": "talks", "week": "three"}, "events[0].week", ["'three' is not a whole number"]),
    ({"kind": "talks", "week": 3, "date": "2022-10-01"}, "events[0].week",
     ["give either week or date, not both"]),
    ({"kind": "talks"}, "events[0].week", ["not neither"]),
    ({"kind": "offensive", "week": 3}, "events[0].side",
     ["is required for offensive; expected ukraine or russia"]),
    ({"kind": "mobilisation", "side": "ukraine", "week": 3}, "events[0].side",
     ["'ukraine' is not allowed for mobilisation; expected russia"]),
    ({"kind": "encirclement", "week": 3, "size": 30_000}, "events[0].size",
     ["out of range", "from 0 to 20000"]),
    ({"kind": "deep_strike", "week": 3, "size": -0.1}, "events[0].size", ["out of range"]),
    ({"kind": "talks", "week": 3, "size": 2}, "events[0].size", ["talks has no size"]),
    ({"kind": "nuclear_signal", "week": 3, "size": 1}, "events[0].size", ["has no size"]),
    ({"kind": "talks", "week": 3, "when": "soon"}, "events[0].when",
     ["unknown key; allowed: kind, side, week, date, size, label"]),
])
def test_a_bad_event_is_refused_naming_its_field(entry, field, words):
    error = refused([entry])
    assert error.field == field
    for expected in words:
        assert expected in str(error), (expected, str(error))


def test_the_schedule_as_a_whole_is_checked():
    assert refused([{"kind": "talks", "week": 3}, {"kind": "talk", "week": 3}]).field == \
        "events[1].kind"
    assert refused("talks").field == "events"
    assert "at most 200" in str(refused([{"kind": "talks", "week": 3}] * 201))
    assert params.validate({"horizon_weeks": 156, events.EVENTS_KEY: [
        {"kind": "talks", "date": "2024-01-10"}]})[events.EVENTS_KEY][0].week == 68
    with pytest.raises(ParameterError, match=r"events\[0\]\.week: 40 is outside the horizon"):
        load("baseline").with_events([{"kind": "talks", "week": 40}]).with_overrides(
            {"horizon_weeks": 30})


def test_a_scenario_file_schedules_events_and_names_a_bad_one():
    text = ("name: spring\nextends: baseline\nevents:\n"
            "  - {kind: talks, date: 2023-06-04, label: Istanbul again}\n"
            "  - {kind: offensive, side: ukraine, week: 40, size: 5000}\n")
    scheduled = from_text(text).events
    june = events.date_week(dt.date(2023, 6, 4))
    assert scheduled == (events.Event(june, "talks", "both", None, "Istanbul again"),
                         events.Event(40, "offensive", "ukraine", 5000.0, ""))
    assert scheduled[0].date() <= dt.date(2023, 6, 4) < scheduled[0].date() + dt.timedelta(7)
    with pytest.raises(ScenarioError, match=r"^<text>: events\[1\]\.week: 60 is outside"):
        from_text(text.replace("week: 40", "week: 60"))
    with pytest.raises(ScenarioError, match=r"^<text>: events\[0\]\.kind: .*did you mean"):
        from_text(text.replace("kind: talks", "kind: tallks"))
    with pytest.raises(ScenarioError, match=r"^<text>: events: .*expected a list of events"):
        from_text("name: x\nevents: talks\n")
