"""``python -m bench.manifest_bench [--quick]``: a results folder's bookkeeping per chunk.

Two measurements, both ratios in one run (nothing asserts a time):

1. Replay: the per-chunk bookkeeping of a folder holding N parts, for N = 10^3, 10^4, 10^5
   (10^5 parts: 1.6 x 10^9 worlds): before 0.7.0 every chunk rewrote and re-hashed the whole
   manifest (``write_sealed_manifest`` with N part records); now it appends one journal
   line (``writer.journal_line``). Printed: seconds per chunk of each, and their ratio.
2. Flatness: a real ``FolderWriter`` writing tiny parts (CSV, 4 worlds each): the mean time
   of a chunk among the last 200 over the first 200; 1.0 is flat.
"""

import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

from simulator.model.scenario import load
from simulator.results import manifest as manifests
from simulator.results import writer
from simulator.results.layout import WEEKLY_COLUMNS
from simulator.running import engine

TARGET = "per-chunk cost flat from 10^3 to 10^5 parts"


def record(chunk: int) -> dict:
    """A part's record as a run writes it."""
    return {"chunk": chunk, "seed": 1, "scenario_hash": "0" * 16, "rows": 16384,
            "outcomes_sha256": "a" * 64, "weekly_sha256": "b" * 64}


def replay(parts: int, folder: Path, repeats: int) -> tuple[float, float]:
    """Seconds per chunk: the old manifest rewrite at ``parts`` records, the journal line."""
    manifest = manifests.run_manifest(load("baseline"), 1, parts * engine.CHUNK_SIZE,
                                      engine.CHUNK_SIZE, "parquet")
    manifest["parts"] = {f"part-{k:05d}.parquet": record(k) for k in range(parts)}
    started = time.perf_counter()
    for _ in range(repeats):
        manifests.write_sealed_manifest(folder, manifest)
    old = (time.perf_counter() - started) / repeats
    started = time.perf_counter()
    with open(folder / "journal", "a", encoding="utf-8") as journal:
        for k in range(repeats * 100):
            journal.write(writer.journal_line(f"part-{k:05d}.parquet", record(k)))
            journal.flush()
    return old, (time.perf_counter() - started) / (repeats * 100)


def flatness(chunks: int, folder: Path) -> float:
    """Mean seconds of the last 200 chunks over the first 200, tiny parts."""
    manifest = manifests.run_manifest(load("baseline"), 1, chunks * 4, 4, "csv")
    outcomes = {"world": np.arange(4), "nuclear_use": np.zeros(4, bool)}
    weekly = np.zeros((52, len(WEEKLY_COLUMNS)), np.int64)
    times = []
    with writer.FolderWriter(folder, manifest) as out:
        out.begin()
        for chunk in range(chunks):
            started = time.perf_counter()
            out.write_chunk(chunk, outcomes, weekly)
            times.append(time.perf_counter() - started)
    return statistics.mean(times[-200:]) / statistics.mean(times[:200])


def main(argv: list[str]) -> None:
    """Print both measurements (``--quick``: up to 10^4 parts)."""
    quick = "--quick" in argv
    sizes = (1_000, 10_000) if quick else (1_000, 10_000, 100_000)
    print("Results folder bookkeeping per chunk (one process)\n")
    print("| parts in the folder | manifest rewrite (before) | journal line (now) | ratio |")
    print("|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for parts in sizes:
            old, new = replay(parts, Path(tmp), 3 if parts < 100_000 else 1)
            print(f"| {parts:,} | {old * 1e3:.2f} ms | {new * 1e6:.1f} us | {old / new:,.0f}x |")
        chunks = 1_000 if quick else 3_000
        ratio = flatness(chunks, Path(tmp) / "folder")
    print(f"\nFolderWriter, {chunks:,} tiny parts: the last 200 chunks took {ratio:.2f}x the "
          f"first 200 (1.00 is flat). Target: {TARGET}.")


if __name__ == "__main__":
    main(sys.argv[1:])
