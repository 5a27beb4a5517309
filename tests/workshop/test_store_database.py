"""Where the workshop database is and its schema version (simulator/workshop/database.py,
schema.py): SQLite only.
"""

import sqlite3

import pytest

from simulator.workshop import WorkshopStore, database_url
from simulator.workshop.schema import SCHEMA_VERSION


def test_default_database_is_a_wal_sqlite_file_under_the_data_dir(tmp_path, monkeypatch):
    """With no configuration, the data directory and a WAL database appear on first use."""
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / "new" / "dir"))
    store = WorkshopStore()
    try:
        store.create_room("T", "baseline", [])
    finally:
        store.close()
    path = tmp_path / "new" / "dir" / "workshop.db"
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone() == ("wal",)
        versions = conn.execute("SELECT version FROM workshop_schema_version").fetchall()
        assert versions == [(SCHEMA_VERSION,)]


def test_database_url_precedence(tmp_path, monkeypatch):
    """An explicit URL beats $WORKSHOP_DATABASE_URL, which beats the SQLite default."""
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path))
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    assert database_url() == f"sqlite:///{tmp_path / 'workshop.db'}"
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", "postgresql+psycopg://u@h/db")
    assert database_url() == "postgresql+psycopg://u@h/db"
    assert database_url("sqlite:///x.db") == "sqlite:///x.db"


def test_a_newer_schema_version_is_refused(tmp_path):
    """Old code must not write into a database that a newer version has migrated."""
    url = f"sqlite:///{tmp_path / 'workshop.db'}"
    WorkshopStore(url).close()
    newer = SCHEMA_VERSION + 1
    with sqlite3.connect(tmp_path / "workshop.db") as conn:
        conn.execute("UPDATE workshop_schema_version SET version = ?", (newer,))
    with pytest.raises(RuntimeError, match=f"schema version {newer}"):
        WorkshopStore(url)
    with sqlite3.connect(tmp_path / "workshop.db") as conn:  # refused, never "migrated" down
        assert conn.execute("SELECT version FROM workshop_schema_version").fetchall() == [
            (newer,)]
