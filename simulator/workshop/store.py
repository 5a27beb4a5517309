"""The service of Workshop mode: rooms, rounds, participants and submissions, for the UI.

`WorkshopStore` is the one way in. Each method is one short transaction: it checks the input
(``validation``), reads and locks the rows it needs (``rows``), writes, and hands back frozen
records (``records``), never rows. The facilitator's actions are in ``facilitator`` (a mixin
of `WorkshopStore`), the tables in ``schema``, the engine in ``database``, keys and tokens in
``credentials``, the errors in ``errors``.
"""

from collections.abc import Mapping
from typing import Any

from sqlalchemy import func, insert, select, update

from simulator.workshop.credentials import digest, new_secret
from simulator.workshop.database import database_url, engine_for
from simulator.workshop.errors import RoundLocked
from simulator.workshop.facilitator import FacilitatorActions
from simulator.workshop.records import (
    Participant,
    Room,
    Round,
    Submission,
    as_utc,
    room_from_row,
    round_from_row,
    utc_now,
)
from simulator.workshop.rows import (
    current_round_row,
    participant_row,
    room_row,
    round_row_by_number,
    round_submissions,
)
from simulator.workshop.schema import create_schema, participants, rounds, submissions
from simulator.workshop.validation import (
    MAX_NAME_CHARS,
    checked_forecast,
    checked_range,
    checked_refusing_layer,
    checked_round_number,
    checked_submission_params,
    checked_text,
    json_text,
)


class WorkshopStore(FacilitatorActions):
    """Rooms, rounds, participants and submissions in one database.

    Safe to share between threads: create one per process (e.g. in ``st.cache_resource``).
    Every method runs in its own short transaction, so Streamlit sessions can call it at once.
    """

    def __init__(self, url: str | None = None):
        """Open the database (see `database_url`), creating its tables on first use."""
        self._engine = engine_for(database_url(url))
        # Writes begin with BEGIN IMMEDIATE on SQLite (see engine_for); ignored elsewhere.
        self._writer = self._engine.execution_options(workshop_write=True)
        try:
            self._create_schema()
        except BaseException:
            self._engine.dispose()
            raise

    def close(self) -> None:
        """Close the pooled connections (the data stay in the database)."""
        self._engine.dispose()

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
        name = checked_text("display_name", display_name, MAX_NAME_CHARS)
        token = new_secret()
        with self._writer.begin() as conn:
            room = room_row(conn, code)
            participant_id = conn.execute(
                insert(participants).values(
                    room_id=room.id,
                    display_name=name,
                    token_hash=digest(token),
                    joined_at=utc_now(),
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
            room = room_row(conn, code)
            row = participant_row(conn, room, token)
        return Participant(row.id, room.join_code, row.display_name)

    def submit(
        self,
        code: str,
        token: str,
        round_number: int,
        forecast: float,
        refusing_layer: int | None = None,
        params: Mapping[str, Any] | None = None,
        forecast_low: float | None = None,
        forecast_high: float | None = None,
    ) -> Submission:
        """Store the participant's answer for a round, replacing their earlier one.

        ``round_number`` is the round the participant's page shows: if the facilitator moved
        on meanwhile, the answer is refused rather than filed under a round its author never
        saw. Parameters left out of ``params`` keep the round's values. ``forecast_low`` and
        ``forecast_high`` are the participant's optional plausible range (both or neither):
        their own uncertainty, which the reveal sets beside the model's intervals. An answer
        replaced without a range has none any more.

        Raises:
            RoomNotFound: no room has this code.
            NotAllowed: the token is unknown in this room.
            RoundLocked: the round is locked.
            WorkshopError: naming the field at fault (``forecast`` not from 0 to 1,
                ``refusing_layer`` not a whole number from 1 to 10, a parameter the room does
                not allow or a value out of its range, ``round_number`` that does not exist,
                ``forecast_low`` / ``forecast_high``: one end alone, not from 0 to 1, low above
                the forecast or high below it); nothing stored changes.
        """
        round_number = checked_round_number(round_number)
        forecast = checked_forecast(forecast)
        forecast_low, forecast_high = checked_range(forecast, forecast_low, forecast_high)
        refusing_layer = checked_refusing_layer(refusing_layer)
        params = {} if params is None else params
        with self._writer.begin() as conn:
            room = room_row(conn, code)
            # Locking the participant's row serialises their own submissions (a double click),
            # so the select-then-insert below cannot insert twice; sharing the round's row
            # makes lock_round wait for submissions in flight. SQLite ignores both: its
            # BEGIN IMMEDIATE already serialises writers.
            participant = participant_row(conn, room, token, for_update=True)
            round_row = round_row_by_number(conn, room, round_number, for_share=True)
            if round_row.locked_at is not None:
                raise RoundLocked(
                    "round_number", f"round {round_row.number} is locked: submissions are closed"
                )
            checked = checked_submission_params(room, round_row, params)
            values = dict(
                forecast=forecast,
                forecast_low=forecast_low,
                forecast_high=forecast_high,
                refusing_layer=refusing_layer,
                params=json_text(checked),
                submitted_at=utc_now(),
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
            return round_submissions(conn, round_row.id, participant.id)[0]

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
            room = room_row(conn, code)
            participant = participant_row(conn, room, token)
            round_row = round_row_by_number(conn, room, round_number)
            found = round_submissions(conn, round_row.id, participant.id)
        return found[0] if found else None

    # --- Reads for everyone ----------------------------------------------------------------

    def room(self, code: str) -> Room:
        """Return the room with this join code (case, spaces and dashes are ignored).

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            return room_from_row(room_row(conn, code))

    def current_round(self, code: str) -> Round:
        """Return the room's latest round.

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = room_row(conn, code)
            return round_from_row(room, current_round_row(conn, room.id))

    def room_state(self, code: str) -> tuple[int, bool, bool, str]:
        """The current round's number, locked, revealed and its reveal time, in one read.

        What a participant's page polls every few seconds to follow the room: cheap (one
        indexed query, no submission read), and it changes whenever the page must be redrawn
        (a lock, a reveal or a reveal again, a new round with its inject).

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = room_row(conn, code)
            row = conn.execute(
                select(rounds.c.number, rounds.c.locked_at, rounds.c.revealed_at)
                .where(rounds.c.room_id == room.id)
                .order_by(rounds.c.number.desc())
                .limit(1)
            ).one()
        revealed_at = "" if row.revealed_at is None else as_utc(row.revealed_at).isoformat()
        return row.number, row.locked_at is not None, row.revealed_at is not None, revealed_at

    def all_rounds(self, code: str) -> list[Round]:
        """Return every round of the room, first to current (for the board and the report).

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = room_row(conn, code)
            found = conn.execute(
                select(rounds).where(rounds.c.room_id == room.id).order_by(rounds.c.number)
            ).all()
        return [round_from_row(room, row) for row in found]

    def participant_count(self, code: str) -> int:
        """Return how many people joined the room (for "12 of 30 submitted").

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = room_row(conn, code)
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
            room = room_row(conn, code)
            round_row = current_round_row(conn, room.id)
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
            room = room_row(conn, code)
            round_row = current_round_row(conn, room.id)
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
            room = room_row(conn, code)
            return round_submissions(conn, round_row_by_number(conn, room, round_number).id)

    def export_rows(self, code: str) -> list[dict[str, Any]]:
        """Return one row per submission over all rounds, flat and ready for a CSV writer.

        Parameters, round overrides and results are JSON text; times are ISO 8601 in UTC;
        ``forecast_low`` and ``forecast_high`` are None for an answer without a range.

        Raises:
            RoomNotFound: no room has this code.
        """
        with self._engine.connect() as conn:
            room = room_row(conn, code)
            rows = conn.execute(
                select(
                    rounds.c.number,
                    rounds.c.overrides,
                    participants.c.display_name,
                    submissions.c.forecast,
                    submissions.c.forecast_low,
                    submissions.c.forecast_high,
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
                "forecast_low": row.forecast_low,
                "forecast_high": row.forecast_high,
                "refusing_layer": row.refusing_layer,
                "params": row.params,
                "results": row.results,
                "submitted_at": as_utc(row.submitted_at).isoformat(),
            }
            for row in rows
        ]

    def _create_schema(self) -> None:
        """Create missing tables and record the schema version, so later code can migrate."""
        with self._writer.begin() as conn:
            create_schema(conn)
