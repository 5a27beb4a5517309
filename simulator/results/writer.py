"""Writing a results folder: under its lock, a chunk at a time, each part recorded first."""

import json
import os
import shutil
from collections.abc import Iterator, Mapping
from pathlib import Path

import numpy as np
import pyarrow as pa

from simulator.results.errors import FolderInTheWayError, OtherBatchError, ResultsError
from simulator.results.files import sha256
from simulator.results.layout import (
    FORMATS,
    JOURNAL,
    KINDS,
    LOCK,
    MANIFEST,
    WEEKLY_COLUMNS,
    part_paths,
    stray_files,
)
from simulator.results.lock import FolderLock
from simulator.results.manifest import read_run_manifest, write_sealed_manifest
from simulator.results.parts import (
    FolderColumns,
    column_names,
    file_identity,
    outcome_table,
    read_part,
    table_bytes,
)


def journal_line(name: str, record: Mapping) -> str:
    """One journal line: a part's name and record, with the sha256 of both."""
    body = {"part": name, **record}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"))
    return json.dumps({**body, "sha256": sha256(text.encode())}, sort_keys=True,
                      separators=(",", ":")) + "\n"


def read_journal(folder: Path) -> dict[str, dict]:
    """The part records a run appended to its journal, each line's sha256 checked.

    A last line cut short (the run was killed while writing it) is left out: its chunk is
    recomputed. Any other line that does not check raises ResultsError naming it.
    """
    path = Path(folder) / JOURNAL
    try:
        lines = path.read_text(encoding="utf-8").split("\n")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as error:
        raise ResultsError(f"{path}: cannot read ({error})") from None
    found = {}
    for number, line in enumerate(lines, 1):
        if not line:
            continue
        try:
            entry = json.loads(line)
            body = {k: v for k, v in entry.items() if k != "sha256"}
            ok = journal_line(body.pop("part"), body).strip() == line
        except (ValueError, AttributeError, KeyError, TypeError):
            ok = False
        if not ok:
            if number == len(lines):  # no newline after it: cut short by a kill
                continue
            raise ResultsError(f"{path}: line {number} does not match its sha256 (edited or "
                               "corrupt); remove the folder's last parts or run it anew with "
                               "--overwrite")
        found[entry["part"]] = body
    return found


class FolderWriter:
    """A results folder being written by this process, holding its lock throughout.

    Opening checks the folder can take the batch described by ``manifest`` (and, on
    ``resume``, that it holds the same batch) without changing anything. Then:
    :meth:`finished` yields the chunks already there, each checked against its record
    (raising on the first bad one, still having changed nothing); :meth:`begin` commits
    (temporary files removed, old parts removed on ``overwrite``, manifest written);
    :meth:`write_chunk` writes a chunk; :meth:`finish` writes the final manifest;
    :meth:`close` releases the lock (also a context manager).

    A chunk's parts go to temporary files, are recorded with their sha256, then renamed
    into place: after a crash, a part on disk is whole and recorded, and a recorded part
    not on disk is recomputed by ``--resume``. The record is one line appended to the
    folder's journal (``layout.JOURNAL``), each line with its own sha256, so a chunk costs
    the same at the 10th part as at the 60,000th; the manifest, written whole at the start
    and at the end, seals every record when the run finishes, and the journal goes.
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
        previous["parts"] = {**previous["parts"], **read_journal(folder)}
        for key, label in (("scenario", "scenario"), ("seed", "seed"), ("runs", "runs"),
                           ("chunk_size", "chunk size"), ("format", "format")):
            before, asked = previous[key], self.manifest[key]
            if key == "scenario":
                before, asked = before["hash"], asked["hash"]
            if before != asked:
                raise OtherBatchError(f"resume: {folder} holds a run with another {label} "
                                      f"({before!r}, asked {asked!r}); nothing was changed")
        self._check_uncertainty(previous)
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
        strays = [p for p in stray_files(folder, self.fmt, previous["chunks"])
                  if not p.name.endswith(".tmp")]
        if strays:
            raise ResultsError(f"{strays[0]}: not a part of this run (the manifest records "
                               f"{previous['chunks']} chunks); remove it and resume again")
        self._previous = previous
        return "resume"

    def _check_uncertainty(self, previous: Mapping) -> None:
        """Refuse to resume a folder whose blocks drew other ranges (or none, or some)."""
        before = previous.get("uncertainty")
        asked = json.loads(json.dumps(self.manifest.get("uncertainty"), default=str))
        if before == asked:
            return
        if not before or not asked:
            said = ("was run without --uncertainty, this run draws ranges" if not before else
                    "was run with --uncertainty, this run draws none")
            raise OtherBatchError(f"resume: {self.folder} {said}; one batch cannot mix point "
                                  "and ranged worlds, so nothing was changed")
        was, now = before.get("ranges", {}), asked.get("ranges", {})
        differ = sorted(name for name in {*was, *now} if was.get(name) != now.get(name))
        shown = "; ".join(f"{name}: {was.get(name, 'no range')!r}, asked "
                          f"{now.get(name, 'no range')!r}" for name in differ[:3])
        if before.get("block_worlds") != asked.get("block_worlds"):
            shown = f"blocks of {before.get('block_worlds')} worlds, asked {asked['block_worlds']}"
        raise OtherBatchError(f"resume: {self.folder} was run with other ranges ({shown}); "
                              "one batch cannot mix two sets of ranges, so nothing was "
                              "changed")

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
            (self.folder / JOURNAL).write_text("")  # the kept parts are in the manifest now
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
            path = self.folder / JOURNAL
            record = {"chunk": chunk, "seed": self.manifest["seed"],
                      "scenario_hash": self.manifest["scenario"]["hash"], "rows": rows,
                      "outcomes_sha256": sha256(outcomes_bytes),
                      "weekly_sha256": sha256(weekly_bytes)}
            self.manifest["parts"][outcomes_path.name] = record
            with open(path, "a", encoding="utf-8") as journal:
                journal.write(journal_line(outcomes_path.name, record))
            for tmp, path in moves:  # weekly first: the outcomes part marks the chunk done
                os.replace(tmp, path)
        except OSError as error:
            raise ResultsError(f"{path}: cannot write ({error.strerror or error})") from None

    def finish(self) -> FolderColumns:
        """Write the final manifest; return the folder's outcome columns (read on use)."""
        try:
            self.manifest["parts"] = dict(sorted(self.manifest["parts"].items()))
            write_sealed_manifest(self.folder, self.manifest)
            (self.folder / JOURNAL).unlink(missing_ok=True)  # sealed into the manifest
            chunks = self.manifest["chunks"]
            identities = {k: file_identity(os.stat(part_paths(self.folder, self.fmt, k)[0]))
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
