"""Results folders: one file per chunk, written atomically, plus a JSON manifest.

Layout of a folder::

    manifest.json              scenario, its hash, parameters, seed, runs, versions, timing
    outcomes.parquet/          one row per world, a part per chunk (a Parquet dataset)
        part-00000.parquet
    weekly.parquet/            per-week counts (worlds on each rung, events so far)
        part-00000.parquet

With ``--format csv`` the parts are CSV (``outcomes.csv/part-00000.csv``). pandas reads
``pd.read_parquet("DIR/outcomes.parquet")``; DuckDB reads
``SELECT * FROM 'DIR/outcomes.parquet/*.parquet'``.
"""

import json
import os
import platform
import time
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from simulator import ladder
from simulator.errors import SimulatorError
from simulator.model import WEEKLY_EVENTS, WEEKLY_FLOWS

FORMATS = ("parquet", "csv")
MANIFEST = "manifest.json"
WEEKLY_COLUMNS = tuple(f"rung_{r.level}" for r in ladder.RUNGS) + WEEKLY_EVENTS + WEEKLY_FLOWS


class ResultsError(SimulatorError):
    """A results folder that is missing, corrupt, or not the one asked for."""


def part_name(chunk: int, fmt: str) -> str:
    """File name of one chunk's part."""
    return f"part-{chunk:05d}.{fmt}"


def _write_atomic(path: Path, write) -> None:
    """Write through a temporary name and rename, so a part is whole or absent."""
    tmp = path.with_name(path.name + ".tmp")
    write(tmp)
    os.replace(tmp, path)


def write_table(path: Path, table: pa.Table, fmt: str) -> None:
    """Write one table as Parquet or CSV, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        _write_atomic(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    else:
        _write_atomic(path, lambda tmp: pacsv.write_csv(table, tmp))


def write_chunk(folder: Path, chunk: int, outcomes: Mapping, weekly: np.ndarray, fmt: str) -> None:
    """Write a chunk's weekly counts, then its outcomes: the outcomes part marks it done."""
    weekly_table = pa.table({"week": np.arange(1, len(weekly) + 1, dtype=np.int16),
                             **{c: weekly[:, i] for i, c in enumerate(WEEKLY_COLUMNS)}})
    write_table(folder / f"weekly.{fmt}" / part_name(chunk, fmt), weekly_table, fmt)
    write_table(folder / f"outcomes.{fmt}" / part_name(chunk, fmt), pa.table(dict(outcomes)), fmt)


def finished_chunks(folder: Path, fmt: str) -> set[int]:
    """Chunks whose parts are complete; leftover temporary files are removed."""
    done = set()
    for kind in ("outcomes", "weekly"):
        for tmp in (folder / f"{kind}.{fmt}").glob("*.tmp"):
            tmp.unlink()
    for part in (folder / f"outcomes.{fmt}").glob(f"part-*.{fmt}"):
        weekly = folder / f"weekly.{fmt}" / part.name
        if weekly.is_file():
            done.add(int(part.stem.split("-")[1]))
    return done


def read_table(path: Path, fmt: str) -> pa.Table:
    """Read one part, or raise ResultsError naming the file."""
    try:
        return pq.read_table(path) if fmt == "parquet" else pacsv.read_csv(path)
    except (OSError, pa.ArrowException) as error:
        raise ResultsError(f"{path}: corrupt or truncated part ({error}); delete it and re-run "
                           "with --resume to recompute that chunk") from None


def read_column(path: Path, fmt: str, name: str) -> np.ndarray:
    """Read one column of one part (a results folder is summarised column by column)."""
    try:
        if fmt == "parquet":
            table = pq.read_table(path, columns=[name])
        else:
            table = pacsv.read_csv(path, convert_options=pacsv.ConvertOptions(
                include_columns=[name]))
        return table[name].to_numpy()
    except (OSError, pa.ArrowException, KeyError) as error:
        raise ResultsError(f"{path}: cannot read column {name!r} ({error}); the "
                           "folder changed after it was loaded") from None


def read_manifest(folder: Path) -> dict:
    """The folder's manifest, checked to be readable."""
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise ResultsError(f"{folder}: no {MANIFEST}; not a results folder")
    try:
        return json.loads(path.read_text())
    except json.JSONDecodeError as error:
        raise ResultsError(f"{path}: corrupt manifest ({error})") from None


def write_manifest(folder: Path, manifest: Mapping) -> None:
    """Write the manifest atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest, indent=2, sort_keys=False, default=str)
    _write_atomic(folder / MANIFEST, lambda tmp: tmp.write_text(text))


def versions() -> dict[str, str]:
    """Versions of what produced a result, for the manifest."""
    found = {"python": platform.python_version()}
    for package in ("simulator", "mesa", "numpy", "scipy", "pyarrow"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            if package == "simulator":
                from simulator import __version__
                found[package] = __version__
    return found


def now() -> str:
    """UTC timestamp for the manifest."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
