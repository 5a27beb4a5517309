"""The parts of a results folder: a chunk's outcomes and weekly counts as Parquet or CSV.

Written as bytes (so the manifest records their sha256 before they are renamed into place),
read back checked against that record, and read column by column so that a folder of any
size is summarised in little memory.
"""

import os
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pyarrow.parquet as pq

from simulator.results import analysis
from simulator.results.errors import ResultsError
from simulator.results.files import sha256, write_atomic
from simulator.results.layout import WEEKLY_COLUMNS, part_paths


def write_table(path: Path, table: pa.Table, fmt: str) -> None:
    """Write one table as Parquet or CSV, atomically."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if fmt == "parquet":
        write_atomic(path, lambda tmp: pq.write_table(table, tmp, compression="zstd"))
    else:
        write_atomic(path, lambda tmp: pacsv.write_csv(table, tmp))


def table_bytes(table: pa.Table, fmt: str) -> bytes:
    """A table as the bytes of a Parquet or CSV file (what ``write_table`` writes)."""
    sink = pa.BufferOutputStream()
    if fmt == "parquet":
        pq.write_table(table, sink, compression="zstd")
    else:
        pacsv.write_csv(table, sink)
    return sink.getvalue().to_pybytes()


def file_identity(stat: os.stat_result) -> tuple[int, int, int, int]:
    """What tells a file apart from one put in its place: device, inode, size, mtime."""
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
            identity = file_identity(os.fstat(file.fileno()))
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
            if identity is not None and file_identity(os.fstat(file.fileno())) != identity:
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
