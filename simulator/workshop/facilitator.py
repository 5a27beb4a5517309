"""What only the facilitator may do: create a room, lock a round, reveal it, start the next.

A mixin of `WorkshopStore` (which opens the database): every action takes the room's join
code and the facilitator key, and locks the room's row, so two presses (a double click, a
second tab) are serialised and the second sees what the first did.
"""

import json
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from sqlalchemy import Engine, insert, select, update

from simulator.model.events import EVENTS_KEY
from simulator.model.params import lookup
from simulator.model.scenario import load
from simulator.workshop import dated
from simulator.workshop.credentials import digest, new_secret
from simulator.workshop.errors import RoundMovedOn, WorkshopError
from simulator.workshop.records import (
    Room,
    Round,
    Submission,
    room_from_row,
    round_from_row,
    utc_now,
)
from simulator.workshop.rows import (
    current_round_row,
    facilitator_room_row,
    lock_round_row,
    new_join_code,
    round_row_by_number,
    round_submissions,
    shown_round_row,
)
from simulator.workshop.schema import rooms, rounds, submissions
from simulator.workshop.validation import (
    MAX_ANNOUNCEMENT_CHARS,
    MAX_ROUNDS,
    MAX_TITLE_CHARS,
    checked_events,
    checked_overrides,
    checked_parameter_names,
    checked_preset,
    checked_round_number,
    checked_text,
    json_text,
    parameter_errors,
)


class FacilitatorActions:
    """The facilitator's half of `WorkshopStore`: a new room and its key, the actions with it."""

    _engine: Engine  # reads
    _writer: Engine  # writes: BEGIN IMMEDIATE on SQLite (see ``database.engine_for``)

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
        title = checked_text("title", title, MAX_TITLE_CHARS)
        preset = checked_preset(preset)
        if isinstance(allowed_params, str | bytes | Mapping) or not isinstance(
            allowed_params, Iterable
        ):
            raise WorkshopError("allowed_params", "expected a list of parameter names")
        allowed = list(
            dict.fromkeys(checked_parameter_names("allowed_params", list(allowed_params)))
        )
        for name in allowed:
            with parameter_errors():
                lookup(name)
        overrides = checked_overrides(
            "base_overrides", {} if base_overrides is None else base_overrides
        )
        key = new_secret()
        now = utc_now()
        with self._writer.begin() as conn:
            room_id = conn.execute(
                insert(rooms).values(
                    join_code=new_join_code(conn),
                    title=title,
                    preset=preset,
                    allowed_params=json_text(allowed),
                    base_overrides=json_text(overrides),
                    facilitator_key_hash=digest(key),
                    created_at=now,
                )
            ).inserted_primary_key[0]
            conn.execute(
                insert(rounds).values(
                    room_id=room_id,
                    number=1,
                    overrides=json_text(overrides),
                    inject="{}",
                    announcement="",
                    started_at=now,
                )
            )
            room = conn.execute(select(rooms).where(rooms.c.id == room_id)).one()
        return room_from_row(room), key

    def check_facilitator_key(self, code: str, key: str) -> Room:
        """Return the room if ``key`` is its facilitator key (for a facilitator page's reload).

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the key is wrong.
        """
        with self._engine.connect() as conn:
            return room_from_row(facilitator_room_row(conn, code, key))

    def lock_round(self, code: str, key: str, round_number: int) -> Round:
        """Close round ``round_number``, the current one, to submissions (again is harmless).

        ``round_number`` is the round the facilitator's page shows, as in `start_next_round`.

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the key is wrong.
            RoundMovedOn: the room is past that round; nothing changes.
            WorkshopError: the room has no such round.
        """
        round_number = checked_round_number(round_number)
        with self._writer.begin() as conn:
            room = facilitator_room_row(conn, code, key, for_update=True)
            shown = shown_round_row(conn, room, round_number)
            return round_from_row(room, lock_round_row(conn, shown))

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
        round_number = checked_round_number(round_number)
        with self._writer.begin() as conn:
            room = facilitator_room_row(conn, code, key, for_update=True)
            round_row = lock_round_row(conn, shown_round_row(conn, room, round_number))
            board = round_submissions(conn, round_row.id)
        results = compute(round_from_row(room, round_row), board)
        if strangers := set(results) - {s.participant_id for s in board}:
            raise WorkshopError(
                "results",
                f"participant ids {sorted(strangers)} have no submission "
                f"in round {round_row.number}",
            )
        encoded = {pid: json_text(value, field="results") for pid, value in results.items()}
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
                update(rounds).where(rounds.c.id == round_row.id).values(revealed_at=utc_now())
            )
            return round_from_row(room, round_row_by_number(conn, room, round_row.number))

    def start_next_round(
        self,
        code: str,
        key: str,
        round_number: int,
        inject: Mapping[str, Any] | None = None,
        announcement: str = "",
        as_of: Any = None,
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

        ``as_of`` (a date or ISO text) sets the new round at a real day of the record
        (`simulator.workshop.dated`): participants forecast from it to the horizon's end, and
        the reveal adds the model given the record up to it. None: no date, as before.

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the key is wrong.
            RoundMovedOn: the room is past that round (and the request is not a repeat of the
                one that moved it on); nothing changes.
            WorkshopError: naming ``round_number`` if the room has no such round, else an
                unknown parameter, a value out of range, a bad event (``events[0].week``:
                outside the horizon, ...), a horizon that leaves an event already scheduled
                outside it (``horizon_weeks``), a bad announcement, or ``as_of`` not a date of
                the record within the horizon; nothing changes.
        """
        round_number = checked_round_number(round_number)
        announcement = checked_text(
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
            room = facilitator_room_row(conn, code, key, for_update=True)
            previous = round_row_by_number(conn, room, round_number)
            base = json.loads(previous.overrides)
            earlier = base.pop(EVENTS_KEY, [])
            added = checked_overrides("inject", inject, base)
            new_events = checked_events(scheduled, room.preset, {**base, **added}, earlier)
            if new_events:
                added[EVENTS_KEY] = new_events
            horizon = {**load(room.preset).parameters, **base, **added}["horizon_weeks"]
            day = dated.checked_date(as_of, int(horizon))
            current = current_round_row(conn, room.id)
            if current.number != previous.number:
                if (
                    current.number == previous.number + 1
                    and current.inject == json_text(added)
                    and current.announcement == announcement
                    and round_from_row(room, current).as_of == day
                ):
                    return round_from_row(room, current)  # the same press again: already done
                raise RoundMovedOn(previous.number, current.number)
            if previous.number >= MAX_ROUNDS:
                raise WorkshopError("round_number", f"a room has at most {MAX_ROUNDS} rounds")
            lock_round_row(conn, previous)
            # The round's events live in its overrides' JSON, under ``events``: earlier rounds'
            # first, then this inject's (``round_from_row`` hands them out as ``Round.events``).
            overrides = {**base, **added}
            if earlier or new_events:
                overrides[EVENTS_KEY] = [*earlier, *new_events]
            conn.execute(
                insert(rounds).values(
                    room_id=room.id,
                    number=previous.number + 1,
                    overrides=json_text(overrides),
                    inject=json_text(added),
                    announcement=announcement,
                    started_at=utc_now(),
                    as_of=day,
                )
            )
            return round_from_row(room, round_row_by_number(conn, room, previous.number + 1))
