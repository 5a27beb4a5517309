"""Storage and service layer of Workshop mode: rooms, rounds, participants, submissions.

Streamlit sessions share nothing but an outside store, and a reload starts a new session, so
every submission lives in the database and every read goes to it. The default is a SQLite file
in WAL mode with a busy timeout (many readers, writers queue); any SQLAlchemy URL works instead,
e.g. ``postgresql+psycopg://...`` when several app processes share one database.

Secrets: the facilitator key and the participant tokens are shown once and stored only as
SHA-256 hashes. They are 192-bit random strings, so an unsalted hash is as strong as a slow one.
"""

import hashlib
import hmac
import json
import os
import secrets
import unicodedata
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    Row,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    func,
    insert,
    select,
    update,
)
from sqlalchemy.engine import make_url

from simulator.errors import ParameterError, shown
from simulator.model.events import EVENTS_KEY, Event, as_entries
from simulator.model.params import MAX_LAYERS, lookup, validate
from simulator.model.scenario import list_presets, load

SCHEMA_VERSION = 1
JOIN_CODE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read off a projector
JOIN_CODE_LENGTH = 8  # 31**8, about 8.5e11 codes: not guessable by trying
SECRET_BYTES = 24  # facilitator keys and participant tokens: 192 bits, 32 URL-safe characters
MAX_NAME_CHARS = 40
MAX_TITLE_CHARS = 100
MAX_ANNOUNCEMENT_CHARS = 2000
MAX_ROUNDS = 1000
"""Round numbers run from 1 to this: far beyond any workshop, far inside every database's int."""
MAX_SECRET_CHARS = 64  # a key or token longer than this (or not URL-safe) was never issued
SECRET_ALPHABET = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
MAX_PARAMETER_INT = 10**15
"""A whole number beyond this is out of every parameter's range (and of a float's precision)."""
MAX_PARAMETER_TEXT_CHARS = 100  # a parameter value given as text, e.g. "0.4"
SQLITE_BUSY_TIMEOUT_MS = 10_000
REPO_ROOT = Path(__file__).resolve().parents[2]


class WorkshopError(ValueError):
    """Input the workshop cannot accept; the message names the field and what is allowed.

    Every error the store raises about its callers' input is a WorkshopError (or a subclass:
    RoomNotFound, RoundLocked, RoundMovedOn, NotAllowed), whatever the input: text with NUL or lone
    surrogates, numbers beyond any database integer, NaN, a parameter value of 10**400.
    Inputs are checked before they reach the database, so no driver error leaks out.

    Attributes:
        field: The field at fault (``display_name``, ``forecast``, a parameter name, ...).
    """

    def __init__(self, field: str, message: str):
        super().__init__(f"{field}: {message}")
        self.field = field


class RoomNotFound(WorkshopError):
    """No room has this join code: mistyped, or the database was reset."""


class RoundLocked(WorkshopError):
    """The round takes no more submissions: the facilitator locked it or started the next."""


class RoundMovedOn(WorkshopError):
    """A facilitator action for a round that is no longer the current one: nothing changed.

    A page shows one round; a press that arrives after the room moved on (a second tab, a
    late click) must not lock or reveal the next round instead.

    Attributes:
        field: ``round_number``.
        round_number: The round the action was for.
        current: The room's current round.
    """

    def __init__(self, round_number: int, current: int):
        super().__init__(
            "round_number",
            f"round {round_number} is no longer the current round: round {current} is under "
            "way (another tab or a late click?); nothing changed",
        )
        self.round_number = round_number
        self.current = current


class NotAllowed(WorkshopError, PermissionError):
    """A wrong facilitator key, or a participant token this room does not know.

    Also a PermissionError, as it always was; a WorkshopError so that one ``except`` catches
    every error of the store.

    Attributes:
        field: ``facilitator_key`` or ``participant_token``.
    """


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
    """

    participant_id: int
    display_name: str
    round_number: int
    forecast: float
    refusing_layer: int | None
    params: dict[str, Any]
    results: dict[str, Any] | None
    submitted_at: datetime


metadata = MetaData()

schema_version = Table(
    "workshop_schema_version", metadata, Column("version", Integer, nullable=False)
)
rooms = Table(
    "workshop_rooms",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("join_code", String(JOIN_CODE_LENGTH), nullable=False, unique=True),
    Column("title", String(MAX_TITLE_CHARS), nullable=False),
    Column("preset", String(MAX_TITLE_CHARS), nullable=False),
    Column("allowed_params", Text, nullable=False),  # JSON list of names
    Column("base_overrides", Text, nullable=False),  # JSON object
    Column("facilitator_key_hash", String(64), nullable=False),
    Column("created_at", DateTime(timezone=True), nullable=False),
)
rounds = Table(
    "workshop_rounds",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("room_id", ForeignKey("workshop_rooms.id"), nullable=False),
    Column("number", Integer, nullable=False),
    Column("overrides", Text, nullable=False),  # JSON object
    Column("inject", Text, nullable=False),  # JSON object
    Column("announcement", Text, nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("locked_at", DateTime(timezone=True)),
    Column("revealed_at", DateTime(timezone=True)),
    UniqueConstraint("room_id", "number"),
)
participants = Table(
    "workshop_participants",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("room_id", ForeignKey("workshop_rooms.id"), nullable=False),
    Column("display_name", String(MAX_NAME_CHARS), nullable=False),
    Column("token_hash", String(64), nullable=False, unique=True),
    Column("joined_at", DateTime(timezone=True), nullable=False),
)
submissions = Table(
    "workshop_submissions",
    metadata,
    Column("id", Integer, primary_key=True),
    Column("round_id", ForeignKey("workshop_rounds.id"), nullable=False),
    Column("participant_id", ForeignKey("workshop_participants.id"), nullable=False),
    Column("forecast", Float, nullable=False),
    Column("refusing_layer", Integer),
    Column("params", Text, nullable=False),  # JSON object
    Column("results", Text),  # JSON object, set by reveal
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "participant_id"),
)


def default_data_dir() -> Path:
    """The folder of the default SQLite file, kept across restarts so rooms survive them.

    $WORKSHOP_DATA_DIR, else ``data/`` of a source checkout (git-ignored), else, for an
    installed copy, the user's data folder: never site-packages, which an upgrade replaces
    and which may be read-only. That is $XDG_DATA_HOME/escalation-sim, by default
    ~/.local/share/escalation-sim.
    """
    if chosen := os.environ.get("WORKSHOP_DATA_DIR"):
        return Path(chosen)
    if (REPO_ROOT / "pyproject.toml").is_file():
        return REPO_ROOT / "data"
    user_data = Path(os.environ.get("XDG_DATA_HOME") or "")
    if not user_data.is_absolute():  # unset or relative: the XDG default
        user_data = Path.home() / ".local" / "share"
    return user_data / "escalation-sim"


def database_url(url: str | None = None) -> str:
    """Return the database to use: ``url``, else $WORKSHOP_DATABASE_URL, else a SQLite file.

    The SQLite file is ``workshop.db`` in `default_data_dir`.
    """
    if url:
        return url
    if env_url := os.environ.get("WORKSHOP_DATABASE_URL"):
        return env_url
    return f"sqlite:///{default_data_dir().resolve() / 'workshop.db'}"


class WorkshopStore:
    """Rooms, rounds, participants and submissions in one database.

    Safe to share between threads: create one per process (e.g. in ``st.cache_resource``).
    Every method runs in its own short transaction, so Streamlit sessions can call it at once.
    """

    def __init__(self, url: str | None = None):
        """Open the database (see `database_url`), creating its tables on first use."""
        self._engine = _create_engine(database_url(url))
        # Writes begin with BEGIN IMMEDIATE on SQLite (see _create_engine); ignored elsewhere.
        self._writer = self._engine.execution_options(workshop_write=True)
        try:
            self._create_schema()
        except BaseException:
            self._engine.dispose()
            raise

    def close(self) -> None:
        """Close the pooled connections (the data stay in the database)."""
        self._engine.dispose()

    # --- Facilitator -----------------------------------------------------------------------

    def create_room(
        self,
        title: str,
        preset: str,
        allowed_params: Iterable[str],
        base_overrides: Mapping[str, Any] | None = None,
    ) -> tuple[Room, str]:
        """Create a room and its round 1.

        Returns:
            The room and the facilitator key. Show the key once: only its hash is stored, and
            every facilitator action needs it.

        Raises:
            WorkshopError: naming a bad title, a preset that is not one of
                ``simulator.model.scenario.list_presets()``, or a bad parameter name or value.
        """
        title = _text("title", title, MAX_TITLE_CHARS)
        preset = _preset(preset)
        if isinstance(allowed_params, str | bytes | Mapping) or not isinstance(
            allowed_params, Iterable
        ):
            raise WorkshopError("allowed_params", "expected a list of parameter names")
        allowed = list(dict.fromkeys(_parameter_names("allowed_params", list(allowed_params))))
        for name in allowed:
            with _parameter_errors():
                lookup(name)
        overrides = _checked_overrides(
            "base_overrides", {} if base_overrides is None else base_overrides
        )
        key = secrets.token_urlsafe(SECRET_BYTES)
        now = _now()
        with self._writer.begin() as conn:
            room_id = conn.execute(
                insert(rooms).values(
                    join_code=_new_join_code(conn),
                    title=title,
                    preset=preset,
                    allowed_params=_json(allowed),
                    base_overrides=_json(overrides),
                    facilitator_key_hash=_digest(key),
                    created_at=now,
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(rounds).values(
                    room_id=room_id,
                    number=1,
                    overrides=_json(overrides),
                    inject="{}",
                    announcement="",
                    started_at=now,
                )
            )
            room = conn.execute(select(rooms).where(rooms.c.id == room_id)).one()
        return _to_room(room), key

    def check_facilitator_key(self, code: str, key: str) -> Room:
        """Return the room if ``key`` is its facilitator key (for a facilitator page's reload).

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the key is wrong.
        """
        with self._engine.connect() as conn:
            return _to_room(_facilitator_room(conn, code, key))

    def lock_round(self, code: str, key: str, round_number: int) -> Round:
        """Close round ``round_number``, the current one, to submissions (again is harmless).

        ``round_number`` is the round the facilitator's page shows, as in `start_next_round`.

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the key is wrong.
            RoundMovedOn: the room is past that round; nothing changes.
            WorkshopError: the room has no such round.
        """
        round_number = _round_number(round_number)
        with self._writer.begin() as conn:
            room = _facilitator_room(conn, code, key, for_update=True)
            return _to_round(room, _lock(conn, _shown_round_row(conn, room, round_number)))

    def reveal(
        self,
        code: str,
        key: str,
        round_number: int,
        compute: Callable[[Round, list[Submission]], Mapping[int, Mapping[str, Any]]],
    ) -> Round:
        """Lock round ``round_number`` (the current one), compute everyone's results, store them.

        ``round_number`` is the round the facilitator's page shows: a press from a page left
        behind must not reveal the next round with the few answers it has so far.

        ``compute(round, submissions)`` returns results keyed by ``participant_id``; a
        participant it leaves out gets ``results=None``. It runs between two transactions: a
        simulation taking seconds must not hold the SQLite write lock that every other
        submission waits for, and the locked round cannot change meanwhile. Revealing again
        recomputes and replaces all the round's results.

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the key is wrong (``compute`` is not called).
            RoundMovedOn: the room is past that round (``compute`` is not called).
            WorkshopError: the room has no such round, or ``compute`` returned results for
                someone with no submission in the round, or results that are not JSON;
                nothing is stored.
        """
        round_number = _round_number(round_number)
        with self._writer.begin() as conn:
            room = _facilitator_room(conn, code, key, for_update=True)
            round_row = _lock(conn, _shown_round_row(conn, room, round_number))
            board = _submissions(conn, round_row.id)
        results = compute(_to_round(room, round_row), board)
        if strangers := set(results) - {s.participant_id for s in board}:
            raise WorkshopError(
                "results",
                f"participant ids {sorted(strangers)} have no submission "
                f"in round {round_row.number}",
            )
        encoded = {pid: _json(value, field="results") for pid, value in results.items()}
        with self._writer.begin() as conn:
            conn.execute(
                update(submissions)
                .where(submissions.c.round_id == round_row.id)
                .values(results=None)
            )
            for participant_id, text in encoded.items():
                conn.execute(
                    update(submissions)
                    .where(submissions.c.round_id == round_row.id)
                    .where(submissions.c.participant_id == participant_id)
                    .values(results=text)
                )
            conn.execute(
                update(rounds).where(rounds.c.id == round_row.id).values(revealed_at=_now())
            )
            return _to_round(room, _round_row(conn, room, round_row.number))

    def start_next_round(
        self,
        code: str,
        key: str,
        round_number: int,
        inject: Mapping[str, Any] | None = None,
        announcement: str = "",
    ) -> Round:
        """Lock round ``round_number``, the current one, and open the next, maybe with an inject.

        The inject is applied on top of the current round's overrides, so injects accumulate
        over the rounds (a later inject can set a value back). Under ``events`` it may
        schedule events: a list of mappings ``{kind, side?, week | date, size?, label?}`` as
        a scenario file writes them (``simulator.model.events``). They are added to the events of
        the earlier rounds, never replace them: what happened stays in the story.

        ``round_number`` is the round the facilitator's page shows, as in `submit`: two presses
        of "start round N+1" (a double click, a retry after a slow answer, a second tab) arrive
        with the same number, and only the first opens a round. A repeat of the same request
        (same inject and announcement) changes nothing and returns the round the first one
        opened: the facilitator asked once for round N+1 and got it, so an error would wrongly
        tell them it failed, and a second new round would skip past round N+1 empty and locked.
        A request that differs (another tab, another inject) is refused with RoundMovedOn
        rather than dropped silently: its inject was never applied.

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the key is wrong.
            RoundMovedOn: the room is past that round (and the request is not a repeat of the
                one that moved it on); nothing changes.
            WorkshopError: naming ``round_number`` if the room has no such round, else an
                unknown parameter, a value out of range, a bad event (``events[0].week``:
                outside the horizon, ...), a horizon that leaves an event already scheduled
                outside it (``horizon_weeks``), or a bad announcement; nothing changes.
        """
        round_number = _round_number(round_number)
        announcement = _text(
            "announcement", announcement, MAX_ANNOUNCEMENT_CHARS, min_chars=0, multiline=True
        )
        inject = {} if inject is None else inject
        scheduled = None
        if isinstance(inject, Mapping) and EVENTS_KEY in inject:
            scheduled = inject[EVENTS_KEY]
            inject = {name: value for name, value in inject.items() if name != EVENTS_KEY}
        with self._writer.begin() as conn:
            # The room's row lock (PostgreSQL; BEGIN IMMEDIATE on SQLite) serialises two
            # presses: the second reads the round the first opened.
            room = _facilitator_room(conn, code, key, for_update=True)
            previous = _round_row(conn, room, round_number)
            base = json.loads(previous.overrides)
            earlier = base.pop(EVENTS_KEY, [])
            added = _checked_overrides("inject", inject, base)
            new_events = _checked_events(scheduled, room.preset, {**base, **added}, earlier)
            if new_events:
                added[EVENTS_KEY] = new_events
            current = _current_round_row(conn, room.id)
            if current.number != previous.number:
                if (
                    current.number == previous.number + 1
                    and current.inject == _json(added)
                    and current.announcement == announcement
                ):
                    return _to_round(room, current)  # the same press again: already done
                raise RoundMovedOn(previous.number, current.number)
            if previous.number >= MAX_ROUNDS:
                raise WorkshopError("round_number", f"a room has at most {MAX_ROUNDS} rounds")
            _lock(conn, previous)
            # The round's events live in its overrides' JSON, under ``events``: earlier rounds'
            # first, then this inject's (``_to_round`` hands them out as ``Round.events``).
            overrides = {**base, **added}
            if earlier or new_events:
                overrides[EVENTS_KEY] = [*earlier, *new_events]
            conn.execute(
                insert(rounds).values(
                    room_id=room.id,
                    number=previous.number + 1,
                    overrides=_json(overrides),
                    inject=_json(added),
                    announcement=announcement,
                    started_at=_now(),
                )
            )
            return _to_round(room, _round_row(conn, room, previous.number + 1))

    # --- Participants ----------------------------------------------------------------------

    def join(self, code: str, display_name: str) -> tuple[Participant, str]:
        """Add a participant to a room.

        Returns:
            The participant and their token. Put the token in their URL: a reload finds them
            again with `participant`; only its hash is stored.

        Raises:
            RoomNotFound: no room has this code.
            WorkshopError: the display name is empty, longer than 40 characters, or holds
                control characters or lone surrogates. Names are stored as given (``<``,
                ``&`` and quotes included): show them as text, escaped once for the medium.
        """
        name = _text("display_name", display_name, MAX_NAME_CHARS)
        token = secrets.token_urlsafe(SECRET_BYTES)
        with self._writer.begin() as conn:
            room = _room_row(conn, code)
            participant_id = conn.execute(
                insert(participants).values(
                    room_id=room.id, display_name=name, token_hash=_digest(token), joined_at=_now()
                )
            ).inserted_primary_key[0]
        return Participant(participant_id, room.join_code, name), token

    def participant(self, code: str, token: str) -> Participant:
        """Find a participant again by their token (after a reload).

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the token is unknown in this room.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            row = _participant_row(conn, room, token)
        return Participant(row.id, room.join_code, row.display_name)

    def submit(
        self,
        code: str,
        token: str,
        round_number: int,
        forecast: float,
        refusing_layer: int | None = None,
        params: Mapping[str, Any] | None = None,
    ) -> Submission:
        """Store the participant's answer for a round, replacing their earlier one.

        ``round_number`` is the round the participant's page shows: if the facilitator moved
        on meanwhile, the answer is refused rather than filed under a round its author never
        saw. Parameters left out of ``params`` keep the round's values.

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the token is unknown in this room.
            RoundLocked: the round is locked.
            WorkshopError: naming the field at fault (``forecast`` not from 0 to 1,
                ``refusing_layer`` not a whole number from 1 to 10, a parameter the room does
                not allow or a value out of its range, ``round_number`` that does not exist);
                nothing stored changes.
        """
        round_number = _round_number(round_number)
        forecast = _forecast(forecast)
        refusing_layer = _refusing_layer(refusing_layer)
        params = {} if params is None else params
        with self._writer.begin() as conn:
            room = _room_row(conn, code)
            # Locking the participant's row serialises their own submissions (a double click),
            # so the select-then-insert below cannot insert twice; sharing the round's row
            # makes lock_round wait for submissions in flight. SQLite ignores both: its
            # BEGIN IMMEDIATE already serialises writers.
            participant = _participant_row(conn, room, token, for_update=True)
            round_row = _round_row(conn, room, round_number, for_share=True)
            if round_row.locked_at is not None:
                raise RoundLocked(
                    "round_number", f"round {round_row.number} is locked: submissions are closed"
                )
            checked = _checked_submission_params(room, round_row, params)
            values = dict(
                forecast=forecast,
                refusing_layer=refusing_layer,
                params=_json(checked),
                submitted_at=_now(),
            )
            existing = conn.scalar(
                select(submissions.c.id)
                .where(submissions.c.round_id == round_row.id)
                .where(submissions.c.participant_id == participant.id)
            )
            if existing is None:
                conn.execute(
                    insert(submissions).values(
                        round_id=round_row.id, participant_id=participant.id, **values
                    )
                )
            else:
                conn.execute(
                    update(submissions).where(submissions.c.id == existing).values(**values)
                )
            return _submissions(conn, round_row.id, participant.id)[0]

    def own_submission(
        self, code: str, token: str, round_number: int | None = None
    ) -> Submission | None:
        """Return the participant's answer in a round (default: the current one), if any.

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the token is unknown in this room.
            WorkshopError: the round does not exist.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            participant = _participant_row(conn, room, token)
            round_row = _round_row(conn, room, round_number)
            found = _submissions(conn, round_row.id, participant.id)
        return found[0] if found else None

    # --- Reads for everyone ----------------------------------------------------------------

    def room(self, code: str) -> Room:
        """Return the room with this join code (case, spaces and dashes are ignored).

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            return _to_room(_room_row(conn, code))

    def current_round(self, code: str) -> Round:
        """Return the room's latest round.

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            return _to_round(room, _current_round_row(conn, room.id))

    def all_rounds(self, code: str) -> list[Round]:
        """Return every round of the room, first to current (for the board and the report).

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            found = conn.execute(
                select(rounds).where(rounds.c.room_id == room.id).order_by(rounds.c.number)
            ).all()
        return [_to_round(room, row) for row in found]

    def participant_count(self, code: str) -> int:
        """Return how many people joined the room (for "12 of 30 submitted").

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            return conn.scalar(
                select(func.count())
                .select_from(participants)
                .where(participants.c.room_id == room.id)
            )

    def submission_count(self, code: str) -> int:
        """Return how many participants have answered in the current round.

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            round_row = _current_round_row(conn, room.id)
            return conn.scalar(
                select(func.count())
                .select_from(submissions)
                .where(submissions.c.round_id == round_row.id)
            )

    def answered(self, code: str) -> tuple[list[str], list[str]]:
        """Return who has answered in the current round and who has not, by display name.

        Names only (never an answer), in joining order: for the facilitator's view.

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            round_row = _current_round_row(conn, room.id)
            done = (
                select(submissions.c.participant_id)
                .where(submissions.c.round_id == round_row.id)
                .scalar_subquery()
            )
            found = conn.execute(
                select(participants.c.display_name, participants.c.id.in_(done))
                .where(participants.c.room_id == room.id)
                .order_by(participants.c.id)
            ).all()
        return [n for n, has in found if has], [n for n, has in found if not has]

    def submissions(self, code: str, round_number: int | None = None) -> list[Submission]:
        """Return every answer in a round (default: the current one), in joining order.

        Raises:
            RoomNotFound: no room has this code.
            WorkshopError: the round does not exist.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            return _submissions(conn, _round_row(conn, room, round_number).id)

    def export_rows(self, code: str) -> list[dict[str, Any]]:
        """Return one row per submission over all rounds, flat and ready for a CSV writer.

        Parameters, round overrides and results are JSON text; times are ISO 8601 in UTC.

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = _room_row(conn, code)
            rows = conn.execute(
                select(
                    rounds.c.number,
                    rounds.c.overrides,
                    participants.c.display_name,
                    submissions.c.forecast,
                    submissions.c.refusing_layer,
                    submissions.c.params,
                    submissions.c.results,
                    submissions.c.submitted_at,
                )
                .join(rounds, submissions.c.round_id == rounds.c.id)
                .join(participants, submissions.c.participant_id == participants.c.id)
                .where(rounds.c.room_id == room.id)
                .order_by(rounds.c.number, participants.c.id)
            ).all()
        return [
            {
                "room": room.join_code,
                "title": room.title,
                "preset": room.preset,
                "round": row.number,
                "round_overrides": row.overrides,
                "participant": row.display_name,
                "forecast": row.forecast,
                "refusing_layer": row.refusing_layer,
                "params": row.params,
                "results": row.results,
                "submitted_at": _utc(row.submitted_at).isoformat(),
            }
            for row in rows
        ]

    def _create_schema(self) -> None:
        """Create missing tables and record the schema version, so later code can migrate."""
        with self._writer.begin() as conn:
            if conn.dialect.name == "postgresql":
                # Two app processes starting on an empty database would both CREATE TABLE.
                conn.exec_driver_sql("SELECT pg_advisory_xact_lock(20261101)")
            metadata.create_all(conn)
            found = conn.scalar(select(schema_version.c.version))
            if found is None:
                conn.execute(insert(schema_version).values(version=SCHEMA_VERSION))
            elif found != SCHEMA_VERSION:
                raise RuntimeError(
                    f"the workshop database has schema version {found}; this code reads "
                    f"version {SCHEMA_VERSION} and has no migration for it"
                )


def _create_engine(url: str) -> Engine:
    """Return an engine for ``url``; for SQLite, a file in WAL mode with a busy timeout."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        return create_engine(parsed, pool_pre_ping=True)
    Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_engine(parsed)

    @event.listens_for(engine, "connect")
    def _configure(dbapi_connection, _record) -> None:
        # Turn off the driver's own BEGIN: _begin below issues it.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        # A transaction that reads and then writes fails at once with "database is locked" if
        # another writer committed in between; the busy timeout does not apply there. Writes
        # therefore take the write lock up front and queue on the busy timeout. Reads stay
        # deferred and never wait (WAL).
        write = conn.get_execution_options().get("workshop_write")
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


# --- Checks ------------------------------------------------------------------------------------


def _text(
    field: str, value: Any, max_chars: int, *, min_chars: int = 1, multiline: bool = False
) -> str:
    """Return ``value`` stripped, or raise WorkshopError if its length or characters are bad."""
    if not isinstance(value, str):
        raise WorkshopError(field, f"expected text, got {type(value).__name__}")
    text = value.strip()
    if not min_chars <= len(text) <= max_chars:
        raise WorkshopError(field, f"needs {min_chars} to {max_chars} characters, got {len(text)}")
    # Control characters break CSV exports and layouts; PostgreSQL cannot store NUL at all.
    line_breaks = "\r\n\t" if multiline else ""
    if any(unicodedata.category(c) == "Cc" and c not in line_breaks for c in text):
        raise WorkshopError(field, "contains control characters")
    # A lone surrogate (half of a UTF-16 pair) is not a character: no UTF-8 text can hold it.
    if any(unicodedata.category(c) == "Cs" for c in text):
        raise WorkshopError(field, "contains a lone surrogate, which is not valid Unicode text")
    return text


def _preset(value: Any) -> str:
    """Return the preset's name, or raise WorkshopError unless it is one the app ships."""
    name = _text("preset", value, MAX_TITLE_CHARS)
    known = list_presets()
    if name not in known:
        raise WorkshopError(
            "preset", f"unknown preset {shown(name)}; choose one of: {', '.join(known)}"
        )
    return name


def _round_number(value: Any) -> int:
    """Return the round number, or raise WorkshopError unless it is a whole number in range."""
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_ROUNDS:
        raise WorkshopError(
            "round_number", f"expected a whole number from 1 to {MAX_ROUNDS}, got {shown(value)}"
        )
    return value


def _forecast(value: Any) -> float:
    """Return the forecast as a float, or raise WorkshopError unless it is a number 0 to 1.

    -0.0 becomes 0.0: PostgreSQL would store the sign and SQLite drop it, so the same answer
    would read back differently on the two.
    """
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= 1:
        raise WorkshopError("forecast", f"{shown(value)} is not a probability from 0 to 1")
    return float(value) + 0.0  # -0.0 + 0.0 is 0.0


def _refusing_layer(value: Any) -> int | None:
    """Return the guessed layer, or raise WorkshopError unless it is None or 1..MAX_LAYERS."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= MAX_LAYERS:
        raise WorkshopError(
            "refusing_layer",
            f"{shown(value)} is not a whole number from 1 to {MAX_LAYERS} (or none)",
        )
    return value


@contextmanager
def _parameter_errors() -> Iterator[None]:
    """Turn the schema's ParameterError into a WorkshopError naming the same parameter."""
    try:
        yield
    except ParameterError as error:
        message = str(error).removeprefix(f"{error.field}: ")
        raise WorkshopError(error.field, message) from None


def _checked_overrides(
    field: str, overrides: Any, base: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """Return ``overrides`` checked and converted by the schema, on top of ``base`` overrides.

    Raises:
        WorkshopError: naming ``field`` if ``overrides`` is not a mapping, else the unknown
            parameter or the value out of range.
    """
    if not isinstance(overrides, Mapping):
        raise WorkshopError(field, "expected a mapping of parameter names to values")
    overrides = dict(zip(_parameter_names(field, list(overrides)), overrides.values(), strict=True))
    with _parameter_errors():
        for name in overrides:
            lookup(name)
    for name, value in overrides.items():
        _parameter_value(name, value)
    with _parameter_errors():
        values = validate(overrides, base=validate(base or {}))
    return {name: values[name] for name in overrides}


def _parameter_names(field: str, names: list[Any]) -> list[str]:
    """Return ``names`` if each is text a parameter name could be; else raise WorkshopError."""
    for name in names:
        if not isinstance(name, str):
            raise WorkshopError(field, f"parameter names are text, got {shown(name)}")
        if not 1 <= len(name) <= MAX_TITLE_CHARS:
            raise WorkshopError(field, f"no parameter is called {shown(name)}")
    return names


def _parameter_value(name: str, value: Any, per_layer: bool = True) -> None:
    """Raise WorkshopError naming the parameter unless ``value`` is a plausible value.

    The schema converts and range-checks what passes; this only keeps out what it cannot
    handle: whole numbers too large for a float, long text, and anything but numbers, text
    and (for per-layer values) a list of those.
    """
    if per_layer and isinstance(value, list | tuple):
        for item in value:
            _parameter_value(name, item, per_layer=False)
        return
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise WorkshopError(name, f"expected a number, got {shown(value)}")
    if isinstance(value, int) and abs(value) > MAX_PARAMETER_INT:
        raise WorkshopError(name, f"{shown(value)} is out of range; expected {_range(name)}")
    if isinstance(value, str) and len(value) > MAX_PARAMETER_TEXT_CHARS:
        raise WorkshopError(name, f"{shown(value)} is not a number; expected {_range(name)}")


def _range(name: str) -> str:
    """The (known) parameter's range in words."""
    return lookup(name).range_text


def _checked_events(
    value: Any, preset: str, overrides: Mapping[str, Any], earlier: list[dict]
) -> list[dict]:
    """Return an inject's events checked by the simulator, as a scenario file writes them.

    ``overrides`` are the next round's parameters (the horizon may be injected too) and
    ``earlier`` the events already scheduled by earlier rounds; with the preset's own, they
    must all still fit the horizon. The checks are the simulator's (``params.validate``,
    which reads events as a scenario's), so an inject is refused exactly where a scenario
    file would be, naming the same field (``events[0].week``).

    Raises:
        WorkshopError: naming the event's field; ``events`` if there are too many in all;
            ``horizon_weeks`` if the (injected) horizon leaves an event already scheduled
            outside it.
    """
    if value is None and not earlier and "horizon_weeks" not in overrides:
        return []  # nothing new, and nothing already scheduled could stop fitting
    own = load(preset)
    horizon = overrides.get("horizon_weeks", own.parameters["horizon_weeks"])
    entries = _event_entries(value)
    with _parameter_errors():
        checked = validate({"horizon_weeks": horizon, EVENTS_KEY: entries})[EVENTS_KEY]
    try:
        validate({"horizon_weeks": horizon, EVENTS_KEY: [*own.events, *earlier, *checked]})
    except ParameterError as error:
        if error.field == EVENTS_KEY:  # too many in all
            raise WorkshopError(EVENTS_KEY, str(error).removeprefix(f"{EVENTS_KEY}: ")
                                + " (with the preset's and the earlier rounds')") from None
        raise WorkshopError(
            "horizon_weeks",
            f"{horizon} weeks leaves an event already scheduled (by the preset or an earlier "
            f"round) outside the horizon; keep at least "
            f"{1 + max(e.week for e in (*own.events, *_events(earlier)))} weeks",
        ) from None
    return as_entries(checked)


def _event_entries(value: Any) -> list:
    """Return ``value`` as a list of events, refusing what JSON or a page cannot hold.

    The simulator checks kinds, sides, weeks and sizes; this keeps out what it has no need
    to see: huge numbers or texts, and labels with control characters (a label is shown as
    text on every view).
    """
    if value is None:
        return []
    if not isinstance(value, list | tuple):
        raise WorkshopError(EVENTS_KEY, f"{shown(value)} is not a list of events; expected "
                                        "e.g. [{kind: encirclement, week: 8}]")
    for index, entry in enumerate(value):
        if not isinstance(entry, Mapping):
            continue  # the simulator names it
        for key, item in entry.items():
            where = f"{EVENTS_KEY}[{index}].{key}"
            if key == "label" and item is not None:
                _text(where, item, 200, min_chars=0)
            elif isinstance(item, int) and not isinstance(item, bool) and (
                    abs(item) > MAX_PARAMETER_INT):
                raise WorkshopError(where, f"{shown(item)} is out of range")
            elif isinstance(item, str) and len(item) > MAX_PARAMETER_TEXT_CHARS:
                raise WorkshopError(where, f"{shown(item)} is too long")
    return [dict(entry) if isinstance(entry, Mapping) else entry for entry in value]


def _events(entries: list[dict]) -> tuple[Event, ...]:
    """Stored events (as a scenario file writes them) as the model reads them."""
    return tuple(Event(e["week"], e["kind"], e["side"], e.get("size"), e.get("label", ""))
                 for e in entries)


def _checked_submission_params(
    room: Row, round_row: Row, params: Mapping[str, Any]
) -> dict[str, Any]:
    """Return a participant's parameter values, checked against the room and the schema."""
    if not isinstance(params, Mapping):
        raise WorkshopError("params", "expected a mapping of parameter names to values")
    allowed = json.loads(room.allowed_params)
    for name in _parameter_names("params", list(params)):
        if name not in allowed:
            raise WorkshopError(
                name,
                "participants may not change this parameter in this room; allowed: "
                + (", ".join(allowed) or "none"),
            )
    # The round's events are not checked against a participant's own horizon: one after it
    # cannot change anything within it (``simulator.workshop.results.participant_scenario``).
    base = json.loads(round_row.overrides)
    base.pop(EVENTS_KEY, None)
    return _checked_overrides("params", params, base)


# --- Rows --------------------------------------------------------------------------------------


def _room_row(conn: Connection, code: Any, for_update: bool = False) -> Row:
    """Return the room's row; ``code`` may be typed in lower case, with spaces or a dash.

    Anything that cannot be a join code (wrong length or characters, NUL, not text) is not
    looked up: no room has it.
    """
    normalized = "".join(code.split()).replace("-", "").upper() if isinstance(code, str) else ""
    if len(normalized) != JOIN_CODE_LENGTH or not set(normalized) <= set(JOIN_CODE_ALPHABET):
        raise RoomNotFound("join_code", f"no room has the code {shown(code, 30)}")
    query = select(rooms).where(rooms.c.join_code == normalized)
    row = conn.execute(query.with_for_update() if for_update else query).one_or_none()
    if row is None:
        raise RoomNotFound("join_code", f"no room has the code {shown(code, 30)}")
    return row


def _facilitator_room(conn: Connection, code: str, key: Any, for_update: bool = False) -> Row:
    """Return the room's row if ``key`` is its facilitator key; else raise NotAllowed.

    ``for_update`` serialises facilitator actions on one room (a double click on "next round").
    """
    room = _room_row(conn, code, for_update)
    if not _is_secret(key) or not hmac.compare_digest(_digest(key), room.facilitator_key_hash):
        raise NotAllowed("facilitator_key", f"wrong facilitator key for room {room.join_code}")
    return room


def _participant_row(conn: Connection, room: Row, token: Any, for_update: bool = False) -> Row:
    """Return the row of the room's participant with this token; else raise NotAllowed."""
    if not isinstance(token, str):
        raise NotAllowed("participant_token", "missing participant token")
    if not _is_secret(token):
        raise NotAllowed(
            "participant_token", f"unknown participant in room {room.join_code}: join again"
        )
    query = (
        select(participants)
        .where(participants.c.room_id == room.id)
        .where(participants.c.token_hash == _digest(token))
    )
    row = conn.execute(query.with_for_update() if for_update else query).one_or_none()
    if row is None:
        raise NotAllowed(
            "participant_token", f"unknown participant in room {room.join_code}: join again"
        )
    return row


def _current_round_row(conn: Connection, room_id: int) -> Row:
    """Return the room's latest round (every room has round 1 from its creation)."""
    return conn.execute(
        select(rounds).where(rounds.c.room_id == room_id).order_by(rounds.c.number.desc()).limit(1)
    ).one()


def _round_row(conn: Connection, room: Row, number: int | None, for_share: bool = False) -> Row:
    """Return round ``number`` of the room (None: the current round)."""
    if number is None:
        return _current_round_row(conn, room.id)
    number = _round_number(number)
    query = select(rounds).where(rounds.c.room_id == room.id).where(rounds.c.number == number)
    row = conn.execute(query.with_for_update(read=True) if for_share else query).one_or_none()
    if row is None:
        raise WorkshopError("round_number", f"room {room.join_code} has no round {number}")
    return row


def _shown_round_row(conn: Connection, room: Row, number: int) -> Row:
    """Return round ``number`` if it is the room's current round; else raise RoundMovedOn.

    Call it with the room's row locked (``_facilitator_room(for_update=True)``): the check and
    the change it guards are then one step, as no other facilitator action can come between.
    """
    shown = _round_row(conn, room, number)
    current = _current_round_row(conn, room.id)
    if current.number != shown.number:
        raise RoundMovedOn(shown.number, current.number)
    return current


def _lock(conn: Connection, round_row: Row) -> Row:
    """Lock the round if it is open; return its row as now stored."""
    if round_row.locked_at is None:
        conn.execute(update(rounds).where(rounds.c.id == round_row.id).values(locked_at=_now()))
    return conn.execute(select(rounds).where(rounds.c.id == round_row.id)).one()


def _submissions(
    conn: Connection, round_id: int, participant_id: int | None = None
) -> list[Submission]:
    """Return the round's submissions with display names (one participant's, if given)."""
    query = (
        select(
            submissions.c.participant_id,
            participants.c.display_name,
            rounds.c.number,
            submissions.c.forecast,
            submissions.c.refusing_layer,
            submissions.c.params,
            submissions.c.results,
            submissions.c.submitted_at,
        )
        .join(participants, submissions.c.participant_id == participants.c.id)
        .join(rounds, submissions.c.round_id == rounds.c.id)
        .where(submissions.c.round_id == round_id)
        .order_by(participants.c.id)
    )
    if participant_id is not None:
        query = query.where(submissions.c.participant_id == participant_id)
    return [
        Submission(
            participant_id=row.participant_id,
            display_name=row.display_name,
            round_number=row.number,
            forecast=row.forecast,
            refusing_layer=row.refusing_layer,
            params=json.loads(row.params),
            results=None if row.results is None else json.loads(row.results),
            submitted_at=_utc(row.submitted_at),
        )
        for row in conn.execute(query)
    ]


def _to_room(row: Row) -> Room:
    return Room(
        join_code=row.join_code,
        title=row.title,
        preset=row.preset,
        allowed_params=tuple(json.loads(row.allowed_params)),
        base_overrides=json.loads(row.base_overrides),
        created_at=_utc(row.created_at),
    )


def _to_round(room: Row, row: Row) -> Round:
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
        started_at=_utc(row.started_at),
        events=_events(scheduled),
    )


# --- Small helpers -----------------------------------------------------------------------------


def _new_join_code(conn: Connection) -> str:
    """Return a random join code no room uses yet."""
    while True:
        code = "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))
        if conn.scalar(select(rooms.c.id).where(rooms.c.join_code == code)) is None:
            return code


def _is_secret(value: Any) -> bool:
    """Whether ``value`` looks like a key or token this store issues (URL-safe, not too long).

    Anything else cannot match a stored hash: it is refused without hashing (a lone surrogate
    has no UTF-8 bytes to hash) and without a query.
    """
    return (
        isinstance(value, str)
        and 1 <= len(value) <= MAX_SECRET_CHARS
        and set(value) <= SECRET_ALPHABET
    )


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _json(value: Any, field: str = "params") -> str:
    """Encode ``value`` as strict JSON text (no NaN), the only form parameters are stored in."""
    try:
        return json.dumps(value, sort_keys=True, allow_nan=False)
    except (TypeError, ValueError) as error:
        raise WorkshopError(field, f"cannot be stored as JSON: {error}") from None


def _now() -> datetime:
    return datetime.now(UTC)


def _utc(moment: datetime) -> datetime:
    """Return ``moment`` as aware UTC: SQLite hands back the naive UTC time it was given."""
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
