"""The risk over time for the app: each view's nowcast series, and what the record says.

``view_series`` runs on the app's process pool (``compute.submit``): one view's answers at
every week of the record (``nowcast_series``), on one worker, from a fixed seed; only the
small ``ViewSeries`` travels back. The other functions read the record alone (no
simulation): the events to mark on the chart, what was known at a date and what came next.
No streamlit here, so the workers can unpickle ``view_series``.
"""

import datetime as dt
from dataclasses import dataclass

from simulator.evidence import nowcast, nowcast_series, war
from simulator.evidence import record as records
from simulator.model.scenario import load

VIEWS = ("baseline", "alperovitch", "alexander", "hodges", "kemp", "pooled")
"""The views the page offers: the four experts, the baseline and the four pooled."""
SEED = 2022
"""The seed of every view's worlds (the command line's default), shown on the page."""
WEEKS = 13
"""The window: P(use within the next 13 weeks | what was known at the date)."""
EVERY = 1
"""A date every week."""
OUTCOME = "nuclear_use"
OPENING_EVENT = "territory-gain-nov-2022"
"""The page opens on this event's date: the first the worlds are weighed on Ukraine's gains
(Lyman, Kherson), the model's territory checkpoint of 16 Nov 2022."""


SPANS = ("year", "war")
"""What the page covers: the record year (the default), or the whole war to Sep 2025, whose
years from 21 Sep 2023 are the held-out years (``simulator.evidence.war``)."""


def span_record(span: str = "year") -> records.Record:
    """The record the span reads: the record year's, or the whole war's."""
    return war.default() if span == "war" else records.default()


def view_series(name: str, seed: int = SEED, span: str = "year") -> nowcast_series.ViewSeries:
    """One view's series every week (as ``nowcast NAME --series --every 1 [--war]``), on one core.

    Over the whole war the view runs 156 weeks with the held-out events scheduled.
    """
    view = war.scenario(load(name)) if span == "war" else load(name)
    return nowcast_series.series([view], WEEKS, EVERY, OUTCOME, seed=seed, workers=1,
                                 record=span_record(span))[0]


def marked_events(rec: records.Record, first: dt.date, last: dt.date) -> list[records.Event]:
    """The record's events dated from ``first`` to ``last``, one per date (the first).

    The year's statements (dated at its end) fall outside; two events of one day (the grid
    strikes and the ladder's rung they reach) are one mark.
    """
    found: dict[dt.date, records.Event] = {}
    for event in sorted(rec.events, key=lambda e: e.date):
        if first <= event.date <= last:
            found.setdefault(event.date, event)
    return list(found.values())


@dataclass(frozen=True)
class Known:
    """What the record said at a date: the facts the worlds are weighed on, and the rest.

    Attributes:
        so_far: Events "none so far" (no use, no order, ...), each with the date it holds to.
        dated: Dated facts already known (the grid strikes, the territory checkpoints).
        context: Events known by then that no world keeps a trace of (never conditioned on).
    """

    so_far: tuple[tuple[records.Event, dt.date], ...]
    dated: tuple[records.Event, ...]
    context: tuple[records.Event, ...]


def known_at(rec: records.Record, day: dt.date) -> Known:
    """What was known on ``day``, as ``nowcast.facts_at`` conditions on it."""
    facts, _ = nowcast.facts_at(rec, day)
    by_id = {event.id: event for event in rec.events}
    so_far, dated = [], []
    for fact in facts:
        event = by_id[fact.id]
        if event.expect and event.expect.get("is") is False:
            so_far.append((event, fact.date))
        else:
            dated.append(event)
    # Over the whole war the record year's "none so far" and the held-out years' say the same
    # of one outcome up to different dates: the reader is told the later one.
    latest: dict[str, tuple[records.Event, dt.date]] = {}
    for pair in so_far:
        if pair[0].outcome not in latest or pair[1] > latest[pair[0].outcome][1]:
            latest[pair[0].outcome] = pair
    so_far = [pair for pair in so_far if latest[pair[0].outcome] is pair]
    context = tuple(e for e in rec.events if e.outcome is None and e.date <= day)
    return Known(tuple(so_far), tuple(dated), context)


def window(rec: records.Record, day: dt.date, weeks: int = WEEKS) -> tuple[dt.date, dt.date]:
    """The first and last day of the window asked at ``day`` (from the start of its week)."""
    first = rec.start + dt.timedelta(weeks=rec.week(day))
    return first, first + dt.timedelta(weeks=weeks, days=-1)


def next_events(rec: records.Record, day: dt.date,
                weeks: int = WEEKS) -> tuple[list[records.Event], bool | None]:
    """The record's dated events after ``day`` within its window, and whether use happened.

    The second value is False when the record says no nuclear weapon was used up to the
    window's last day, None when it does not say.
    """
    _, last = window(rec, day, weeks)
    return (marked_events(rec, day + dt.timedelta(days=1), last),
            nowcast_series.happened_in(rec, OUTCOME, last))
