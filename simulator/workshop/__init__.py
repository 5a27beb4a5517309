"""Workshop mode: a facilitator runs forecasting rounds with a room of participants.

`WorkshopStore` is the only way in: the UI calls it, and it keeps everything in a database
shared by all Streamlit sessions (see ``simulator/workshop/store.py``, and
``simulator/workshop/database.py`` for where the database is).
"""

from simulator.workshop.database import database_url
from simulator.workshop.errors import (
    NotAllowed,
    RoomNotFound,
    RoundLocked,
    RoundMovedOn,
    WorkshopError,
)
from simulator.workshop.records import Participant, Room, Round, Submission
from simulator.workshop.store import WorkshopStore

__all__ = [
    "NotAllowed",
    "Participant",
    "Room",
    "RoomNotFound",
    "Round",
    "RoundLocked",
    "RoundMovedOn",
    "Submission",
    "WorkshopError",
    "WorkshopStore",
    "database_url",
]
