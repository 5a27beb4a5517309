"""Results folders: one file per chunk, written atomically, a JSON manifest, and a lock.

Layout of a folder::

    manifest.json              scenario, its hash, parameters, seed, runs, versions, timing,
                               a record per part (chunk, seed, scenario hash, rows, sha256)
                               and the manifest's own sha256
    .lock                      held (flock) by the run writing the folder
    outcomes.parquet/          one row per world, a part per chunk (a Parquet dataset)
        part-00000.parquet
    weekly.parquet/            per-week counts (worlds on each rung, events so far), one row
                               per chunk and week with its denominator ``worlds``
        part-00000.parquet

With ``--format csv`` the parts are CSV (``outcomes.csv/part-00000.csv``). pandas reads
``pd.read_parquet("DIR/outcomes.parquet")``; DuckDB reads
``SELECT * FROM 'DIR/outcomes.parquet/*.parquet'``.

A folder cannot silently lie: one run at a time writes it (:class:`FolderLock`, an
``flock`` the kernel drops when the process dies, so a killed run leaves no stale lock);
a part is recorded in the manifest with its sha256 before it is renamed into place; and
``load``, ``summarize`` and ``--resume`` check the manifest's own checksum, its fields
against its scenario hash, and every part against its record, naming what does not match.
"""

import errno
import fcntl
import functools
import hashlib
import json
import os
import platform
import shutil
import socket
import sys
import time
from collections.abc import Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from simulator.errors import SimulatorError
from simulator.model import ladder
from simulator.model.world import WEEKLY_EVENTS, WEEKLY_FLOWS
from simulator.results import analysis

if TYPE_CHECKING:  # engine imports this module; load() imports engine when called
    from simulator.running.engine import Batch

FORMATS = ("parquet", "csv")
MANIFEST = "manifest.json"
LOCK = ".lock"
"""Lock file of a results folder, held with ``flock`` by the run writing the folder."""
WEEKLY_COLUMNS = tuple(f"rung_{r.level}" for r in ladder.RUNGS) + WEEKLY_EVENTS + WEEKLY_FLOWS
KINDS = ("outcomes", "weekly")
_RECORD_FIELDS = {"chunk": int, "seed": int, "scenario_hash": str, "rows": int,
                  "outcomes_sha256": str, "weekly_sha256": str}


class ResultsError(SimulatorError):
    """A results folder that is missing, corrupt, or not the one asked for."""


class FolderBusyError(ResultsError):
    """Another run is writing the folder: its lock is held."""


class FolderInTheWayError(ResultsError):
    """An output path that cannot take a batch (a file, a folder of other things, results).

    Results can still be taken with ``--resume`` (the same batch) or ``--overwrite``.
    """


class OtherBatchError(FolderInTheWayError):
    """``--resume`` on a folder that holds another batch (scenario, seed, runs, ...)."""


def part_name(chunk: int, fmt: str) -> str:
    """File name of one chunk's part."""
    return f"part-{chunk:05d}.{fmt}"


def part_paths(folder: Path, fmt: str, chunk: int) -> tuple[Path, Path]:
    """Paths of one chunk's outcomes part and weekly part."""
    name = part_name(chunk, fmt)
    return Path(folder) / f"outcomes.{fmt}" / name, Path(folder) / f"weekly.{fmt}" / name


def chunk_sizes(runs: int, chunk_size: int) -> list[int]:
    """Worlds in each chunk of a batch of ``runs`` worlds."""
    return [min(chunk_size, runs - k * chunk_size) for k in range(-(-runs // chunk_size))]


def _write_atomic(path: Path, write) -> None:
    """Write through a temporary name and rename, so a part is whole or absent.

    The temporary name starts with a dot: dataset readers (pyarrow, pandas) skip it.
    """
    tmp = path.with_name(f".{path.name}.tmp")
    write(tmp)
    os.replace(tmp, path)


def write_table(path: Path, table: pa.Table, fmt: str) -> None:
    """Write one table as Parquet or CSV, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        _write_atomic(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    else:
        _write_atomic(path, lambda tmp: pacsv.write_csv(table, tmp))


def table_bytes(table: pa.Table, fmt: str) -> bytes:
    """A table as the bytes of a Parquet or CSV file (what ``write_table`` writes)."""
    sink = pa.BufferOutputStream()
    if fmt == "parquet":
        pq.write_table(table, sink, compression="zstd")
    else:
        pacsv.write_csv(table, sink)
    return sink.getvalue().to_pybytes()


def sha256(data: bytes) -> str:
    """Hex sha256 of some bytes."""
    return hashlib.sha256(data).hexdigest()


def parameters_hash(parameters: Mapping[str, Any]) -> str:
    """A parameter set's fingerprint, computed as ``Scenario.hash`` computes it."""
    text = json.dumps(parameters, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def manifest_digest(manifest: Mapping[str, Any]) -> str:
    """sha256 of a manifest's canonical JSON, its own ``sha256`` field left out.

    Computed on the JSON text round trip, so the manifest as written and as read back
    give the same digest.
    """
    body = json.loads(json.dumps({k: v for k, v in manifest.items() if k != "sha256"},
                                 default=str))
    text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return sha256(text.encode())


# --- the lock ------------------------------------------------------------------------------

_HELD_LOCKS: set[int] = set()


def _forget_locks_in_child() -> None:
    """In a forked child (a worker process): close the parent's lock descriptors.

    Closing (not unlocking) leaves the parent's lock held, and means the kernel releases
    it as soon as the parent dies, not when its last orphaned worker exits.
    """
    for fd in _HELD_LOCKS:
        try:
            os.close(fd)
        except OSError:
            pass
    _HELD_LOCKS.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks_in_child)


def _holder(fd: int) -> str:
    """Who holds a lock, as its holder wrote it into the lock file (best effort)."""
    try:
        info = json.loads(os.pread(fd, 4096, 0).decode())
        return (f"pid {info['pid']} on {info['host']} since {info['since']}: "
                f"{info['command']}")
    except (OSError, ValueError, KeyError, TypeError):
        return "another process"


class FolderLock:
    """An exclusive ``flock`` on a results folder's lock file, held while a run writes it.

    The kernel releases it when the process ends in any way (exit, exception, Ctrl-C,
    ``kill -9``): a killed run never leaves a lock that blocks the next one. The file
    itself stays (removing it would race with a process about to lock it); it holds the
    pid, host, start time and command of the current holder, for the error message.
    """

    def __init__(self, path: Path, fd: int):
        self.path, self._fd = path, fd

    @classmethod
    def acquire(cls, folder: Path, patience: float = 0.5) -> "FolderLock":
        """Lock ``folder`` (an existing directory), or raise FolderBusyError.

        ``patience`` seconds of retries ride out a reader's momentary probe
        (:func:`writer_of`); a writer's lock is never waited for.
        """
        path = Path(folder) / LOCK
        try:
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            raise ResultsError(f"out: cannot create the lock file {path} "
                               f"({error.strerror or error})") from None
        deadline = time.monotonic() + patience
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as error:
                if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES) \
                        or time.monotonic() >= deadline:
                    holder = _holder(fd)
                    os.close(fd)
                    if error.errno not in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                        raise ResultsError(f"out: cannot lock {path} ({error.strerror})") \
                            from None
                    raise FolderBusyError(
                        f"out: {folder} is being written by another run: its lock {path} is "
                        f"held ({holder}); nothing was changed - wait for that run to finish "
                        "or choose another folder") from None
                time.sleep(0.05)
        _HELD_LOCKS.add(fd)
        info = {"pid": os.getpid(), "host": socket.gethostname(), "since": now(),
                "command": " ".join(sys.argv) or sys.executable}
        try:
            os.ftruncate(fd, 0)
            os.pwrite(fd, json.dumps(info).encode(), 0)
        except OSError:
            pass  # only the message of a second writer is poorer
        return cls(path, fd)

    @property
    def held(self) -> bool:
        """Whether this lock is still held (not yet released)."""
        return self._fd is not None

    def release(self) -> None:
        """Unlock (once; later calls do nothing)."""
        fd, self._fd = self._fd, None
        if fd is None:
            return
        _HELD_LOCKS.discard(fd)
        try:
            os.ftruncate(fd, 0)
        except OSError:
            pass
        try:
            fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def __enter__(self) -> "FolderLock":
        return self

    def __exit__(self, *exc) -> None:
        self.release()


def writer_of(folder: Path) -> str | None:
    """The run writing ``folder`` now (as its lock file names it), or None.

    A probe: a shared lock taken and dropped at once; it changes nothing on disk.
    """
    try:
        fd = os.open(Path(folder) / LOCK, os.O_RDONLY | os.O_CLOEXEC)
    except OSError:
        return None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError as error:
            if error.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                return _holder(fd)
            return None
        fcntl.flock(fd, fcntl.LOCK_UN)
        return None
    finally:
        os.close(fd)


# --- the manifest --------------------------------------------------------------------------

def _json_kind(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if value is None:
        return "null"
    return {dict: "an object", list: "a list", str: "a string", int: "a number",
            float: "a number"}.get(type(value), type(value).__name__)


def _field(document: Mapping, key: str, kind: type, where: Path, within: str = "") -> Any:
    """``document[key]`` checked to be of JSON type ``kind``, or ResultsError."""
    if key not in document:
        raise ResultsError(f"{where}: no field {within + key!r}; not a manifest of `run` "
                           "(or it was edited)")
    value = document[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        expected = {dict: "an object", str: "a string", int: "a whole number"}[kind]
        raise ResultsError(f"{where}: field {within + key!r} is {_json_kind(value)}, expected "
                           f"{expected}; the manifest was edited or is not from `run`")
    return value


def read_manifest(folder: Path) -> dict:
    """The folder's manifest, checked to be a readable JSON object."""
    path = Path(folder) / MANIFEST
    try:
        if not path.is_file():
            raise ResultsError(f"{folder}: no {MANIFEST}; not a results folder")
        document = json.loads(path.read_bytes())
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise ResultsError(f"{path}: corrupt manifest ({error})") from None
    except OSError as error:
        raise ResultsError(f"{path}: cannot read ({error.strerror or error})") from None
    if not isinstance(document, dict):
        raise ResultsError(f"{path}: the manifest is {_json_kind(document)}, expected a JSON "
                           "object; not a results folder of `run`")
    return document


def check_manifest(manifest: dict, path: Path) -> dict:
    """Check a run's manifest: field types, its checksum, its scenario hash, its part records.

    Returns it. Raises ResultsError naming ``path`` and the problem: a field of the wrong
    type, a manifest without checksums (an older version), one edited after it was
    written, parameters or overrides that do not give the recorded scenario hash, a part
    recorded for another seed, scenario or chunk.
    """
    info = _field(manifest, "scenario", dict, path)
    for key in ("name", "hash"):
        _field(info, key, str, path, "scenario.")
    overrides = _field(info, "overrides", dict, path, "scenario.")
    parameters = _field(manifest, "parameters", dict, path)
    seed = _field(manifest, "seed", int, path)
    runs = _field(manifest, "runs", int, path)
    size = _field(manifest, "chunk_size", int, path)
    chunks = _field(manifest, "chunks", int, path)
    fmt = _field(manifest, "format", str, path)
    _field(manifest, "status", str, path)
    if fmt not in FORMATS:
        raise ResultsError(f"{path}: unknown format {fmt!r}; expected one of {FORMATS}")
    if seed < 0 or runs < 1 or size < 1 or chunks != -(-runs // size):
        raise ResultsError(f"{path}: seed {seed}, {chunks} chunks of {size} cannot hold "
                           f"{runs} runs; the manifest was edited")
    if "parts" not in manifest and "sha256" not in manifest:
        raise ResultsError(f"{path}: written without checksums (by an older version of the "
                           "simulator), so its parts cannot be verified; re-run it with "
                           "--overwrite")
    parts = _field(manifest, "parts", dict, path)
    recorded = _field(manifest, "sha256", str, path)
    for name, record in parts.items():
        if not isinstance(record, dict):
            raise ResultsError(f"{path}: part {name!r} is recorded as {_json_kind(record)}, "
                               "expected an object; the manifest was edited")
        for key, kind in _RECORD_FIELDS.items():
            _field(record, key, kind, path, f"parts.{name}.")
    if manifest_digest(manifest) != recorded:
        raise ResultsError(f"{path}: edited after it was written (its contents do not match "
                           "its sha256), so its seed, runs and scenario cannot be trusted; "
                           "re-run it with --overwrite")
    if parameters_hash(parameters) != info["hash"]:
        raise ResultsError(f"{path}: the parameters do not give the scenario hash "
                           f"{info['hash']!r}; the manifest was edited")
    for key, value in overrides.items():
        if key not in parameters or parameters[key] != value:
            raise ResultsError(f"{path}: scenario override {key}={value!r} differs from the "
                               f"parameter ({parameters.get(key)!r}); the manifest was edited")
    sizes = chunk_sizes(runs, size)
    for name, record in parts.items():
        where = f"part {name!r} "
        chunk = record["chunk"]
        problem = (f"is not the name of chunk {chunk}" if name != part_name(chunk, fmt)
                   or not 0 <= chunk < chunks else
                   f"is recorded for seed {record['seed']}, the manifest says seed {seed}"
                   if record["seed"] != seed else
                   f"is recorded for scenario {record['scenario_hash']!r}, the manifest says "
                   f"{info['hash']!r}" if record["scenario_hash"] != info["hash"] else
                   f"is recorded with {record['rows']} rows, chunk {chunk} has {sizes[chunk]}"
                   if record["rows"] != sizes[chunk] else "")
        if problem:
            raise ResultsError(f"{path}: {where}{problem}; the manifest was edited")
    return manifest


def read_run_manifest(folder: Path) -> dict:
    """A run's manifest, read and checked (:func:`check_manifest`)."""
    return check_manifest(read_manifest(folder), Path(folder) / MANIFEST)


def write_manifest(folder: Path, manifest: Mapping) -> None:
    """Write the manifest atomically."""
    folder.mkdir(parents=True, exist_ok=True)
    text = json.dumps(manifest, indent=2, sort_keys=False, default=str)
    _write_atomic(folder / MANIFEST, lambda tmp: tmp.write_text(text))


def write_sealed_manifest(folder: Path, manifest: dict) -> None:
    """Write a run's manifest with its sha256 (set in ``manifest`` too)."""
    manifest.pop("sha256", None)
    manifest["sha256"] = manifest_digest(manifest)
    write_manifest(folder, manifest)


# --- reading parts -------------------------------------------------------------------------

def _identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    return stat.st_dev, stat.st_ino, stat.st_size, stat.st_mtime_ns


def _parse(data: bytes | Path, fmt: str, path: Path) -> pa.Table:
    source = pa.BufferReader(data) if isinstance(data, bytes) else data
    try:
        return pq.read_table(source) if fmt == "parquet" else pacsv.read_csv(source)
    except (OSError, pa.ArrowException) as error:
        raise ResultsError(f"{path}: corrupt or truncated part ({error}); delete it and re-run "
                           "with --resume to recompute that chunk") from None


def read_table(path: Path, fmt: str) -> pa.Table:
    """Read one part (unchecked), or raise ResultsError naming the file."""
    return _parse(Path(path), fmt, Path(path))


def _read_verified(path: Path, expected: str) -> tuple[bytes, tuple]:
    """A part's bytes, checked against its recorded sha256, and the file's identity."""
    try:
        with open(path, "rb") as file:
            data = file.read()
            identity = _identity(os.fstat(file.fileno()))
    except FileNotFoundError:
        raise ResultsError(f"{path}: missing part; the run was interrupted - finish it with "
                           "--resume") from None
    except OSError as error:
        raise ResultsError(f"{path}: cannot read ({error.strerror or error})") from None
    if sha256(data) != expected:
        raise ResultsError(f"{path}: corrupt or truncated part, or one from another run (its "
                           "sha256 does not match the manifest's record); delete it and re-run "
                           "with --resume to recompute that chunk")
    return data, identity


def read_part(folder: Path, fmt: str,
              record: Mapping[str, Any]) -> tuple[dict[str, np.ndarray], np.ndarray, tuple]:
    """Read one chunk's parts whole, checked against their record in the manifest.

    Returns the summary outcome columns, the weekly counts (weeks x WEEKLY_COLUMNS, int64)
    and the outcomes file's identity (device, inode, size, mtime), or raises ResultsError
    naming the file.
    """
    outcomes_path, weekly_path = part_paths(folder, fmt, record["chunk"])
    for path in (outcomes_path, weekly_path):
        if not path.is_file():
            raise ResultsError(f"{path}: missing part; the run was interrupted - finish it "
                               "with --resume")
    data, identity = _read_verified(outcomes_path, record["outcomes_sha256"])
    table = _parse(data, fmt, outcomes_path)
    if table.num_rows != record["rows"]:
        raise ResultsError(f"{outcomes_path}: {table.num_rows} rows, expected {record['rows']}; "
                           "delete it and re-run with --resume")
    missing = [name for name in analysis.OUTCOMES if name not in table.column_names]
    if missing:
        raise ResultsError(f"{outcomes_path}: no column {missing[0]!r}; not a part of "
                           "this simulator's results")
    columns = {name: column_values(table[name], name) for name in analysis.OUTCOMES}
    counts = _parse(_read_verified(weekly_path, record["weekly_sha256"])[0], fmt, weekly_path)
    missing = [name for name in WEEKLY_COLUMNS if name not in counts.column_names]
    if missing:
        raise ResultsError(f"{weekly_path}: no column {missing[0]!r}; not a part of "
                           "this simulator's results")
    weekly = np.column_stack([counts[c].to_numpy() for c in WEEKLY_COLUMNS])
    return columns, weekly.astype(np.int64), identity


NEVER = {"order_week": -1, "use_week": -1, "ousted_week": -1, "infrastructure_week": -1,
         "nato_week": -1, "blocked_layer": 0}
"""Outcome columns whose sentinel means "never happened": null in the files, the sentinel in
memory (where arithmetic on weeks is easier)."""
CATEGORICAL = ("use_kind",)
"""String outcome columns with a handful of values: Arrow dictionaries (pandas categories)."""


def outcome_table(outcomes: Mapping[str, np.ndarray], fmt: str) -> pa.Table:
    """A chunk's outcomes as written: nulls for "never", categories as dictionaries."""
    arrays = {}
    for name, values in outcomes.items():
        values = np.asarray(values)
        if name in NEVER:
            arrays[name] = pa.array(values, mask=values == NEVER[name])
        elif name in CATEGORICAL and fmt == "parquet":
            arrays[name] = pa.array(values).dictionary_encode()
        else:
            arrays[name] = pa.array(values)
    return pa.table(arrays)


def column_values(column: pa.ChunkedArray, name: str) -> np.ndarray:
    """A column read from a file as the engine holds it in memory (sentinels, strings)."""
    if name in NEVER:
        column = column.fill_null(NEVER[name])
    elif pa.types.is_dictionary(column.type):
        column = column.cast(pa.string())
    return column.to_numpy()


def read_column(path: Path, fmt: str, name: str, identity: tuple | None = None) -> np.ndarray:
    """Read one column of one part (a results folder is summarised column by column).

    With ``identity`` (from :func:`read_part`), a file replaced or rewritten since it was
    checked is refused rather than read.
    """
    try:
        with open(path, "rb") as file:
            if identity is not None and _identity(os.fstat(file.fileno())) != identity:
                raise ResultsError(f"{path}: changed after the folder was loaded and checked; "
                                   "load it again")
            if fmt == "parquet":
                table = pq.read_table(file, columns=[name])
            else:
                table = pacsv.read_csv(file, convert_options=pacsv.ConvertOptions(
                    include_columns=[name]))
        return column_values(table[name], name)
    except (OSError, pa.ArrowException, KeyError) as error:
        raise ResultsError(f"{path}: cannot read column {name!r} ({error}); the "
                           "folder changed after it was loaded") from None


def column_names(folder: Path, fmt: str) -> list[str]:
    """Column names of a folder's outcome parts (from its first part)."""
    path = part_paths(folder, fmt, 0)[0]
    if fmt == "parquet":
        try:
            return pq.read_schema(path).names
        except (OSError, pa.ArrowException) as error:
            raise ResultsError(f"{path}: corrupt or truncated part ({error})") from None
    return read_table(path, fmt).column_names


def _strays(folder: Path, fmt: str, chunks: int) -> list[Path]:
    """Files in the part folders that no chunk of the run owns (dot files aside)."""
    expected = {part_name(k, fmt) for k in range(chunks)}
    found = []
    for kind in KINDS:
        where = Path(folder) / f"{kind}.{fmt}"
        if where.is_dir():
            found += sorted(p for p in where.iterdir()
                            if p.name not in expected and not p.name.startswith((".", "_")))
    return found


class FolderColumns(Mapping):
    """Outcome columns of a results folder, read from its parts on first use, then kept.

    One column at a time (all parts in chunk order): a 10^7-world folder is summarised
    without any column in memory; a column asked for costs one read of that column. With
    ``identities`` (chunk -> file identity when it was checked), a part replaced since is
    refused.
    """

    def __init__(self, folder: Path, fmt: str, chunks: int, names: Sequence[str],
                 identities: Mapping[int, tuple] | None = None):
        self.folder, self.fmt, self.chunks, self.names = Path(folder), fmt, chunks, tuple(names)
        self.identities = dict(identities or {})
        self._cache: dict[str, np.ndarray] = {}

    def __getitem__(self, name: str) -> np.ndarray:
        if name not in self.names:
            raise KeyError(name)
        if name not in self._cache:
            parts = [read_column(part_paths(self.folder, self.fmt, k)[0], self.fmt, name,
                                 self.identities.get(k))
                     for k in range(self.chunks)]
            self._cache[name] = np.concatenate(parts) if parts else np.array([])
        return self._cache[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.names)

    def __repr__(self) -> str:
        return f"FolderColumns({str(self.folder)!r}, {len(self.names)} columns)"


def load(folder: str | Path) -> "Batch":
    """Read a results folder back, checking the manifest and every part, one at a time.

    The summary comes from per-chunk statistics, so a folder of any size is summarised
    in little memory; ``Batch.columns`` reads a column from disk when it is first used
    (and refuses a part replaced since it was checked).

    Raises:
        ResultsError: no manifest, or one that is not a JSON object, has a field of the
            wrong type, was edited, or was written without checksums; a part missing,
            corrupt, truncated, from another run, or not recorded (each named); a folder
            being written by another run.
    """
    from simulator.model.scenario import Scenario
    from simulator.running import engine  # Batch and OutcomeStats (engine imports this module)

    folder = Path(folder)
    holder = writer_of(folder)
    if holder is not None:
        raise FolderBusyError(f"{folder}: being written by another run (its lock "
                              f"{folder / LOCK} is held: {holder}); read it when that run "
                              "has finished")
    manifest = read_run_manifest(folder)
    fmt, chunks, runs, seed = (manifest["format"], manifest["chunks"], manifest["runs"],
                               manifest["seed"])
    stats, weekly, identities = [], [], {}
    for chunk in range(chunks):
        record = manifest["parts"].get(part_name(chunk, fmt))
        if record is None:
            path = part_paths(folder, fmt, chunk)[0]
            there = ("the file there is not recorded in the manifest (left by an interrupted "
                     "run, or copied from another)" if path.exists() else "the run was "
                     "interrupted")
            raise ResultsError(f"{path}: missing part; {there} - finish the run with "
                               "--resume, which recomputes it")
        columns, chunk_weekly, identities[chunk] = read_part(folder, fmt, record)
        stats.append(engine.OutcomeStats.of(columns))
        weekly.append(chunk_weekly)
    strays = _strays(folder, fmt, chunks)
    if strays:
        raise ResultsError(f"{strays[0]}: not a part of this run (the manifest records "
                           f"{chunks} chunks); remove it")
    if manifest["status"] != "complete":
        raise ResultsError(f"{folder / MANIFEST}: status {manifest['status']!r}: the run did "
                           "not finish - finish it with --resume")
    info = manifest["scenario"]
    scenario = Scenario(name=info["name"], title=str(info.get("title", "")),
                        overrides=info["overrides"])
    columns = FolderColumns(folder, fmt, chunks, column_names(folder, fmt), identities)
    seconds = manifest.get("seconds", 0.0)
    return engine.Batch(scenario, seed, runs, columns,
                        np.sum(weekly, axis=0, dtype=np.int64), folder,
                        seconds if isinstance(seconds, int | float) else 0.0, manifest,
                        engine.OutcomeStats.combine(stats))


# --- writing a folder ----------------------------------------------------------------------

class FolderWriter:
    """A results folder being written by this process, holding its lock throughout.

    Opening checks the folder can take the batch described by ``manifest`` (and, on
    ``resume``, that it holds the same batch) without changing anything. Then:
    :meth:`finished` yields the chunks already there, each checked against its record
    (raising on the first bad one, still having changed nothing); :meth:`begin` commits
    (temporary files removed, old parts removed on ``overwrite``, manifest written);
    :meth:`write_chunk` writes a chunk; :meth:`finish` writes the final manifest;
    :meth:`close` releases the lock (also a context manager).

    A chunk's parts go to temporary files, are recorded in the manifest with their sha256,
    then renamed into place: after a crash, a part on disk is whole and recorded, and a
    recorded part not on disk is recomputed by ``--resume``.
    """

    def __init__(self, folder: str | Path, manifest: dict, *, resume: bool = False,
                 overwrite: bool = False):
        self.folder, self.manifest = Path(folder), manifest
        self.fmt = manifest["format"]
        self._previous: dict | None = None
        self._kept: dict[str, dict] = {}
        self._lock: FolderLock | None = None
        try:
            self._check_path(overwrite)
            self._lock = FolderLock.acquire(self.folder)
            self.mode = self._decide(resume, overwrite)
        except OSError as error:
            self.close()
            raise ResultsError(f"out: cannot use {self.folder} "
                               f"({error.strerror or error})") from None
        except BaseException:
            self.close()
            raise

    def _entries(self) -> list[str]:
        return [p.name for p in self.folder.iterdir() if p.name != LOCK]

    def _check_path(self, overwrite: bool) -> None:
        """Refuse a file or a foreign folder, else create the folder (before locking)."""
        folder = self.folder
        if folder.exists() and not folder.is_dir():
            raise FolderInTheWayError(f"out: {folder} is a file, not a folder; choose another")
        if folder.is_dir():
            if self._entries() and not (folder / MANIFEST).is_file():
                also = "; --overwrite only replaces results" if overwrite else ""
                raise FolderInTheWayError(f"out: {folder} exists and is not a results folder"
                                          f"{also}; choose another")
            return
        try:
            folder.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ResultsError(f"out: cannot create {folder} "
                               f"({error.strerror or error})") from None

    def _decide(self, resume: bool, overwrite: bool) -> str:
        """fresh, overwrite or resume; checked under the lock, nothing changed."""
        folder = self.folder
        if not self._entries():
            return "fresh"
        if not (folder / MANIFEST).is_file():
            raise FolderInTheWayError(f"out: {folder} exists and is not a results folder; "
                                      "choose another")
        if overwrite:
            return "overwrite"
        if not resume:
            raise FolderInTheWayError(f"out: {folder} already holds results; pass --resume to "
                                      "finish them, --overwrite to replace them, or choose "
                                      "another folder")
        previous = read_run_manifest(folder)
        for key, label in (("scenario", "scenario"), ("seed", "seed"), ("runs", "runs"),
                           ("chunk_size", "chunk size"), ("format", "format")):
            before, asked = previous[key], self.manifest[key]
            if key == "scenario":
                before, asked = before["hash"], asked["hash"]
            if before != asked:
                raise OtherBatchError(f"resume: {folder} holds a run with another {label} "
                                      f"({before!r}, asked {asked!r}); nothing was changed")
        before = previous.get("versions", {}).get("simulator")
        asked = self.manifest["versions"]["simulator"]
        if before != asked:
            raise OtherBatchError(f"resume: {folder} was written by simulator {before}, this is "
                                  f"{asked}; one batch cannot mix two versions of the model, so "
                                  "nothing was changed (--overwrite or another folder runs it "
                                  "anew)")
        before = previous.get("versions", {}).get("float32_rounding")
        asked = self.manifest["versions"]["float32_rounding"]
        if before is not None and before != asked:  # None: written before it was recorded
            raise OtherBatchError(f"resume: {folder} was computed on a machine that rounds "
                                  f"float32 arithmetic otherwise (digest {before}, here {asked}:"
                                  " another CPU family); one batch cannot mix two machines' "
                                  "bytes, so nothing was changed (resume it there, or "
                                  "--overwrite)")
        strays = [p for p in _strays(folder, self.fmt, previous["chunks"])
                  if not p.name.endswith(".tmp")]
        if strays:
            raise ResultsError(f"{strays[0]}: not a part of this run (the manifest records "
                               f"{previous['chunks']} chunks); remove it and resume again")
        self._previous = previous
        return "resume"

    def finished(self) -> Iterator[tuple[int, dict[str, np.ndarray], np.ndarray]]:
        """On resume, (chunk, summary columns, weekly counts) of each finished chunk.

        Each is checked against its record first: a part that does not match (corrupt,
        edited, copied from another run) raises ResultsError naming it, and nothing has
        been changed. A recorded part missing from disk (a crash between recording and
        renaming it) and a part that is not recorded are left to be recomputed.
        """
        if self._previous is None:
            return
        records = sorted(self._previous["parts"].items(), key=lambda item: item[1]["chunk"])
        for name, record in records:
            if not all(p.is_file() for p in part_paths(self.folder, self.fmt, record["chunk"])):
                continue
            columns, weekly, _ = read_part(self.folder, self.fmt, record)
            self._kept[name] = record
            yield record["chunk"], columns, weekly

    def begin(self) -> None:
        """Commit: remove temporary files (and, on overwrite, old parts); write the manifest."""
        try:
            if self._previous is not None:
                self.manifest["created"] = self._previous.get("created",
                                                              self.manifest.get("created"))
            self.manifest["parts"] = dict(self._kept)
            write_sealed_manifest(self.folder, self.manifest)
            for kind in KINDS:
                for fmt in FORMATS:
                    where = self.folder / f"{kind}.{fmt}"
                    if self.mode == "overwrite":
                        shutil.rmtree(where, ignore_errors=True)
                    elif where.is_dir():
                        for tmp in where.glob("*.tmp"):
                            tmp.unlink()
        except OSError as error:
            raise ResultsError(f"out: cannot write in {self.folder} "
                               f"({error.strerror or error})") from None

    def write_chunk(self, chunk: int, outcomes: Mapping[str, np.ndarray],
                    weekly: np.ndarray) -> None:
        """Write a chunk's parts: temporary files, record in the manifest, then rename."""
        rows = len(next(iter(outcomes.values())))
        # Tidy and self-describing: each weekly row says its chunk and its denominator (the
        # chunk's worlds), and every Parquet part carries its scenario hash, seed and chunk.
        weekly_table = pa.table({"chunk": np.full(len(weekly), chunk, dtype=np.int32),
                                 "week": np.arange(1, len(weekly) + 1, dtype=np.int16),
                                 "worlds": np.full(len(weekly), rows, dtype=np.int32),
                                 **{c: weekly[:, i] for i, c in enumerate(WEEKLY_COLUMNS)}})
        identity = {b"scenario_hash": str(self.manifest["scenario"]["hash"]).encode(),
                    b"seed": str(self.manifest["seed"]).encode(), b"chunk": str(chunk).encode()}
        outcomes_bytes = table_bytes(
            outcome_table(outcomes, self.fmt).replace_schema_metadata(identity), self.fmt)
        weekly_bytes = table_bytes(weekly_table.replace_schema_metadata(identity), self.fmt)
        outcomes_path, weekly_path = part_paths(self.folder, self.fmt, chunk)
        path = outcomes_path
        try:
            moves = []
            for path, data in ((weekly_path, weekly_bytes), (outcomes_path, outcomes_bytes)):
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_name(f".{path.name}.tmp")
                tmp.write_bytes(data)
                moves.append((tmp, path))
            path = self.folder / MANIFEST
            self.manifest["parts"][outcomes_path.name] = {
                "chunk": chunk, "seed": self.manifest["seed"],
                "scenario_hash": self.manifest["scenario"]["hash"],
                "rows": rows,
                "outcomes_sha256": sha256(outcomes_bytes), "weekly_sha256": sha256(weekly_bytes)}
            self.manifest["parts"] = dict(sorted(self.manifest["parts"].items()))
            write_sealed_manifest(self.folder, self.manifest)
            for tmp, path in moves:  # weekly first: the outcomes part marks the chunk done
                os.replace(tmp, path)
        except OSError as error:
            raise ResultsError(f"{path}: cannot write ({error.strerror or error})") from None

    def finish(self) -> FolderColumns:
        """Write the final manifest; return the folder's outcome columns (read on use)."""
        try:
            write_sealed_manifest(self.folder, self.manifest)
            chunks = self.manifest["chunks"]
            identities = {k: _identity(os.stat(part_paths(self.folder, self.fmt, k)[0]))
                          for k in range(chunks)}
        except OSError as error:
            raise ResultsError(f"out: cannot write in {self.folder} "
                               f"({error.strerror or error})") from None
        return FolderColumns(self.folder, self.fmt, chunks,
                             column_names(self.folder, self.fmt), identities)

    def close(self) -> None:
        """Release the lock (idempotent)."""
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> "FolderWriter":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


# --- provenance ----------------------------------------------------------------------------

def versions() -> dict[str, str]:
    """Versions of what produced a result, for the manifest."""
    return dict(_versions())


@functools.cache
def _versions() -> dict[str, str]:
    """The versions, read once per process (13 ms of metadata lookups: a tenth of a run)."""
    from simulator import __version__  # the code's own, not what pip installed last

    found = {"python": platform.python_version(), "simulator": __version__}
    for package in ("mesa", "numpy", "scipy", "pyarrow"):
        try:
            found[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            pass
    found["float32_rounding"] = float32_rounding()
    return found


@functools.cache
def float32_rounding() -> str:
    """A digest of how this process rounds the float32 functions the model calls.

    numpy picks its SIMD code for the CPU at run time, and its float32 exp and power round
    differently with AVX-512 than with AVX2: the same seed then gives other bytes (measured
    at seed 2022, 100,000 worlds per preset: territory differs in its last digits in 30-41%
    of worlds, and one baseline world saw its leader ousted on one and not the other).
    Machines whose digests differ give other bytes; digests that agree on 4,099 values of
    each function are strong evidence that the bytes will too, not a proof.
    """
    import hashlib

    import numpy as np
    from scipy.special import expit, logit

    x = np.linspace(-30, 30, 4099, dtype=np.float32)  # an odd count: the SIMD loops' tails too
    u = np.linspace(0, 1, 4099, dtype=np.float32)
    digest = hashlib.sha256()
    with np.errstate(all="ignore"):  # 0 to a negative power, logit(0): infinities, as intended
        for values in (np.exp(x), np.power(u, x / 8), u ** 3, np.sqrt(u), expit(x), logit(u)):
            digest.update(np.ascontiguousarray(values, np.float32).tobytes())
    return digest.hexdigest()[:12]


def provenance() -> dict[str, Any]:
    """What made a result: the command line and the git commit of the code, for the manifest.

    ``git_commit`` is None outside a git checkout; ``git_dirty`` says whether the checkout had
    uncommitted changes (then the commit alone does not reproduce the code). Only a checkout
    whose top is the folder holding ``simulator/`` counts: an installed copy in a venv inside
    some other repository is not that repository's code.
    """
    import subprocess

    root = Path(__file__).resolve().parents[2]
    found: dict[str, Any] = {"command": " ".join(sys.argv), "git_commit": None,
                             "git_dirty": None}
    try:
        commit = subprocess.run(["git", "rev-parse", "--show-toplevel", "HEAD"], cwd=root,
                                capture_output=True, text=True, timeout=10)
        top, _, head = commit.stdout.strip().partition("\n")
        if commit.returncode == 0 and Path(top).resolve() == root:
            found["git_commit"] = head
            status = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"],
                                    cwd=root, capture_output=True, text=True, timeout=10)
            found["git_dirty"] = bool(status.stdout.strip()) if status.returncode == 0 else None
    except (OSError, subprocess.SubprocessError):
        pass
    return found


def now() -> str:
    """UTC timestamp for the manifest."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
