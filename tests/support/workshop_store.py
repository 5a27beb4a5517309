"""The workshop store's test fixtures and inputs, shared by tests/workshop/test_store_*.py.

Every storage test runs twice through the `database_url_for_test` fixture: on a SQLite file in
tmp_path and on a fresh schema of the PostgreSQL server named by WORKSHOP_TEST_DATABASE_URL
(dropped after the test, so reruns start clean).

The fixtures are not in tests/conftest.py: there ``store`` is the app's store (the workshop's
AppTests use it), here it is a store on the parametrised database. A test module imports them
(``from support.workshop_store import _room, _store, ...``): pytest finds each under its
``name``, and the leading underscore keeps a test's argument from shadowing the import.
"""

import uuid
from datetime import UTC, datetime

import pytest
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
    create_engine,
    insert,
    text,
)
from sqlalchemy.engine import make_url

from simulator.model.params import SCHEMA
from simulator.workshop import WorkshopError, WorkshopStore
from simulator.workshop.credentials import digest, new_secret

ALLOWED = ["west.influence", "chain.layers"]


@pytest.fixture(name="database_url_for_test",
                params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def _database_url_for_test(request, tmp_path):
    """A SQLAlchemy URL of an empty database: a SQLite file, or a fresh PostgreSQL schema."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'workshop.db'}"
        return
    server_url = request.getfixturevalue("postgres_url")
    schema = f"workshop_test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(server_url)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(server_url).update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(name="open_store")
def _open_store(database_url_for_test):
    """Open stores on the test database (several = app restarts); all closed after the test."""
    opened = []

    def open_() -> WorkshopStore:
        opened.append(WorkshopStore(database_url_for_test))
        return opened[-1]

    yield open_
    for store in opened:
        store.close()


@pytest.fixture(name="store")
def _store(open_store):
    """One store on the test database."""
    return open_store()


@pytest.fixture(name="room")
def _room(store):
    """A room letting participants change two parameters; returns (join_code, facilitator key)."""
    created, key = store.create_room(
        "Autumn 2022", "baseline", ALLOWED, base_overrides={"leader.resolve": 3}
    )
    return created.join_code, key


@pytest.fixture(name="participant_token")
def _participant_token(store, room):
    """A participant of the room: (join code, facilitator key, token)."""
    code, key = room
    return code, key, store.join(code, "Ana")[1]


# Inputs for the property tests: anything, with the values that used to escape as driver errors
# (2**63, 10**400, NUL, lone surrogates) drawn often rather than by luck.
ANY_TEXT = st.one_of(
    st.sampled_from(["", " ", "\x00", "\ud800", "a\udfffb", "Ana\x00", 'O"Brien <b>&', "x" * 41,
                     "1e400", "nan", "-0", "baseline", "chain.layers", "west.influence"]),
    st.text(max_size=50),
    st.text(st.characters(categories=["Cc", "Cs", "Zs", "Lu", "Nd", "Po"]), max_size=12),
)


ANY_INT = st.one_of(st.sampled_from([0, 1, 2, -1, 2**31, 2**63, -(2**63) - 1, 10**400]),
                    st.integers())


ANY_FLOAT = st.one_of(st.sampled_from([float("nan"), float("inf"), -float("inf"), 1e308, 0.5]),
                      st.floats())


ANY_NUMBER = st.one_of(ANY_INT, ANY_FLOAT, st.booleans(), st.none())


ANY_VALUE = st.one_of(ANY_NUMBER, ANY_TEXT, st.lists(ANY_NUMBER, max_size=12))


# Mostly names the room allows (so values reach the checks), then any schema name, then junk.
PARAM_NAME = st.one_of(st.sampled_from(ALLOWED), st.sampled_from(list(SCHEMA)), ANY_TEXT, ANY_INT)


ANY_PARAMS = st.one_of(st.dictionaries(PARAM_NAME, ANY_VALUE, max_size=3), ANY_VALUE)


PROPERTY = settings(max_examples=80, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def only_workshop_errors(*calls) -> None:
    """Make each call; a result or a WorkshopError naming its field passes, anything else fails."""
    for call in calls:
        try:
            call()
        except WorkshopError as error:
            assert isinstance(error.field, str) and error.field
            assert str(error).startswith(f"{error.field}: ") and len(str(error)) < 500


# --- a database as version 1 of the schema made it (tests/workshop/test_store_ranges.py) ---

def version_1_tables() -> tuple[MetaData, Table]:
    """The workshop's tables exactly as schema version 1 created them (before ranges).

    A frozen copy, not derived from ``simulator.workshop.schema``: the migration must work
    on what old databases really hold, whatever the current schema says.
    """
    old = MetaData()
    version = Table("workshop_schema_version", old, Column("version", Integer, nullable=False))
    Table("workshop_rooms", old,
          Column("id", Integer, primary_key=True),
          Column("join_code", String(8), nullable=False, unique=True),
          Column("title", String(100), nullable=False),
          Column("preset", String(100), nullable=False),
          Column("allowed_params", Text, nullable=False),
          Column("base_overrides", Text, nullable=False),
          Column("facilitator_key_hash", String(64), nullable=False),
          Column("created_at", DateTime(timezone=True), nullable=False))
    Table("workshop_rounds", old,
          Column("id", Integer, primary_key=True),
          Column("room_id", ForeignKey("workshop_rooms.id"), nullable=False),
          Column("number", Integer, nullable=False),
          Column("overrides", Text, nullable=False),
          Column("inject", Text, nullable=False),
          Column("announcement", Text, nullable=False),
          Column("started_at", DateTime(timezone=True), nullable=False),
          Column("locked_at", DateTime(timezone=True)),
          Column("revealed_at", DateTime(timezone=True)),
          UniqueConstraint("room_id", "number"))
    Table("workshop_participants", old,
          Column("id", Integer, primary_key=True),
          Column("room_id", ForeignKey("workshop_rooms.id"), nullable=False),
          Column("display_name", String(40), nullable=False),
          Column("token_hash", String(64), nullable=False, unique=True),
          Column("joined_at", DateTime(timezone=True), nullable=False))
    Table("workshop_submissions", old,
          Column("id", Integer, primary_key=True),
          Column("round_id", ForeignKey("workshop_rounds.id"), nullable=False),
          Column("participant_id", ForeignKey("workshop_participants.id"), nullable=False),
          Column("forecast", Float, nullable=False),
          Column("refusing_layer", Integer),
          Column("params", Text, nullable=False),
          Column("results", Text),
          Column("submitted_at", DateTime(timezone=True), nullable=False),
          UniqueConstraint("round_id", "participant_id"))
    return old, version


def version_1_database(url: str) -> tuple[str, str, str]:
    """Make a version-1 database at ``url`` with one room, one participant and one answer.

    Returns:
        (join code, facilitator key, the participant's token).
    """
    old, version = version_1_tables()
    key, token, now = new_secret(), new_secret(), datetime.now(UTC)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            old.create_all(conn)
            conn.execute(insert(version).values(version=1))
            t = old.tables
            room_id = conn.execute(insert(t["workshop_rooms"]).values(
                join_code="ABCD2345", title="Old room", preset="baseline",
                allowed_params='["chain.layers"]', base_overrides="{}",
                facilitator_key_hash=digest(key), created_at=now)).inserted_primary_key[0]
            round_id = conn.execute(insert(t["workshop_rounds"]).values(
                room_id=room_id, number=1, overrides="{}", inject="{}", announcement="",
                started_at=now)).inserted_primary_key[0]
            person = conn.execute(insert(t["workshop_participants"]).values(
                room_id=room_id, display_name="Old Ana", token_hash=digest(token),
                joined_at=now)).inserted_primary_key[0]
            conn.execute(insert(t["workshop_submissions"]).values(
                round_id=round_id, participant_id=person, forecast=0.15, refusing_layer=None,
                params='{"chain.layers": 4}', submitted_at=now))
    finally:
        engine.dispose()
    return "ABCD2345", key, token


def version_2_database(url: str) -> tuple[str, str, str]:
    """Make a version-2 database at ``url``: a room with a revealed round 1 and an inject's
    round 2, one participant with an answer (and a range) in each; no round has a date.

    The tables are version 1's plus the two range columns, as the 1 -> 2 migration left them.

    Returns:
        (join code, facilitator key, the participant's token).
    """
    old, version = version_1_tables()
    submissions = old.tables["workshop_submissions"]
    submissions.append_column(Column("forecast_low", Float))
    submissions.append_column(Column("forecast_high", Float))
    key, token, now = new_secret(), new_secret(), datetime.now(UTC)
    engine = create_engine(url)
    try:
        with engine.begin() as conn:
            old.create_all(conn)
            conn.execute(insert(version).values(version=2))
            t = old.tables
            room_id = conn.execute(insert(t["workshop_rooms"]).values(
                join_code="EFGH6789", title="Room of version 2", preset="baseline",
                allowed_params='["chain.layers"]', base_overrides="{}",
                facilitator_key_hash=digest(key), created_at=now)).inserted_primary_key[0]
            person = conn.execute(insert(t["workshop_participants"]).values(
                room_id=room_id, display_name="Old Ben", token_hash=digest(token),
                joined_at=now)).inserted_primary_key[0]
            inject = ('{"events": [{"kind": "offensive", "side": "ukraine", "week": 7, '
                      '"label": "Kherson"}]}')
            for number, overrides, added in ((1, "{}", "{}"), (2, inject, inject)):
                round_id = conn.execute(insert(t["workshop_rounds"]).values(
                    room_id=room_id, number=number, overrides=overrides, inject=added,
                    announcement="" if number == 1 else "Kherson", started_at=now,
                    locked_at=now if number == 1 else None,
                    revealed_at=now if number == 1 else None)).inserted_primary_key[0]
                conn.execute(insert(submissions).values(
                    round_id=round_id, participant_id=person, forecast=0.1 * number,
                    refusing_layer=None, params="{}", submitted_at=now,
                    forecast_low=0.05, forecast_high=0.5))
    finally:
        engine.dispose()
    return "EFGH6789", key, token
