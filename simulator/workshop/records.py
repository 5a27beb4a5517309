"""What the store hands out (rooms, rounds, participants, submissions) and how a row becomes one.

Frozen dataclasses, never database rows: callers cannot change the store through them, and no
hash of a key or token ever leaves it.
"""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Row

from simulator.model.events import EVENTS_KEY, Event


@dataclass(frozen=True)
class Room:
    """A workshop room, as participants and the facilitator see it (no secrets)."""

    join_code: str
    title: str
    preset: str
    allowed_params: tuple[str, ...]
    base_overrides: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True)
class Round:
    """One round of a room: the setting participants forecast in.

    Attributes:
        number: 1 for the round created with the room, then 2, 3, ...
        preset: The room's preset; the round's setting is the preset plus ``overrides``
            and ``events``.
        overrides: The room's base overrides plus every inject's parameters up to this round.
        inject: The overrides this round added (empty for round 1) and, under ``events``,
            the events it scheduled (as a scenario file writes them), if any.
        announcement: What the facilitator announced with the inject.
        locked: No more submissions.
        revealed: Results are stored.
        events: Every event the injects scheduled up to this round, earlier rounds' first
            (the preset's own events come with the preset).
        as_of: A dated round's day (`simulator.workshop.dated`): participants forecast from
            it to the horizon's end. None: the question runs from the horizon's start.
    """

    number: int
    preset: str
    overrides: dict[str, Any]
    inject: dict[str, Any]
    announcement: str
    locked: bool
    revealed: bool
    started_at: datetime
    events: tuple[Event, ...] = ()
    as_of: date | None = None


@dataclass(frozen=True)
class Participant:
    """Someone who joined a room; the token that identifies them is never stored or returned."""

    id: int
    join_code: str
    display_name: str


@dataclass(frozen=True)
class Submission:
    """A participant's answer in one round (their latest, if they changed it).

    Attributes:
        forecast: P(nuclear use within the horizon), 0 to 1.
        refusing_layer: The command layer the participant thinks would refuse, or None.
        params: The participant's values for the room's allowed parameters.
        results: What ``WorkshopStore.reveal`` stored for this participant, or None.
        forecast_low: Low end of the participant's plausible range (0 to 1), or None: the
            range is optional, and answers from before ranges existed have none.
        forecast_high: High end of it, or None (both ends or neither).
    """

    participant_id: int
    display_name: str
    round_number: int
    forecast: float
    refusing_layer: int | None
    params: dict[str, Any]
    results: dict[str, Any] | None
    submitted_at: datetime
    forecast_low: float | None = None
    forecast_high: float | None = None

    @property
    def forecast_range(self) -> tuple[float, float] | None:
        """``(low, high)`` if the participant gave a plausible range, else None."""
        if self.forecast_low is None or self.forecast_high is None:
            return None
        return self.forecast_low, self.forecast_high


def room_from_row(row: Row) -> Room:
    """The room a ``workshop_rooms`` row holds (without the facilitator key's hash)."""
    return Room(
        join_code=row.join_code,
        title=row.title,
        preset=row.preset,
        allowed_params=tuple(json.loads(row.allowed_params)),
        base_overrides=json.loads(row.base_overrides),
        created_at=as_utc(row.created_at),
    )


def round_from_row(room: Row, row: Row) -> Round:
    """The round a ``workshop_rounds`` row holds; its events come out of its overrides' JSON."""
    overrides = json.loads(row.overrides)
    scheduled = overrides.pop(EVENTS_KEY, [])
    return Round(
        number=row.number,
        preset=room.preset,
        overrides=overrides,
        inject=json.loads(row.inject),
        announcement=row.announcement,
        locked=row.locked_at is not None,
        revealed=row.revealed_at is not None,
        started_at=as_utc(row.started_at),
        events=stored_events(scheduled),
        as_of=_day(getattr(row, "as_of", None)),
    )


def _day(value: Any) -> date | None:
    """A stored day as a date (a driver may hand back a datetime or ISO text)."""
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return value
    return value.date() if isinstance(value, datetime) else date.fromisoformat(str(value)[:10])


def stored_events(entries: list[dict]) -> tuple[Event, ...]:
    """Stored events (as a scenario file writes them) as the model reads them."""
    return tuple(Event(e["week"], e["kind"], e["side"], e.get("size"), e.get("label", ""))
                 for e in entries)


def utc_now() -> datetime:
    """The time stamp every row is stored with: aware, in UTC."""
    return datetime.now(UTC)


def as_utc(moment: datetime) -> datetime:
    """Return ``moment`` as aware UTC: SQLite hands back the naive UTC time it was given."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
