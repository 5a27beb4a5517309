"""The risk over time: a view's nowcast at every date, beside the forecasts, and its score.

For each view, one set of worlds (``nowcast.draw``, until the ESS reaches its target at every
date) answers P(the outcome within the next ``weeks`` weeks | the record up to the date) at
every ``every`` weeks from the record's start to the last date whose window fits in the
horizon; beside each forecast published at the time, the view's answer to the same question
on the same date; and the prequential score: the view's forecast of each period in turn
(weeks 0-12, 13-25, ...), each made given the record up to the period's start, scored on
what happened in it, summed over the record. A forecast of the next period is scored only
when the record says what happened in it (for nuclear use: none).
"""

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass

from simulator.evidence import nowcast as nc
from simulator.evidence import record as records
from simulator.results import analysis


@dataclass(frozen=True)
class Point:
    """The view's answer at one date."""

    as_of: dt.date
    week: int
    weeks: int
    estimate: analysis.Estimate
    ess: float

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {"as_of": str(self.as_of), "week": self.week, "weeks": self.weeks,
                "estimate": self.estimate.estimate, "ci_low": self.estimate.ci_low,
                "ci_high": self.estimate.ci_high, "ess": self.ess}


@dataclass(frozen=True)
class Beside:
    """A forecast of the time and the view's answer to its question on its date.

    ``truncated``: the question's horizon lies past the view's, which is cut at its horizon.
    """

    forecast: records.Forecast
    point: Point
    truncated: bool

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {"id": self.forecast.id, "forecaster": self.forecast.forecaster,
                "made": str(self.forecast.made), "horizon": str(self.forecast.horizon),
                "published": self.forecast.probability, "truncated": self.truncated,
                "view": self.point.as_dict()}


@dataclass(frozen=True)
class Period:
    """One period's forecast, made at its start, and whether the outcome happened in it."""

    point: Point
    happened: bool

    @property
    def log_score(self) -> float:
        """The log score ln P(what happened): 0 is perfect; floored at ln(1e-6)."""
        p = self.point.estimate.estimate
        return math.log(max(p if self.happened else 1 - p, 1e-6))

    @property
    def brier(self) -> float:
        """(p - what happened)^2."""
        return (self.point.estimate.estimate - float(self.happened)) ** 2


@dataclass(frozen=True)
class ViewSeries:
    """One view's risk over time, its answers beside the forecasts, and its scores."""

    view: str
    outcome: str
    points: tuple[Point, ...]
    beside: tuple[Beside, ...]
    periods: tuple[Period, ...]
    worlds: int
    seconds: float

    @property
    def log_score(self) -> float:
        """Sum over the scored periods of ln P(what happened)."""
        return sum(p.log_score for p in self.periods)

    @property
    def brier(self) -> float:
        """Sum over the scored periods of the Brier score."""
        return sum(p.brier for p in self.periods)

    def as_dict(self) -> dict:
        """JSON-ready."""
        return {"view": self.view, "outcome": self.outcome, "worlds": self.worlds,
                "seconds": round(self.seconds, 3),
                "series": [p.as_dict() for p in self.points],
                "forecasts": [b.as_dict() for b in self.beside],
                "prequential": {"periods": [{**p.point.as_dict(), "happened": p.happened,
                                             "log_score": p.log_score, "brier": p.brier}
                                            for p in self.periods],
                                "log_score": self.log_score, "brier": self.brier}}


def happened_in(rec: records.Record, outcome: str, last_day: dt.date) -> bool | None:
    """What the record says of ``outcome`` up to ``last_day``.

    False if a "none" event covers the day, None if the record does not say.
    """
    for event in rec.scored_events:
        if (event.outcome == outcome and event.expect.get("is") is False
                and event.date >= last_day):
            return False
    return None


def plan(rec: records.Record, horizon: int, weeks: int, every: int,
         outcome: str) -> tuple[list[int], list[int], list[tuple[records.Forecast, int, int]]]:
    """The series' weeks, the periods' start weeks and the forecasts' (week, window) to ask.

    The last date is the last one whose window fits in the horizon and the record.
    """
    end = min(horizon, rec.week(max(e.date for e in rec.events)))
    if every < 1:
        raise nc.NowcastError(f"every: {every} weeks; expected a whole number from 1")
    last = min(horizon, end + weeks) - weeks
    if last < 0:
        raise nc.NowcastError(f"weeks: a window of {weeks} weeks does not fit in the horizon "
                              f"({horizon} weeks)")
    series_weeks = list(range(0, last + 1, every))
    period_weeks = [k for k in range(0, last + 1, weeks)
                    if k + weeks <= end and happened_in(
                        rec, outcome, rec.start + dt.timedelta(weeks=k + weeks, days=-1))
                    is not None]
    asked = []
    for forecast in rec.scored_forecasts:
        if forecast.outcome != outcome or not rec.start <= forecast.made:
            continue
        week = rec.week(forecast.made)
        stop = min(rec.week(forecast.horizon), horizon)
        if stop - week >= 1:
            asked.append((forecast, week, stop - week))
    return series_weeks, period_weeks, asked


def series(scenarios: Sequence, weeks: int = 13, every: int = 4, outcome: str = "nuclear_use",
           *, target: int = nc.TARGET_ESS, cap: int = nc.MAX_WORLDS,
           min_ess: float | None = None, seed: int = 0, record: records.Record | None = None,
           workers: int | None = None) -> list[ViewSeries]:
    """Each view's nowcast every ``every`` weeks, beside the forecasts, with its scores."""
    rec = record or records.default()
    options = {"target": target, "cap": cap, "min_ess": min_ess, "seed": seed,
               "workers": workers}
    return [view_series(scenario, rec, weeks, every, outcome, options)
            for scenario in scenarios]


def view_series(scenario, rec: records.Record, weeks: int, every: int, outcome: str,
                options: dict) -> ViewSeries:
    """One view's series: one draw of worlds answers every date (``series``)."""
    horizon = scenario.parameters["horizon_weeks"]
    nc.check_window(scenario, 0, weeks, outcome)
    series_weeks, period_weeks, asked = plan(rec, horizon, weeks, every, outcome)

    def on(k: int) -> dt.date:
        return rec.start + dt.timedelta(weeks=k)

    days = {*(on(k) for k in (*series_weeks, *period_weeks)), *(f.made for f, _, _ in asked)}
    known = {day: nc.facts_at(rec, day) for day in sorted(days)}
    found = nc.draw(scenario, [(facts, day) for day, (facts, _) in known.items()], **options)

    def point(day: dt.date, length: int) -> Point:
        facts, skipped = known[day]
        k = rec.week(day)
        answer = nc.answer(found, facts, skipped, day, k, length, outcome, options["target"])
        return Point(day, k, length, answer.estimate, answer.ess)

    beside = tuple(Beside(f, point(f.made, length), rec.week(f.horizon) > horizon)
                   for f, _, length in asked)
    periods = tuple(Period(point(on(k), weeks), bool(happened_in(
        rec, outcome, on(k + weeks) - dt.timedelta(days=1)))) for k in period_weeks)
    return ViewSeries(scenario.name, outcome, tuple(point(on(k), weeks) for k in series_weeks),
                      beside, periods, found.worlds, found.seconds)
