"""What happened and what was forecast: the data nobody here chose, and the backtest on it.

``scenarios/record.yaml`` holds the events of 21 Sep 2022 - 21 Sep 2023 that the model has
outcomes for, and the forecasts of the time with their questions and horizons. The
forecasts are what ``calibrate`` fits to; the events are never used in a fit, so the
backtest is an out-of-sample test. One history is one draw: a view that gave the year a
low probability is not refuted by it, only less supported than a view that gave it more.
"""

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from simulator.errors import SimulatorError
from simulator.model import safe_yaml
from simulator.model.scenario import SCENARIO_DIR
from simulator.results import analysis

RECORD_FILE = SCENARIO_DIR / "record.yaml"
OPS = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}
OUTCOME_COLUMNS = (
    "nuclear_use", "nuclear_order", "leader_ousted", "war_ongoing", "donbass_taken",
    "nato_involved", "crimea_threatened", "infrastructure_week", "max_conventional_rung",
    "territory_km2", "territory_nov2022_km2", "territory_may2023_km2", "china_support",
    "territory_change_2024_km2", "russian_territory_held_km2", "deep_strikes_on_russia",
    "doctrine_lowered",
)
"""The per-world outcomes an event or a forecast may name."""
TIMED = {"nuclear_use": "use_week", "nuclear_order": "order_week"}
"""Outcomes with a week, so a forecast's horizon can cut them."""
_EVENT_KEYS = {"id", "label", "date", "outcome", "expect", "mapping", "sources"}
_FORECAST_KEYS = {"id", "forecaster", "made", "question", "probability", "low", "high",
                  "horizon", "horizon_note", "outcome", "condition", "scored",
                  "why_not_scored", "resolved", "sources"}
_SOURCE_KEYS = {"publication", "title", "date", "url", "verified", "note"}


class RecordError(SimulatorError):
    """A record or forecast file that cannot be used; names the entry and the field."""


@dataclass(frozen=True)
class Source:
    """Where a fact or a forecast was published."""

    publication: str
    title: str
    date: dt.date | None
    url: str = ""
    verified: bool = True

    def text(self) -> str:
        """One line: publication, title, date."""
        when = f", {self.date:%d %b %Y}" if self.date else ""
        return f"{self.publication}: {self.title}{when}"


@dataclass(frozen=True)
class Event:
    """One thing that happened, as a yes/no test on one world's outcomes.

    Attributes:
        id: Short name.
        label: Plain words.
        date: When it happened or was judged.
        outcome: The model outcome it reads (None for context with no outcome).
        expect: The test: ``{is: bool}``, ``{between: [lo, hi]}`` or
            ``{op: "<", column: other, times: 1.0}``.
        mapping: How the fact maps onto the outcome.
        sources: Where it is reported.
    """

    id: str
    label: str
    date: dt.date
    outcome: str | None
    expect: Mapping[str, Any] | None
    mapping: str
    sources: tuple[Source, ...]

    @property
    def scored(self) -> bool:
        """Whether the model has an outcome for it."""
        return self.outcome is not None

    def holds(self, columns: Mapping[str, np.ndarray]) -> np.ndarray:
        """Per world: whether this world's year agrees with the record on this event."""
        values = np.asarray(columns[self.outcome])
        expect = self.expect
        if "is" in expect:
            return values.astype(bool) == bool(expect["is"])
        if "between" in expect:
            low, high = expect["between"]
            ok = ~np.isnan(values.astype(float))
            if low is not None:
                ok &= values >= low
            if high is not None:
                ok &= values <= high
            return ok
        other = np.asarray(columns[expect["column"]], float) * float(expect.get("times", 1.0))
        return OPS[expect["op"]](values.astype(float), other)

    def expectation_text(self) -> str:
        """The test in words, for tables."""
        e = self.expect
        if "is" in e:
            return f"{self.outcome} is {'true' if e['is'] else 'false'}"
        if "between" in e:
            low, high = e["between"]
            if low is None:
                return f"{self.outcome} <= {high:g}"
            if high is None:
                return f"{self.outcome} >= {low:g}"
            return f"{low:g} <= {self.outcome} <= {high:g}"
        times = float(e.get("times", 1.0))
        factor = "" if times == 1 else f"{times:g} x "
        return f"{self.outcome} {e['op']} {factor}{e['column']}"


@dataclass(frozen=True)
class Forecast:
    """A probability published at the time for an event the model has an outcome for."""

    id: str
    forecaster: str
    made: dt.date
    question: str
    probability: float
    low: float
    high: float
    horizon: dt.date
    outcome: str | None
    condition: str | None
    scored: bool
    why_not_scored: str
    resolved: bool
    sources: tuple[Source, ...]
    horizon_note: str = ""

    def figure(self, range_word: str = "") -> str:
        """The forecast as published: '16%', or '9% (5–20%)' with its range."""
        point = f"{100 * self.probability:g}%"
        if self.low == self.high:
            return point
        return f"{point} ({range_word}{100 * self.low:g}–{100 * self.high:g}%)"

    @property
    def brier(self) -> float:
        """The forecaster's Brier score on the question: (p - what happened)²."""
        return (self.probability - float(self.resolved)) ** 2


@dataclass(frozen=True)
class Record:
    """The record of the year and the forecasts of the time."""

    start: dt.date
    horizon_weeks: int
    events: tuple[Event, ...]
    forecasts: tuple[Forecast, ...]

    def week(self, date: dt.date) -> int:
        """The model week a date falls in (week 0 starts on ``start``)."""
        return (date - self.start).days // 7

    @property
    def scored_events(self) -> tuple[Event, ...]:
        """The events the model has an outcome for."""
        return tuple(e for e in self.events if e.scored)

    @property
    def scored_forecasts(self) -> tuple[Forecast, ...]:
        """The forecasts whose question the model can answer and whose condition happened."""
        return tuple(f for f in self.forecasts if f.scored)


# --- loading, with errors that name the entry and the field ---------------------------------

def _date(value: Any, where: str) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise RecordError(f"{where}: {value!r} is not a date; expected YYYY-MM-DD") from None


def _mapping(value: Any, where: str, allowed: set[str], required: set[str]) -> dict:
    if not isinstance(value, dict):
        raise RecordError(f"{where}: expected a mapping with keys {', '.join(sorted(required))}")
    unknown = set(map(str, value)) - allowed
    if unknown:
        raise RecordError(f"{where}: unknown key {sorted(unknown)[0]!r}; allowed: "
                          f"{', '.join(sorted(allowed))}")
    missing = required - set(value)
    if missing:
        raise RecordError(f"{where}: missing {sorted(missing)[0]!r}")
    return value


def _sources(value: Any, where: str) -> tuple[Source, ...]:
    if not isinstance(value, list) or not value:
        raise RecordError(f"{where}.sources: expected a non-empty list of sources")
    out = []
    for i, entry in enumerate(value):
        here = f"{where}.sources[{i}]"
        entry = _mapping(entry, here, _SOURCE_KEYS, {"publication", "title"})
        date = _date(entry["date"], f"{here}.date") if entry.get("date") else None
        out.append(Source(str(entry["publication"]), str(entry["title"]), date,
                          str(entry.get("url") or ""), bool(entry.get("verified", True))))
    return tuple(out)


def _outcome(value: Any, where: str) -> str:
    if value not in OUTCOME_COLUMNS:
        raise RecordError(f"{where}: unknown outcome {value!r}; choose one of: "
                          f"{', '.join(OUTCOME_COLUMNS)}")
    return value


def _number(value: Any, where: str, low: float = -math.inf, high: float = math.inf) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not low <= value <= high:
        raise RecordError(f"{where}: {value!r} is not a number from {low:g} to {high:g}")
    return float(value)


def _expect(value: Any, where: str) -> dict:
    if not isinstance(value, dict) or len(value) == 0:
        raise RecordError(f"{where}: expected {{is: true|false}}, {{between: [low, high]}} "
                          "or {op: '<', column: OUTCOME, times: 1.0}")
    if "is" in value:
        _mapping(value, where, {"is"}, {"is"})
        if not isinstance(value["is"], bool):
            raise RecordError(f"{where}.is: {value['is']!r}; expected true or false")
    elif "between" in value:
        _mapping(value, where, {"between"}, {"between"})
        bounds = value["between"]
        if not isinstance(bounds, list) or len(bounds) != 2 or bounds == [None, None]:
            raise RecordError(f"{where}.between: expected [low, high] (one may be null)")
        for i, bound in enumerate(bounds):
            if bound is not None:
                _number(bound, f"{where}.between[{i}]")
    else:
        _mapping(value, where, {"op", "column", "times"}, {"op", "column"})
        if value["op"] not in OPS:
            raise RecordError(f"{where}.op: {value['op']!r}; use one of {', '.join(OPS)}")
        _outcome(value["column"], f"{where}.column")
        _number(value.get("times", 1.0), f"{where}.times")
    return value


def _event(entry: Any, i: int) -> Event:
    where = f"events[{i}]"
    entry = _mapping(entry, where, _EVENT_KEYS, _EVENT_KEYS - {"expect"})
    where = f"events[{i}] ({entry['id']})"
    outcome = None
    expect = None
    if entry["outcome"] is not None:
        outcome = _outcome(entry["outcome"], f"{where}.outcome")
        expect = _expect(entry.get("expect"), f"{where}.expect")
    return Event(str(entry["id"]), str(entry["label"]), _date(entry["date"], f"{where}.date"),
                 outcome, expect, str(entry["mapping"]).strip(), _sources(entry["sources"], where))


def _forecast(entry: Any, i: int) -> Forecast:
    required = {"id", "forecaster", "made", "question", "probability", "horizon", "outcome",
                "scored", "resolved", "sources"}
    where = f"forecasts[{i}]"
    entry = _mapping(entry, where, _FORECAST_KEYS, required)
    where = f"forecasts[{i}] ({entry['id']})"
    p = _number(entry["probability"], f"{where}.probability", 0, 1)
    low = _number(entry.get("low", p), f"{where}.low", 0, 1)
    high = _number(entry.get("high", p), f"{where}.high", 0, 1)
    if not low <= p <= high:
        raise RecordError(f"{where}: expected low <= probability <= high, got {low} {p} {high}")
    made = _date(entry["made"], f"{where}.made")
    horizon = _date(entry["horizon"], f"{where}.horizon")
    if horizon <= made:
        raise RecordError(f"{where}.horizon: {horizon} is not after the date it was made")
    for key in ("scored", "resolved"):
        if not isinstance(entry[key], bool):
            raise RecordError(f"{where}.{key}: {entry[key]!r}; expected true or false")
    if entry["outcome"] is None and entry["scored"]:
        raise RecordError(f"{where}.outcome: a scored forecast needs a model outcome")
    outcome = None if entry["outcome"] is None else _outcome(entry["outcome"], f"{where}.outcome")
    if entry["scored"] and (entry.get("condition") or outcome not in TIMED):
        raise RecordError(f"{where}.scored: only unconditional questions on "
                          f"{' or '.join(TIMED)} can be scored")
    return Forecast(str(entry["id"]), str(entry["forecaster"]), made,
                    " ".join(str(entry["question"]).split()), p, low, high, horizon,
                    outcome, entry.get("condition"),
                    entry["scored"], str(entry.get("why_not_scored") or ""), entry["resolved"],
                    _sources(entry["sources"], where), str(entry.get("horizon_note") or ""))


def parse(document: Any, source: str = "record.yaml") -> Record:
    """Check a record document; every error names the entry and the field."""
    try:
        top = _mapping(document, source, {"start", "horizon_weeks", "events", "forecasts"},
                       {"start", "events", "forecasts"})
        for key in ("events", "forecasts"):
            if not isinstance(top[key], list) or not top[key]:
                raise RecordError(f"{key}: expected a non-empty list")
        events = tuple(_event(e, i) for i, e in enumerate(top["events"]))
        forecasts = tuple(_forecast(f, i) for i, f in enumerate(top["forecasts"]))
        for kind, items in (("events", events), ("forecasts", forecasts)):
            ids = [item.id for item in items]
            duplicate = next((x for x in ids if ids.count(x) > 1), None)
            if duplicate:
                raise RecordError(f"{kind}: id {duplicate!r} appears twice")
        weeks = top.get("horizon_weeks", 52)
        if isinstance(weeks, bool) or not isinstance(weeks, int) or weeks < 1:
            raise RecordError(f"horizon_weeks: {weeks!r}; expected a whole number of weeks")
        return Record(_date(top["start"], "start"), weeks, events, forecasts)
    except RecordError as error:
        raise RecordError(f"{source}: {error}") from None


def load(path: str | Path = RECORD_FILE) -> Record:
    """Load and check a record file."""
    path = Path(path)
    document = safe_yaml.load(path, RecordError)  # bounded: size, aliases, nesting
    return parse(document, str(path))


@lru_cache(maxsize=1)
def default() -> Record:
    """The project's record (read once)."""
    return load(RECORD_FILE)


# --- the backtest ---------------------------------------------------------------------------

def by_horizon(columns: Mapping[str, np.ndarray], outcome: str, week: int) -> np.ndarray:
    """Per world: whether ``outcome`` happened before ``week`` (timed outcomes only)."""
    happened = np.asarray(columns[outcome], bool)
    if outcome not in TIMED:
        return happened
    when = np.asarray(columns[TIMED[outcome]])
    return happened & (when >= 0) & (when < week)


TERM_MONTHS = (1, 3, 7, 12)
"""The horizons of the term structure: the forecasts of autumn 2022 asked about 1 month
(Samotsvety), about 3 (to the end of 2022: Metaculus, US intelligence), 7 (to 30 Apr 2023:
Swift Centre) and 12 (Samotsvety)."""


def month_week(months: int) -> int:
    """The model week that ends ``months`` months after week 0 (a month is 365.25/12 days)."""
    return round(months * 365.25 / 12 / 7)


def term_structure(columns: Mapping[str, np.ndarray], horizon: int,
                   months: Sequence[int] = TERM_MONTHS) -> dict[int, analysis.Estimate]:
    """P(a nuclear weapon used within each of ``months``), cut at the model's horizon.

    Forecasters gave one number for one horizon each; a view gives the whole curve, so how
    its risk is spread over time can be read beside all of them at once.
    """
    n = len(np.asarray(columns["nuclear_use"]))
    return {m: analysis.proportion(int(by_horizon(columns, "nuclear_use",
                                                  min(month_week(m), horizon)).sum()), n)
            for m in months}


@dataclass(frozen=True)
class BayesFactor:
    """How much better the best view predicted the record than another, with its range.

    Attributes:
        estimate: P(the record | best view) / P(the record | this view) from the worlds' shares.
        low, high: The same ratio from the two shares' 95% intervals (simulation noise only),
            the bounds widest apart.
        words: Jeffreys' reading, as Kass & Raftery (1995) state it.
    """

    estimate: float
    low: float
    high: float
    words: str

    def as_dict(self) -> dict:
        """Plain numbers, JSON-ready."""
        return {"estimate": self.estimate, "low": self.low, "high": self.high,
                "words": self.words}


def _evidence_words(factor: float) -> str:
    if factor < 3:
        return "barely worth mentioning"
    if factor < 20:
        return "positive"
    if factor < 150:
        return "strong"
    return "very strong"


def smoothed_share(k: float, n: int) -> float:
    """Jeffreys-smoothed share of ``k`` worlds in ``n``: finite and non-zero even at k = 0."""
    return (k + 0.5) / (n + 1)


def bayes_factors(views: Sequence["ViewBacktest"]) -> dict[str, BayesFactor]:
    """Each view's Bayes factor against the view that gave the record the highest probability.

    Shares are smoothed as the log score is (``smoothed_share``), so a view with no matching
    world still gets a finite, very large factor rather than a division by zero.
    """
    def share(joint: analysis.Estimate, value: float) -> float:
        return smoothed_share(value * joint.n, joint.n)

    best = max(views, key=lambda v: v.log_score)
    out = {}
    for view in views:
        factor = math.exp(best.log_score - view.log_score)
        low = share(best.joint, best.joint.ci_low) / share(view.joint, view.joint.ci_high)
        high = share(best.joint, best.joint.ci_high) / share(view.joint, view.joint.ci_low)
        out[view.name] = BayesFactor(factor, low, high, _evidence_words(factor))
    return out


BRIER_CAVEAT = ("Every scored forecast resolved the same way (no nuclear use), so a mean Brier "
                "score only rewards whichever view gave the lowest P(use): it measures how low, "
                "not how well. Read it with the term structure and the Bayes factors, not alone.")


@dataclass(frozen=True)
class ForecastScore:
    """A view's answer to one forecast question, beside the forecaster's."""

    forecast: Forecast
    horizon_week: int
    truncated: bool
    estimate: analysis.Estimate

    @property
    def brier(self) -> float:
        """The view's Brier score on this question."""
        return (self.estimate.estimate - float(self.forecast.resolved)) ** 2


@dataclass(frozen=True)
class ViewBacktest:
    """How one view fares against the record of the year.

    Attributes:
        name: The scenario's name.
        events: Per recorded event, the share of worlds that agree with it.
        joint: The share of worlds whose whole year agrees with every recorded event.
        log_score: Natural log of the joint probability (Jeffreys-smoothed, so a view with no
            matching world still gets a finite, very low score).
        forecasts: The view's answers to the forecasters' questions.
        term: P(use) within 1, 3, 7 and 12 months (``TERM_MONTHS``).
    """

    name: str
    events: dict[str, analysis.Estimate]
    joint: analysis.Estimate
    log_score: float
    forecasts: tuple[ForecastScore, ...]
    term: dict[int, analysis.Estimate]

    @property
    def brier(self) -> float:
        """Mean Brier score over the scored forecast questions."""
        scores = [f.brier for f in self.forecasts if f.forecast.scored]
        return float(np.mean(scores)) if scores else float("nan")


def backtest_columns(name: str, columns: Mapping[str, np.ndarray], horizon: int,
                     record: Record | None = None) -> ViewBacktest:
    """Score one view's worlds against the record and the forecasts' questions."""
    record = record or default()
    n = len(np.asarray(columns["nuclear_use"]))
    events, joint = {}, np.ones(n, bool)
    for event in record.scored_events:
        holds = event.holds(columns)
        events[event.id] = analysis.proportion(int(holds.sum()), n)
        joint &= holds
    k = int(joint.sum())
    scores = []
    for forecast in record.forecasts:
        if forecast.outcome is None:
            continue
        week = record.week(forecast.horizon)
        truncated = week > horizon
        happened = by_horizon(columns, forecast.outcome, min(week, horizon))
        scores.append(ForecastScore(forecast, min(week, horizon), truncated,
                                    analysis.proportion(int(happened.sum()), n)))
    return ViewBacktest(name, events, analysis.proportion(k, n),
                        math.log(smoothed_share(k, n)), tuple(scores),
                        term_structure(columns, horizon))


def use_by_week(columns: Mapping[str, np.ndarray], horizon: int) -> np.ndarray:
    """P(a nuclear weapon used by the end of each week), shape (horizon,)."""
    week = np.asarray(columns["use_week"])
    counts = np.bincount(week[week >= 0], minlength=horizon)[:horizon]
    return np.cumsum(counts) / max(len(week), 1)


def backtest(scenarios: Sequence, runs: int = 20_000, seed: int = 2022,
             record: Record | None = None, **run_options) -> list[ViewBacktest]:
    """Run each scenario on common random numbers and score it against the record."""
    from simulator.running import engine  # late: the engine imports the model, the record does not

    record = record or default()
    results = []
    for scenario in scenarios:
        batch = engine.run(scenario, runs, seed, progress=False, **run_options)
        results.append(backtest_columns(scenario.name, batch.columns,
                                        scenario.parameters["horizon_weeks"], record))
    return results
