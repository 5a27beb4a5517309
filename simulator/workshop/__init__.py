"""Workshop mode: a facilitator runs forecasting rounds with a room of participants.

`WorkshopStore` is the only way in: the UI calls it, and it keeps everything in a database
shared by all Streamlit sessions (see ``simulator/workshop/store.py``).
"""

from simulator.workshop.store import (
    NotAllowed,
    Participant,
    Room,
    RoomNotFound,
    Round,
    RoundLocked,
    RoundMovedOn,
    Submission,
    WorkshopError,
    WorkshopStore,
    database_url,
)

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
