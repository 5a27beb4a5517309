"""Every environment variable the simulator reads, in one frozen object, checked the same way.

``current()`` reads them now (tests change them with ``monkeypatch.setenv``): a value that is
not allowed is refused with a :class:`SettingError` naming the variable and what it allows,
wherever it is read, rather than ignored in one place and refused in another. An unset or
empty variable takes its default. Writes (the CLI's ``OPENBLAS_NUM_THREADS``) are not here.
"""

import math
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from simulator.errors import SimulatorError, shown


class SettingError(SimulatorError):
    """An environment variable whose value is not allowed (its name, and what is)."""


def _whole(least: int, meaning: str) -> Callable[[str, str], int]:
    """A parser of a whole number from ``least`` up; ``meaning`` ends the error message."""

    def parse(name: str, raw: str) -> int:
        if not raw.isdigit() or int(raw) < least:  # isdigit: no sign, no point, no spaces
            raise SettingError(f"{name}: {shown(raw)} is not allowed; expected a whole number "
                               f">= {least} ({meaning})")
        return int(raw)

    return parse


def _seconds(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0 < value <= 3600:
        raise SettingError(f"{name}: {shown(raw[:40])} is not allowed; expected seconds, a "
                           "number above 0 and at most 3600")
    return value


def _text(name: str, raw: str) -> str:
    return raw


def _variable(name: str, default: Any, parse: Callable[[str, str], Any], doc: str) -> Any:
    """A field read from environment variable ``name`` with ``parse``; ``doc`` says what it does."""
    return field(default=default, metadata={"variable": name, "parse": parse, "doc": doc})


@dataclass(frozen=True)
class Settings:
    """The environment as the simulator reads it (the variable of each field in its metadata).

    Attributes:
        dask_timeout: ``SIMULATOR_DASK_TIMEOUT``: seconds to wait for a Dask scheduler at each
            step of connecting to it (above 0, at most 3600; default 5).
        app_workers: ``SIMULATOR_APP_WORKERS``: worker processes of the Streamlit app's pool
            (a whole number >= 0; 0 runs every simulation in the server process; default
            None: one per core).
        reveal_workers: ``WORKSHOP_REVEAL_WORKERS``: worker processes for a large workshop
            reveal (a whole number >= 0; 1 runs it in the app's process; 0 or unset: the
            default, 2, or 1 on a one-core machine).
        workshop_public_url: ``WORKSHOP_PUBLIC_URL``: the address participants reach the app
            at (behind a proxy or a DNS name), without a trailing slash; "" if unset.
        workshop_data_dir: ``WORKSHOP_DATA_DIR``: the folder of the workshop's SQLite file
            (None: ``data/`` of a checkout, else the user's data folder).
        workshop_database_url: ``WORKSHOP_DATABASE_URL``: the workshop's database (a
            SQLAlchemy URL, e.g. PostgreSQL); None: the SQLite file.
        xdg_data_home: ``XDG_DATA_HOME``: the user's data folder, as the XDG convention
            names it (None: ``~/.local/share``).
    """

    dask_timeout: float = _variable(
        "SIMULATOR_DASK_TIMEOUT", 5.0, _seconds, "seconds to wait for a Dask scheduler")
    app_workers: int | None = _variable(
        "SIMULATOR_APP_WORKERS", None,
        _whole(0, "0 runs every simulation in the server process"),
        "worker processes of the app's pool")
    reveal_workers: int | None = _variable(
        "WORKSHOP_REVEAL_WORKERS", None,
        _whole(0, "1 runs a reveal in the app's process, 0 the default: 2, or 1 on one core"),
        "worker processes of a large workshop reveal")
    workshop_public_url: str = _variable(
        "WORKSHOP_PUBLIC_URL", "", lambda name, raw: raw.rstrip("/"),
        "the address participants reach the app at")
    workshop_data_dir: Path | None = _variable(
        "WORKSHOP_DATA_DIR", None, lambda name, raw: Path(raw),
        "the folder of the workshop's SQLite file")
    workshop_database_url: str | None = _variable(
        "WORKSHOP_DATABASE_URL", None, _text, "the workshop's database URL")
    xdg_data_home: str | None = _variable(
        "XDG_DATA_HOME", None, _text, "the user's data folder (XDG)")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> "Settings":
        """Every variable read from ``environ`` (default ``os.environ``), checked.

        Raises:
            SettingError: a variable's value is not allowed (the first found, by name).
        """
        environ = os.environ if environ is None else environ
        found = {}
        for spec in fields(cls):
            name = spec.metadata["variable"]
            raw = environ.get(name, "").strip()
            if raw:
                found[spec.name] = spec.metadata["parse"](name, raw)
        return cls(**found)


VARIABLES = {spec.metadata["variable"]: spec.metadata["doc"] for spec in fields(Settings)}
"""Every variable read, with what it sets (``Settings`` documents the values allowed)."""


def current() -> Settings:
    """The settings of the environment as it is now (cheap: read on every call)."""
    return Settings.from_environ()
