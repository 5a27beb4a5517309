"""The risk as the war unfolded: a view's answer at a date, given the record up to it.

Every simulated world is a possible history of the war. To ask "how dangerous did this look
on 11 Nov 2022?" a view's worlds are weighed by how well their path up to that date agrees
with what was known on it, and the outcome is read over the weeks that follow.

What is conditioned on (``facts_at``): only what the record says was known at the date, and
only where a world keeps a dated trace of it:

- "none so far" for nuclear use, a nuclear order, the leader ousted and NATO involvement
  (``use_week``, ``order_week``, ``ousted_week``, ``nato_week``): none in the weeks before the
  date's week;
- the first strikes on critical infrastructure (rung 4 of the ladder) once their date has
  passed, in the record's band of weeks (``infrastructure_week``);
- the territory at the model's checkpoints (16 Nov 2022, 24 May 2023) once their dates have
  passed, in the record's band or comparison.

Events that state the whole year (the war still on, Donbass not taken, the highest rung,
China, the year's territory) have no week in a world, so they are never conditioned on; the
result lists them as skipped, with the reason. A scheduled event of the scenario is an input:
it happens in every world, so it weighs nothing.

Each fact gives each world a weight (1 if the world agrees, 0 if not: the facts are hard);
a world's weight is the product. The effective sample size ESS = (sum w)^2 / sum w^2 says how
many equally weighted worlds the answer is worth (with 0/1 weights, the worlds kept). Worlds
are drawn in rounds (seeds ``seed``, ``seed + 1``, ...) until the ESS reaches a target or the
worlds a cap; a record too unlikely to reach ``min_ess`` is an error naming its least likely
fact, never a number from a handful of worlds.
"""

import datetime as dt
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from simulator.errors import SimulatorError
from simulator.evidence import record as records
from simulator.model import ladder
from simulator.model.agents.battlefield import MAY_2023_WEEK, NOVEMBER_2022_WEEK
from simulator.results import analysis

WEEK_OF = {"nuclear_use": "use_week", "nuclear_order": "order_week",
           "leader_ousted": "ousted_week", "nato_involved": "nato_week"}
"""The outcomes a world dates (the week each first happened, -1 if never): the outcomes a
nowcast can answer over a window, and the "none so far" facts it conditions on."""
CHECKPOINTS = {"territory_nov2022_km2": NOVEMBER_2022_WEEK,
               "territory_may2023_km2": MAY_2023_WEEK}
"""Territory columns taken at a fixed week: known once that week is reached."""
KEPT = (*WEEK_OF.values(), "infrastructure_week", *CHECKPOINTS)
"""The columns a nowcast keeps from each round (all its facts and outcomes read)."""
TARGET_ESS = 5_000
MAX_WORLDS = 1_000_000
FIRST_ROUND_MARGIN = 1.25
"""The first round draws this many times the target, so a likely record is one round."""


class NowcastError(SimulatorError):
    """A date outside the record, a window past the horizon, or a record too unlikely."""


@dataclass(frozen=True)
class Fact:
    """One thing known at the date, as a weight per world.

    Attributes:
        id: The record event it comes from (or a synthetic id).
        label: Plain words.
        date: When it was known.
        test: The test on a world's columns, in words.
        weigh: Per world, the weight (1.0 agrees, 0.0 does not).
    """

    id: str
    label: str
    date: dt.date
    test: str
    weigh: Callable[[Mapping[str, np.ndarray]], np.ndarray] = field(compare=False, repr=False)


def none_before(column: str, week: int) -> Callable:
    """Weight: 1 where ``column`` (a first week, -1 for never) is not in weeks 0..week-1."""
    def weigh(columns):
        when = np.asarray(columns[column])
        return ((when < 0) | (when >= week)).astype(float)
    return weigh


def within(column: str, low: float | None, high: float | None) -> Callable:
    """Weight: 1 where low <= ``column`` <= high (a missing bound is open; NaN fails)."""
    def weigh(columns):
        values = np.asarray(columns[column], float)
        ok = ~np.isnan(values)
        if low is not None:
            ok &= values >= low
        if high is not None:
            ok &= values <= high
        return ok.astype(float)
    return weigh


def _band_text(column: str, low, high) -> str:
    if low is None:
        return f"{column} <= {high:g}"
    if high is None:
        return f"{column} >= {low:g}"
    return f"{low:g} <= {column} <= {high:g}"


def facts_at(rec: records.Record, as_of: dt.date) -> tuple[list[Fact], list[tuple[str, str]]]:
    """The record's facts known at ``as_of``, and the events skipped with the reason.

    The date's week is ``c = rec.week(as_of)``: weeks 0..c-1 have passed, week c holds the
    date. A "none" event ({is: false} on a dated outcome) says none happened in weeks 0..c-1
    (up to its own date if earlier); a dated band applies once its date has passed.
    """
    c = rec.week(as_of)
    facts, skipped = [], []
    for event in rec.scored_events:
        fact, reason = _fact(rec, event, as_of, c)
        if fact is not None:
            facts.append(fact)
        elif reason:
            skipped.append((event.id, reason))
    return facts, skipped


def _fact(rec, event, as_of: dt.date, c: int) -> tuple[Fact | None, str]:
    """One record event as a fact at ``as_of`` (None and why not, "" when it says nothing)."""
    e, outcome = event.expect, event.outcome
    if outcome in WEEK_OF and "is" in e:
        column = WEEK_OF[outcome]
        if not e["is"]:
            weeks = min(c, rec.week(event.date) + 1)
            if weeks <= 0:
                return None, ""
            upto = min(as_of, event.date)
            return Fact(event.id, f"{event.label} (so far, {upto:%d %b %Y})", upto,
                        f"{column} not in weeks 0-{weeks - 1}", none_before(column, weeks)), ""
        if event.date > as_of:
            return None, f"dated {event.date}, after the as-of date"
        high = rec.week(event.date)
        return Fact(event.id, event.label, event.date, f"0 <= {column} <= {high}",
                    within(column, 0, high)), ""
    rung_four = (outcome == "max_conventional_rung" and "between" in e
                 and e["between"][0] == ladder.INFRASTRUCTURE and e["between"][1] is None)
    if outcome == "infrastructure_week" and "between" in e or rung_four:
        if event.date > as_of:
            return None, f"dated {event.date}, after the as-of date"
        low, high = e["between"] if not rung_four else (0, None)
        low = 0 if low is None else low
        high = c if high is None else min(high, c)
        return Fact(event.id, event.label, event.date,
                    _band_text("infrastructure_week", low, high),
                    within("infrastructure_week", low, high)), ""
    if outcome in CHECKPOINTS:
        other = e.get("column")
        if other is not None and other not in CHECKPOINTS:
            return None, f"compares with {other}, which a world has only at the horizon"
        if event.date > as_of or c < max(CHECKPOINTS[outcome], CHECKPOINTS.get(other, 0)):
            return None, f"dated {event.date}, after the as-of date"
        if "between" in e:
            low, high = e["between"]
            return Fact(event.id, event.label, event.date, _band_text(outcome, low, high),
                        within(outcome, low, high)), ""
        return Fact(event.id, event.label, event.date, event.expectation_text(),
                    lambda columns, ev=event: ev.holds(columns).astype(float)), ""
    return None, ("states the whole horizon (no week in a world): not known before its end, "
                  "so never conditioned on")


def facts_of_world(columns: Mapping[str, np.ndarray], index: int, week: int,
                   band_km2: float = 5_000.0) -> list[Fact]:
    """The facts a simulated world's own path gives up to ``week`` (a synthetic record).

    For the correctness tests: take one world as the truth and condition on what its path
    showed before ``week``, in the same shapes as the record's facts: for each dated outcome
    and the first infrastructure strike, whether it happened in weeks 0..week-1 (as the record
    says "none so far"); each territory checkpoint passed, within ``band_km2`` of the world's
    value (the record's band is about as wide); the May-Nov comparison, as the world had it.
    """
    start = records.default().start
    facts = []
    for column in (*WEEK_OF.values(), "infrastructure_week"):
        when = int(np.asarray(columns[column])[index])
        if 0 <= when < week:
            facts.append(Fact(column, column, start, f"0 <= {column} < {week}",
                              within(column, 0, week - 1)))
        elif week > 0:
            facts.append(Fact(column, column, start, f"{column} not before {week}",
                              none_before(column, week)))
    for column, at in CHECKPOINTS.items():
        if week > at:
            value = float(np.asarray(columns[column])[index])
            facts.append(Fact(column, column, start, f"{column} within {band_km2:g}",
                              within(column, value - band_km2, value + band_km2)))
    if week > MAY_2023_WEEK:
        nov, may = (float(np.asarray(columns[c])[index]) for c in CHECKPOINTS)
        op = np.less if may < nov else np.greater_equal
        facts.append(Fact("may-vs-nov", "may-vs-nov", start, "may vs nov",
                          lambda cols, op=op: op(np.asarray(cols["territory_may2023_km2"]),
                                                 np.asarray(cols["territory_nov2022_km2"]))
                          .astype(float)))
    return facts


def weights(facts: Sequence[Fact], columns: Mapping[str, np.ndarray]) -> np.ndarray:
    """Per world: the product of the facts' weights (all ones with no facts)."""
    n = len(np.asarray(columns["use_week"]))
    out = np.ones(n)
    for fact in facts:
        out *= fact.weigh(columns)
    return out


def ess(w: np.ndarray) -> float:
    """Effective sample size (sum w)^2 / sum w^2 (0 when every weight is 0)."""
    total, squares = float(np.sum(w)), float(np.sum(np.square(w)))
    return total * total / squares if squares > 0 else 0.0


def in_window(columns: Mapping[str, np.ndarray], outcome: str, week: int,
              weeks: int) -> np.ndarray:
    """Per world: whether ``outcome`` first happened in weeks week..week+weeks-1."""
    when = np.asarray(columns[WEEK_OF[outcome]])
    return (when >= week) & (when < week + weeks)


def weighted_share(w: np.ndarray, happened: np.ndarray) -> analysis.Estimate:
    """The weighted share with a 95% interval worth its ESS.

    With 0/1 weights it is ``analysis.proportion`` of the worlds kept, to the bit; with other
    weights, the Wilson interval of the share on ESS worlds.
    """
    if np.all((w == 0) | (w == 1)):
        kept = w == 1
        return analysis.proportion(int(np.count_nonzero(happened & kept)),
                                   int(np.count_nonzero(kept)))
    total = float(w.sum())
    n = ess(w)
    if total <= 0 or n <= 0:
        return analysis.Estimate(math.nan, math.nan, math.nan, 0)
    p = float(np.sum(w * happened)) / total
    if p in (0.0, 1.0):
        edge = min(1.0, 3 / n)
        return analysis.Estimate(p, 0.0 if p == 0 else 1 - edge, edge if p == 0 else 1.0,
                                 round(n))
    low, high = analysis.wilson(p * n, n)
    return analysis.Estimate(p, low, high, round(n))


@dataclass(frozen=True)
class FactShare:
    """A fact with the share of the view's worlds that agree with it."""

    fact: Fact
    share: float

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {"id": self.fact.id, "label": self.fact.label, "date": str(self.fact.date),
                "test": self.fact.test, "share": self.share}


@dataclass(frozen=True)
class Draw:
    """A view's worlds drawn until every fact set reached its ESS (``draw``)."""

    name: str
    columns: dict[str, np.ndarray]
    worlds: int
    rounds: int
    seconds: float


def _too_unlikely(name: str, facts: Sequence[Fact], columns, found: float, drawn: int,
                  cap: int, min_ess: float, as_of: dt.date | None) -> NowcastError:
    """The error for a record a view makes too unlikely: names its least likely fact."""
    shares = [(float(np.mean(f.weigh(columns))), f) for f in facts]
    share, worst = min(shares, key=lambda s: s[0]) if shares else (0.0, None)
    when = f" up to {as_of:%d %b %Y}" if as_of else ""
    least = (f"; the least likely event is {worst.id!r} ({worst.label}; {worst.test}): "
             f"{share:.2%} of the worlds agree with it" if worst else "")
    return NowcastError(f"the record{when} is too unlikely under {name!r}: {found:,.0f} "
                        f"effective worlds in {drawn:,} drawn, and {cap:,} worlds (the cap) "
                        f"cannot give the {min_ess:,.0f} needed for an answer{least}. Its "
                        "worlds do not look like the war as it went, so this view has no "
                        "answer given the record")


def draw(scenario, fact_sets: Sequence[tuple[Sequence[Fact], dt.date | None]], *,
         target: int = TARGET_ESS, cap: int = MAX_WORLDS, min_ess: float | None = None,
         seed: int = 0, workers: int | None = None,
         runner: Callable | None = None) -> Draw:
    """Draw a view's worlds in rounds until every fact set's ESS reaches ``target``.

    Round r runs ``engine.run(scenario, n_r, seed + r)``; the first draws
    ``FIRST_ROUND_MARGIN`` x target worlds, the next as many as the lowest ESS per world
    says are still needed (10% over), never past ``cap``. Fails fast (``NowcastError``) once
    even ``cap`` worlds could not give ``min_ess`` (default target / 5) for some set.
    """
    from simulator.running import engine  # late: the record module does not load the model

    runner = runner or (lambda n, s: engine.run(scenario, n, s, workers=workers,
                                                progress=False).columns)
    min_ess = target / 5 if min_ess is None else min_ess
    started = time.perf_counter()
    parts: dict[str, list[np.ndarray]] = {k: [] for k in KEPT}
    drawn, rounds, want = 0, 0, min(cap, math.ceil(target * FIRST_ROUND_MARGIN))
    while True:
        columns = runner(want, seed + rounds)
        for key in KEPT:
            parts[key].append(np.asarray(columns[key]))
        drawn, rounds = drawn + want, rounds + 1
        joined = {k: np.concatenate(v) if len(v) > 1 else v[0] for k, v in parts.items()}
        parts = {k: [v] for k, v in joined.items()}
        found = [ess(weights(facts, joined)) for facts, _ in fact_sets]
        lowest = min(found) if found else float(drawn)
        if lowest >= target or drawn >= cap:
            break
        for (facts, as_of), value in zip(fact_sets, found, strict=True):
            # at most (ESS + 3) / drawn per world (the rule of three at ESS = 0)
            if value < target and (value + 3) / drawn * cap < min_ess:
                raise _too_unlikely(scenario.name, facts, joined, value, drawn, cap, min_ess,
                                    as_of)
        per_world = max(lowest, 1.0) / drawn
        want = min(cap - drawn, max(1_000, math.ceil(1.1 * (target - lowest) / per_world)))
    for (facts, as_of), value in zip(fact_sets, found, strict=True):
        if value < min_ess:
            raise _too_unlikely(scenario.name, facts, joined, value, drawn, cap, min_ess, as_of)
    return Draw(scenario.name, joined, drawn, rounds, time.perf_counter() - started)


@dataclass(frozen=True)
class Nowcast:
    """One view's answer at a date given the record up to it.

    Attributes:
        view: The scenario's name.
        as_of: The date; ``week`` is the week holding it (weeks 0..week-1 have passed).
        weeks: The window: weeks ``week`` .. ``week + weeks - 1``.
        outcome: What is asked: it first happens in the window.
        estimate: The conditioned share, its 95% interval (simulation noise of ESS worlds).
        unconditioned: The same question on every world drawn, the record ignored.
        ess: Effective sample size of the conditioned answer.
        worlds, rounds, seconds: What it took.
        target: The ESS asked for (reached unless ``worlds`` hit the cap).
        facts: What was conditioned on, each with the share of worlds that agree.
        skipped: Record events not conditioned on, and why.
    """

    view: str
    as_of: dt.date
    week: int
    weeks: int
    outcome: str
    estimate: analysis.Estimate
    unconditioned: analysis.Estimate
    ess: float
    worlds: int
    rounds: int
    seconds: float
    target: int
    facts: tuple[FactShare, ...]
    skipped: tuple[tuple[str, str], ...]

    @property
    def window(self) -> tuple[dt.date, dt.date]:
        """The first and last day of the window."""
        first = records.default().start + dt.timedelta(weeks=self.week)
        return first, first + dt.timedelta(weeks=self.weeks, days=-1)

    def as_dict(self) -> dict:
        """JSON-ready."""
        first, last = self.window
        return {"view": self.view, "as_of": str(self.as_of), "week": self.week,
                "weeks": self.weeks, "window": [str(first), str(last)],
                "outcome": self.outcome, "estimate": self.estimate.estimate,
                "ci_low": self.estimate.ci_low, "ci_high": self.estimate.ci_high,
                "ess": self.ess, "target_ess": self.target,
                "target_reached": self.ess >= self.target, "worlds": self.worlds,
                "rounds": self.rounds, "seconds": round(self.seconds, 3),
                "unconditioned": self.unconditioned.as_dict(),
                "conditioned_on": [f.as_dict() for f in self.facts],
                "not_conditioned_on": [{"id": i, "why": why} for i, why in self.skipped]}


def check_date(rec: records.Record, as_of: dt.date) -> None:
    """NowcastError unless ``as_of`` lies within the record (its start to its last event)."""
    end = max(e.date for e in rec.events)
    if not rec.start <= as_of <= end:
        raise NowcastError(f"as-of: {as_of} is outside the record, which runs from "
                           f"{rec.start} to {end}; choose a date in it")


def check_window(scenario, week: int, weeks: int, outcome: str) -> None:
    """NowcastError for a bad outcome, a window of no weeks or one past the view's horizon."""
    if outcome not in WEEK_OF:
        raise NowcastError(f"outcome: {outcome!r} has no week in a world; choose one of: "
                           f"{', '.join(WEEK_OF)}")
    horizon = scenario.parameters["horizon_weeks"]
    if weeks < 1 or week + weeks > horizon:
        raise NowcastError(f"weeks: the window of {weeks} weeks from week {week} ends at week "
                           f"{week + weeks}, past the horizon of {scenario.name!r} "
                           f"({horizon} weeks); ask fewer weeks, an earlier date, or set "
                           "horizon_weeks (up to 156)")


def answer(draw_: Draw, facts: Sequence[Fact], skipped, as_of: dt.date, week: int, weeks: int,
           outcome: str, target: int) -> Nowcast:
    """The nowcast at one date from a view's drawn worlds."""
    columns = draw_.columns
    w = weights(facts, columns)
    happened = in_window(columns, outcome, week, weeks)
    shares = tuple(FactShare(f, float(np.mean(f.weigh(columns)))) for f in facts)
    return Nowcast(draw_.name, as_of, week, weeks, outcome, weighted_share(w, happened),
                   analysis.proportion(int(happened.sum()), len(happened)), ess(w),
                   draw_.worlds, draw_.rounds, draw_.seconds, target, shares, tuple(skipped))


def nowcast(scenario, as_of: dt.date, weeks: int = 13, outcome: str = "nuclear_use", *,
            target: int = TARGET_ESS, cap: int = MAX_WORLDS, min_ess: float | None = None,
            seed: int = 0, record: records.Record | None = None,
            workers: int | None = None) -> Nowcast:
    """One view's P(``outcome`` first happens within ``weeks`` of ``as_of`` | the record).

    Raises:
        NowcastError: a date outside the record, a window past the horizon, an outcome with
            no week, or a record too unlikely under the view to reach ``min_ess``.
    """
    rec = record or records.default()
    check_date(rec, as_of)
    week = rec.week(as_of)
    check_window(scenario, week, weeks, outcome)
    facts, skipped = facts_at(rec, as_of)
    found = draw(scenario, [(facts, as_of)], target=target, cap=cap, min_ess=min_ess,
                 seed=seed, workers=workers)
    return answer(found, facts, skipped, as_of, week, weeks, outcome, target)
