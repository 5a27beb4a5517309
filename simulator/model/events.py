"""Crises that arrive over time: the kinds of event, and the schedule a scenario gives.

A war is not one autumn. Offensives, incursions, strikes on Russia, new waves of
mobilisation, crises among the elites, new Western weapons, doctrine changes and talks
arrive over the whole horizon and each can reopen (or close) the leader's nuclear gate.
Each kind of crisis is a mechanism of the actor it belongs to (``Kind.actor``); this module
only says what kinds there are, how often each arrives on its own (a parameter of that
actor) and how a scenario schedules one at a date or a week. The weekly draw of which
crisis arrives in which world is the ``Crises`` agent's.

A scheduled event is an input, like a parameter: it happens in every world that week,
on top of the crises drawn at their rates. Scenario files list them under ``events``.
"""

import datetime as dt
import difflib
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, NamedTuple

from simulator.errors import ParameterError, shown

START_DATE = dt.date(2022, 9, 21)
"""Week 0: the mobilisation week."""
MAX_EVENTS = 200
"""The most events one scenario may schedule."""
EVENTS_KEY = "events"
"""The parameters' one entry that is not a number: the scenario's scheduled events."""
_EVENT_KEYS = ("kind", "side", "week", "date", "size", "label")
NumberReader = Callable[[str, float, float, str, Any], float]


@dataclass(frozen=True)
class Kind:
    """One kind of crisis.

    Attributes:
        name: What scenario files call it.
        sides: Who can start it (the first is the default when only one is allowed).
        actor: The actor whose mechanism it moves.
        words: One plain-English line for menus and the timeline.
        rates: Per side (in ``sides``' order), the parameter giving how many arrive a year
            on their own; empty if it comes only when a scenario schedules it (the leader's
            own signals: his choices are modelled, not drawn).
        sizes: Per side, the parameter giving the mean size of one; empty if it has none
            (then a size left out is 0).
        unit, low, high: The unit of a size and the sizes a scenario may give ("": it takes
            no size).
        seasonal: The sides whose crises of this kind arrive only in ``CAMPAIGN_MONTHS``.
    """

    name: str
    sides: tuple[str, ...]
    actor: str
    words: str
    rates: tuple[str, ...] = ()
    sizes: tuple[str, ...] = ()
    unit: str = ""
    low: float = 0.0
    high: float = 0.0
    seasonal: tuple[str, ...] = ()

    def rate(self, side: str) -> str:
        """The parameter of ``side``'s yearly rate ("" if never drawn)."""
        return self.rates[self.sides.index(side)] if self.rates else ""

    def size(self, side: str) -> str:
        """The parameter of ``side``'s mean size ("" if none)."""
        return self.sizes[self.sides.index(side)] if self.sizes else ""


CAMPAIGN_MONTHS = (5, 6, 7, 8, 9, 10)
"""May-October: dry ground. Both offensives of 2022 (Kharkiv, Kherson) fell in it, and the
spring and autumn mud and the winter stall large offensives (modeller's assumption)."""

KINDS: dict[str, Kind] = {k.name: k for k in (
    Kind("offensive", ("ukraine", "russia"), "battlefield",
         "an offensive: one side pushes, gains ground, then runs out of steam",
         rates=("battlefield.offensive_rate", "battlefield.russian_offensive_rate"),
         sizes=("battlefield.offensive_km2", "battlefield.russian_offensive_km2"),
         unit="km²", low=0, high=50_000, seasonal=("ukraine",)),
    Kind("encirclement", ("ukraine",), "battlefield",
         "a line breaks: Ukraine cuts off a Russian force in the south and takes its ground",
         rates=("battlefield.encirclement_rate",), sizes=("battlefield.encirclement_km2",),
         unit="km²", low=0, high=20_000),
    Kind("incursion", ("ukraine",), "battlefield",
         "an incursion: Ukraine holds land that Russia calls its own",
         rates=("battlefield.incursion_rate",), sizes=("battlefield.incursion_km2",),
         unit="km²", low=0, high=20_000),
    Kind("incursion_end", ("russia",), "battlefield",
         "Russia retakes its own land (Ukraine keeps the area given, none if left out)",
         unit="km²", low=0, high=20_000),
    Kind("deep_strike", ("ukraine",), "battlefield",
         "a long-range strike on Russia itself (air bases, refineries, bombers)",
         rates=("battlefield.deep_strike_rate",), sizes=("battlefield.deep_strike_shock",),
         unit="shock index", low=0, high=1),
    Kind("mobilisation", ("russia",), "battlefield",
         "a new wave of mobilisation: more reservists, more discontent",
         rates=("battlefield.mobilisation_rate",), sizes=("battlefield.mobilisation_size",),
         unit="reservists", low=0, high=1_000_000),
    Kind("elite_crisis", ("russia",), "domestic",
         "a crisis among the elites (a mutiny, a public split) that weakens the leader",
         rates=("domestic.elite_crisis_rate",), sizes=("domestic.elite_shock",),
         unit="weakness index", low=0, high=1),
    Kind("western_aid", ("west",), "west",
         "an escalation of Western aid (new weapons, permission to strike further)",
         rates=("west.aid_rate",), sizes=("west.aid_step",), unit="support index",
         low=0, high=1),
    Kind("doctrine", ("russia",), "leader",
         "Russia widens the declared grounds for nuclear use, which lowers his red line",
         rates=("leader.doctrine_rate",), sizes=("leader.doctrine_shift",),
         unit="desperation index", low=0, high=0.5),
    Kind("talks", ("both",), "leader",
         "talks between the sides: for some weeks, de-escalating pulls harder",
         rates=("leader.talks_rate",)),
    Kind("nuclear_signal", ("russia",), "leader",
         "nuclear rhetoric or drills: a threat, not a use"),
    Kind("conventional_signal", ("russia",), "leader",
         "a conventional escalation step (a nuclear-capable missile with a conventional warhead)"),
)}
DRAWN = tuple((kind.name, side) for kind in KINDS.values() if kind.rates for side in kind.sides)
"""The crises that also arrive on their own, each side apart, in the order they are drawn."""


class Event(NamedTuple):
    """One scheduled event, as the model reads it (a tuple: hashable and JSON-able)."""

    week: int
    kind: str
    side: str
    size: float | None = None
    label: str = ""

    def date(self) -> dt.date:
        """The first day of the event's week."""
        return week_date(self.week)


def week_date(week: int) -> dt.date:
    """The first day of ``week``."""
    return START_DATE + dt.timedelta(weeks=week)


def date_week(date: dt.date) -> int:
    """The week a date falls in (negative before week 0)."""
    return (date - START_DATE).days // 7


def _field(index: int, key: str) -> str:
    return f"{EVENTS_KEY}[{index}].{key}"


def _kind(entry: dict, index: int) -> Kind:
    name = entry.get("kind")
    if not isinstance(name, str) or name not in KINDS:
        near = difflib.get_close_matches(name, KINDS, n=1) if isinstance(name, str) else []
        hint = f"did you mean {near[0]!r}? " if near else ""
        raise ParameterError(_field(index, "kind"),
                             f"{shown(name)} is not a kind of event; {hint}allowed: "
                             f"{', '.join(KINDS)}")
    return KINDS[name]


def _side(kind: Kind, entry: dict, index: int) -> str:
    side = entry.get("side", kind.sides[0] if len(kind.sides) == 1 else None)
    if side not in kind.sides:
        allowed = " or ".join(kind.sides)
        what = "is required" if side is None else f"{shown(side)} is not allowed"
        raise ParameterError(_field(index, "side"), f"{what} for {kind.name}; expected {allowed}")
    return side


def _week(entry: dict, index: int, horizon: int) -> int:
    last = week_date(horizon - 1)
    span = (f"weeks 0 to {horizon - 1}, {START_DATE:%d %b %Y} to {last:%d %b %Y}, "
            f"the scenario's horizon")
    if ("week" in entry) == ("date" in entry):
        which = "both" if "week" in entry else "neither"
        raise ParameterError(_field(index, "week"),
                             f"give either week or date, not {which} (e.g. week: 40 or date: "
                             f"2023-06-04; {span})")
    if "date" in entry:
        date = entry["date"]
        if isinstance(date, str):
            try:
                date = dt.date.fromisoformat(date.strip())
            except ValueError:
                date = None
        if type(date) is not dt.date:
            raise ParameterError(_field(index, "date"),
                                 f"{shown(entry['date'])} is not a date; expected YYYY-MM-DD "
                                 f"within {span}")
        week = date_week(date)
        key = "date"
    else:
        key, week = "week", entry["week"]
        if isinstance(week, str) and week.strip().isascii() and week.strip().isdigit():
            week = int(week)
        if isinstance(week, bool) or not isinstance(week, int):
            raise ParameterError(_field(index, "week"),
                                 f"{shown(entry['week'])} is not a whole number; expected {span}")
    if not 0 <= week < horizon:
        given = entry[key]
        given = given.isoformat() if isinstance(given, dt.date) else shown(given)
        raise ParameterError(_field(index, key), f"{given} is outside the horizon; expected {span}")
    return week


def _size(kind: Kind, entry: dict, index: int, read: NumberReader) -> float | None:
    if entry.get("size") is None:
        return None
    if not kind.unit:
        raise ParameterError(_field(index, "size"), f"{kind.name} has no size; leave it out")
    return read(_field(index, "size"), kind.low, kind.high, kind.unit, entry["size"])


def check(value: Any, horizon: int, read: NumberReader) -> tuple[Event, ...]:
    """A scenario's ``events``, checked and in order, or ParameterError naming the field.

    ``value`` is a list of mappings (as a scenario file writes them) or of ``Event``s.
    Each needs a ``kind`` (``KINDS``), a ``week`` or a ``date`` within the horizon, a
    ``side`` where the kind has more than one, and may give a ``size`` (in the kind's unit;
    left out, the actor's mean size) and a ``label`` (plain text for the timeline).
    ``read(field, low, high, unit, value)`` reads a size as the schema reads a number.
    """
    if value is None:
        return ()
    if not isinstance(value, list | tuple):
        raise ParameterError(EVENTS_KEY, f"{shown(value)} is not a list of events; expected "
                                         "a list such as [{kind: offensive, side: ukraine, "
                                         "week: 40}]")
    if len(value) > MAX_EVENTS:
        raise ParameterError(EVENTS_KEY, f"{len(value)} events; at most {MAX_EVENTS} allowed")
    events = []
    for index, entry in enumerate(value):
        if isinstance(entry, Event):
            entry = {key: item for key, item in entry._asdict().items() if item is not None}
        elif isinstance(entry, list | tuple) and len(entry) == len(Event._fields):
            entry = {key: item for key, item in zip(Event._fields, entry, strict=True)
                     if item is not None}  # as JSON gives an Event back
        if not isinstance(entry, dict):
            raise ParameterError(f"{EVENTS_KEY}[{index}]",
                                 f"{shown(entry)} is not an event; expected a mapping with "
                                 f"keys {', '.join(_EVENT_KEYS)}")
        unknown = [key for key in entry if key not in _EVENT_KEYS]
        if unknown:
            raise ParameterError(_field(index, str(unknown[0])),
                                 f"unknown key; allowed: {', '.join(_EVENT_KEYS)}")
        kind = _kind(entry, index)
        label = entry.get("label") or ""
        if not isinstance(label, str) or len(label) > 200:
            raise ParameterError(_field(index, "label"),
                                 f"{shown(label)} is not allowed; expected text of at most 200 "
                                 "characters")
        events.append(Event(_week(entry, index, horizon), kind.name, _side(kind, entry, index),
                            _size(kind, entry, index, read), label))
    return tuple(sorted(events, key=lambda event: (event.week, event.kind, event.side)))


def as_entries(events: tuple[Event, ...]) -> list[dict]:
    """The events as a scenario file writes them (weeks, as the model reads them)."""
    return [{"kind": e.kind, "side": e.side, "week": e.week,
             **({"size": e.size} if e.size is not None else {}),
             **({"label": e.label} if e.label else {})} for e in events]
