"""The workshop's tables, and their creation with the schema version recorded.

Parameters, overrides, injects and results are JSON text columns: the simulator's schema,
not the database's, decides what a parameter is, so a new parameter needs no migration.
The recorded version lets later code refuse, or migrate, a database it does not know.

Versions: 1, the first; 2 adds ``forecast_low`` and ``forecast_high`` to the submissions (a
participant's optional plausible range), nullable, so every answer of a version-1 database
stays valid as it is (an answer without a range); 3 adds ``as_of`` to the rounds (a round
set at a real date of the record, #27), nullable: a round of an older database has no date
and asks its question from the horizon's start, as before. `create_schema` migrates an older
database in place, one version after the other, in the transaction that opens it.
"""

from sqlalchemy import (
    Column,
    Connection,
    Date,
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
    inspect,
    select,
    update,
)

from simulator.workshop.credentials import JOIN_CODE_LENGTH
from simulator.workshop.validation import MAX_NAME_CHARS, MAX_TITLE_CHARS

SCHEMA_VERSION = 3

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
    Column("as_of", Date),  # a dated round: participants forecast from this day (version 3)
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
    Column("forecast_low", Float),  # the plausible range (both or neither; version 2)
    Column("forecast_high", Float),
    Column("refusing_layer", Integer),
    Column("params", Text, nullable=False),  # JSON object
    Column("results", Text),  # JSON object, set by reveal
    Column("submitted_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("round_id", "participant_id"),
)


MIGRATIONS: dict[int, tuple[tuple[str, str], ...]] = {
    1: (("workshop_submissions", "forecast_low"), ("workshop_submissions", "forecast_high")),
    2: (("workshop_rounds", "as_of"),),
}
"""From version k to k + 1: the (table, column) pairs to add, each nullable (no data moves)."""


def create_schema(conn: Connection) -> None:
    """Create missing tables, migrate an older database, and record the schema version.

    Run it in a write transaction (``WorkshopStore`` does, when it opens the database): a
    migration is then all or nothing, and two app processes opening one old database migrate
    it once (PostgreSQL: the advisory lock; SQLite: BEGIN IMMEDIATE).

    Raises:
        RuntimeError: the database records a version this code has no migration from (a
            newer one, written by a later version of the simulator).
    """
    if conn.dialect.name == "postgresql":
        # Two app processes starting on an empty database would both CREATE TABLE.
        conn.exec_driver_sql("SELECT pg_advisory_xact_lock(20261101)")
    metadata.create_all(conn)
    found = conn.scalar(select(schema_version.c.version))
    if found is None:
        conn.execute(insert(schema_version).values(version=SCHEMA_VERSION))
        return
    if found == SCHEMA_VERSION:
        return
    if found > SCHEMA_VERSION or not all(k in MIGRATIONS for k in range(found, SCHEMA_VERSION)):
        raise RuntimeError(
            f"the workshop database has schema version {found}; this code reads "
            f"version {SCHEMA_VERSION} and has no migration for it"
        )
    for version in range(found, SCHEMA_VERSION):
        _migrate(conn, MIGRATIONS[version])
    conn.execute(update(schema_version).values(version=SCHEMA_VERSION))


def _migrate(conn: Connection, added: tuple[tuple[str, str], ...]) -> None:
    """Add the nullable columns ``added`` (those not there yet), typed as `metadata` says."""
    for table, column in added:
        present = {c["name"] for c in inspect(conn).get_columns(table)}
        if column in present:
            continue
        kind = metadata.tables[table].c[column].type.compile(dialect=conn.dialect)
        conn.exec_driver_sql(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
