"""Reading a results folder back (``load``): every part checked, the summary in little memory."""

from pathlib import Path

import numpy as np

from simulator.model.scenario import Scenario
from simulator.results.batch import Batch
from simulator.results.errors import FolderBusyError, ResultsError
from simulator.results.layout import LOCK, MANIFEST, part_name, part_paths, stray_files
from simulator.results.lock import writer_of
from simulator.results.manifest import read_run_manifest
from simulator.results.parts import FolderColumns, column_names, read_part
from simulator.results.stats import OutcomeStats


def load(folder: str | Path) -> Batch:
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
        stats.append(OutcomeStats.of(columns))
        weekly.append(chunk_weekly)
    strays = stray_files(folder, fmt, chunks)
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
    return Batch(scenario, seed, runs, columns, np.sum(weekly, axis=0, dtype=np.int64), folder,
                 seconds if isinstance(seconds, int | float) else 0.0, manifest,
                 OutcomeStats.combine(stats))
