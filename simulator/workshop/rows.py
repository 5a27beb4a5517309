"""Reading and locking the rows of the workshop tables, for `WorkshopStore`'s transactions.

Each function takes the caller's connection, so the checks it makes (the key, the round
still current, ...) and the change the caller then makes are one transaction. The ``for_update``
and ``for_share`` locks matter on PostgreSQL; SQLite serialises writers with BEGIN IMMEDIATE.
"""

import json
from typing import Any

from sqlalchemy import Connection, Row, select, update

from simulator.errors import shown
from simulator.workshop.credentials import (
    JOIN_CODE_ALPHABET,
    JOIN_CODE_LENGTH,
    digest,
    is_secret,
    matches_hash,
    random_join_code,
)
from simulator.workshop.errors import NotAllowed, RoomNotFound, RoundMovedOn, WorkshopError
from simulator.workshop.records import Submission, as_utc, utc_now
from simulator.workshop.schema import participants, rooms, rounds, submissions
from simulator.workshop.validation import checked_round_number


def room_row(conn: Connection, code: Any, for_update: bool = False) -> Row:
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


def facilitator_room_row(conn: Connection, code: str, key: Any, for_update: bool = False) -> Row:
    """Return the room's row if ``key`` is its facilitator key; else raise NotAllowed.

    ``for_update`` serialises facilitator actions on one room (a double click on "next round").
    """
    room = room_row(conn, code, for_update)
    if not matches_hash(key, room.facilitator_key_hash):
        raise NotAllowed("facilitator_key", f"wrong facilitator key for room {room.join_code}")
    return room


def participant_row(conn: Connection, room: Row, token: Any, for_update: bool = False) -> Row:
    """Return the row of the room's participant with this token; else raise NotAllowed."""
    if not isinstance(token, str):
        raise NotAllowed("participant_token", "missing participant token")
    if not is_secret(token):
        raise NotAllowed(
            "participant_token", f"unknown participant in room {room.join_code}: join again"
        )
    query = (
        select(participants)
        .where(participants.c.room_id == room.id)
        .where(participants.c.token_hash == digest(token))
    )
    row = conn.execute(query.with_for_update() if for_update else query).one_or_none()
    if row is None:
        raise NotAllowed(
            "participant_token", f"unknown participant in room {room.join_code}: join again"
        )
    return row


def current_round_row(conn: Connection, room_id: int) -> Row:
    """Return the room's latest round (every room has round 1 from its creation)."""
    return conn.execute(
        select(rounds).where(rounds.c.room_id == room_id).order_by(rounds.c.number.desc()).limit(1)
    ).one()


def round_row_by_number(
    conn: Connection, room: Row, number: int | None, for_share: bool = False
) -> Row:
    """Return round ``number`` of the room (None: the current round)."""
    if number is None:
        return current_round_row(conn, room.id)
    number = checked_round_number(number)
    query = select(rounds).where(rounds.c.room_id == room.id).where(rounds.c.number == number)
    row = conn.execute(query.with_for_update(read=True) if for_share else query).one_or_none()
    if row is None:
        raise WorkshopError("round_number", f"room {room.join_code} has no round {number}")
    return row


def shown_round_row(conn: Connection, room: Row, number: int) -> Row:
    """Return round ``number`` if it is the room's current round; else raise RoundMovedOn.

    Call it with the room's row locked (``facilitator_room_row(for_update=True)``): the check and
    the change it guards are then one step, as no other facilitator action can come between.
    """
    shown = round_row_by_number(conn, room, number)
    current = current_round_row(conn, room.id)
    if current.number != shown.number:
        raise RoundMovedOn(shown.number, current.number)
    return current


def lock_round_row(conn: Connection, round_row: Row) -> Row:
    """Lock the round if it is open; return its row as now stored."""
    if round_row.locked_at is None:
        conn.execute(update(rounds).where(rounds.c.id == round_row.id).values(locked_at=utc_now()))
    return conn.execute(select(rounds).where(rounds.c.id == round_row.id)).one()


def round_submissions(
    conn: Connection, round_id: int, participant_id: int | None = None
) -> list[Submission]:
    """Return the round's submissions with display names (one participant's, if given)."""
    query = (
        select(
            submissions.c.participant_id,
            participants.c.display_name,
            rounds.c.number,
            submissions.c.forecast,
            submissions.c.forecast_low,
            submissions.c.forecast_high,
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
            submitted_at=as_utc(row.submitted_at),
            forecast_low=row.forecast_low,
            forecast_high=row.forecast_high,
        )
        for row in conn.execute(query)
    ]


def new_join_code(conn: Connection) -> str:
    """Return a random join code no room uses yet."""
    while True:
        code = random_join_code()
        if conn.scalar(select(rooms.c.id).where(rooms.c.join_code == code)) is None:
            return code
