"""Where the workshop database is, and the engine that opens it.

Streamlit sessions share nothing but an outside store, and a reload starts a new session, so
every submission lives in the database and every read goes to it. The default is a SQLite file
in WAL mode with a busy timeout (many readers, writers queue); any SQLAlchemy URL works instead,
e.g. ``postgresql+psycopg://...`` when several app processes share one database.
"""

from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import make_url

from simulator.settings import current as current_settings

SQLITE_BUSY_TIMEOUT_MS = 10_000
REPO_ROOT = Path(__file__).resolve().parents[2]


def default_data_dir() -> Path:
    """The folder of the default SQLite file, kept across restarts so rooms survive them.

    $WORKSHOP_DATA_DIR, else ``data/`` of a source checkout (git-ignored), else, for an
    installed copy, the user's data folder: never site-packages, which an upgrade replaces
    and which may be read-only. That is $XDG_DATA_HOME/escalation-sim, by default
    ~/.local/share/escalation-sim.
    """
    settings = current_settings()
    if settings.workshop_data_dir is not None:
        return Path(settings.workshop_data_dir)
    if (REPO_ROOT / "pyproject.toml").is_file():
        return REPO_ROOT / "data"
    user_data = Path(settings.xdg_data_home or "")
    if not user_data.is_absolute():  # unset or relative: the XDG default
        user_data = Path.home() / ".local" / "share"
    return user_data / "escalation-sim"


def database_url(url: str | None = None) -> str:
    """Return the database to use: ``url``, else $WORKSHOP_DATABASE_URL, else a SQLite file.

    The SQLite file is ``workshop.db`` in `default_data_dir`.
    """
    if url:
        return url
    if env_url := current_settings().workshop_database_url:
        return env_url
    return f"sqlite:///{default_data_dir().resolve() / 'workshop.db'}"


def engine_for(url: str) -> Engine:
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
