"""The workshop's tables, and their creation with the schema version recorded.

Parameters, overrides, injects and results are JSON text columns: the simulator's schema,
not the database's, decides what a parameter is, so a new parameter needs no migration.
The recorded version lets later code refuse, or migrate, a database it does not know.
"""

from sqlalchemy import (
    Column,
    Connection,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    insert,
    select,
)

from simulator.workshop.credentials import JOIN_CODE_LENGTH
from simulator.workshop.validation import MAX_NAME_CHARS, MAX_TITLE_CHARS

SCHEMA_VERSION = 1

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


def create_schema(conn: Connection) -> None:
    """Create missing tables and record the schema version, so later code can migrate.

    Run it in a write transaction (``WorkshopStore`` does, when it opens the database).

    Raises:
        RuntimeError: the database records another schema version.
    """
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
