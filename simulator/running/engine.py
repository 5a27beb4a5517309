"""Monte Carlo engine: run a batch (``run``), several on one seed (``run_many``), or points.

World ``i`` lives in chunk ``i // CHUNK_SIZE`` and draws from a generator seeded by
``SeedSequence(seed, spawn_key=(chunk,))``. Its draws do not depend on how many worlds
the chunk holds, on which worker runs it, or in what order chunks finish: a batch gives
the same bytes with one process, many, or a Dask cluster, and a world can be replayed
alone.

Work is cut into tasks (``tasks``) and mapped by a runner (``executor``) on one of: this
process (small batches, ``workers=1``), a process pool (the default for large batches), a
Dask cluster (``dask="tcp://host:8786"``, ``dask_cluster``) or any
``concurrent.futures.Executor`` the caller passes. A failed task is retried once, then
reported with its seed. Summaries are merged from per-chunk statistics (``OutcomeStats``) in
chunk order (``streaming.ChunkFold``), so a batch written to disk, or run for its summary
alone (``keep_worlds=False``), never has to sit in memory, and every path (in memory, a
results folder, ``summarize``, a sweep point) gives the same numbers.

The names callers used from here before the split (``Batch``, ``chunk_draws``,
``open_runner``, ``connect_dask``, ...) are still importable from here.
"""

import functools
import time
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from simulator.model import pool, ranges
from simulator.model.scenario import Scenario
from simulator.model.world import STRUCTURAL
from simulator.results.batch import Batch, JoinedColumns
from simulator.results.errors import FolderInTheWayError, ResultsError
from simulator.results.layout import FORMATS
from simulator.results.manifest import complete, run_manifest
from simulator.results.origin import provenance
from simulator.results.parts import FolderColumns
from simulator.results.reading import load
from simulator.results.stats import BlockStats, OutcomeStats
from simulator.results.writer import FolderWriter
from simulator.running import streaming
from simulator.running.chunks import (
    CHUNK_SIZE,
    IN_PROCESS_LIMIT,
    MAX_RUNS,
    EngineError,
    check_runs,
    check_seed,
    chunk_label,
    plan,
)
from simulator.running.dask_cluster import (
    DASK_TIMEOUT_ENV,
    check_workers,
    connect_dask,
    simulator_identity,
)
from simulator.running.draws import DRAWS_KEPT_BYTES, chunk_draws, chunk_rng
from simulator.running.executor import Runner, Task, default_workers, open_runner, process_pool
from simulator.running.memory import MMAP_THRESHOLD, keep_heap
from simulator.running.progress import progress_bar
from simulator.running.tasks import ChunkResult, replay_world, simulate_chunk, simulate_stats

__all__ = [  # what this module defines, and the names callers import from here
    "CHUNK_SIZE", "DASK_TIMEOUT_ENV", "DRAWS_KEPT_BYTES", "IN_PROCESS_LIMIT", "MAX_RUNS",
    "MMAP_THRESHOLD", "Batch", "ChunkResult", "EngineError", "FolderColumns", "FolderInTheWay",
    "JoinedColumns", "OutcomeStats", "ResultsError", "Runner", "Task", "check_runs",
    "check_seed", "check_workers", "chunk_draws", "chunk_label", "chunk_rng", "connect_dask",
    "default_workers", "evaluate", "keep_heap", "load", "open_runner", "plan", "process_pool",
    "progress_bar", "replay_world", "run", "run_many", "simulate_chunk", "simulate_stats",
    "simulator_identity",
]
_check_seed = check_seed  # the name simulator/studies/experiments.py uses


def run(scenario: Scenario, runs: int = 10_000, seed: int = 0, *, out: str | Path | None = None,
        fmt: str = "parquet", workers: int | None = None, dask: str | None = None,
        executor: Executor | None = None, resume: bool = False, progress: bool = False,
        overwrite: bool = False, keep_worlds: bool = True, uncertainty: bool = False) -> Batch:
    """Run ``runs`` worlds of ``scenario`` from ``seed``; write them to ``out`` if given.

    Args:
        scenario: The scenario to run.
        runs: Number of worlds.
        seed: Batch seed; the same seed and scenario give the same bytes.
        out: Results folder to write (a part per chunk + manifest). The batch then never
            sits in memory: the returned Batch reads columns from disk when asked.
        fmt: ``parquet`` or ``csv`` for the parts.
        workers: Worker processes (default: all cores, or this process for small
            batches); 1 runs in this process.
        dask: Address of a Dask scheduler (``tcp://host:8786``) to run the chunks on.
        executor: Any ``concurrent.futures.Executor`` (overrides workers and dask).
        resume: Keep the finished chunks already in ``out`` and run only the rest.
        progress: Show a progress bar on a terminal.
        overwrite: Replace an existing results folder.
        keep_worlds: Without ``out``, keep every world's outcomes in memory (about 116 bytes
            a world). False keeps only the summary and weekly counts, folded in chunk by
            chunk: memory stays flat whatever ``runs``, the numbers are the same.
        uncertainty: Draw the scenario's ranged parameters (``Scenario.ranges``) once per
            block of ``ranges.BLOCK_WORLDS`` worlds, on the point run's own draws; the
            batch's ``predictive`` then gives each outcome's predictive interval and the
            parts of its spread. Without it, nothing changes.

    Raises:
        EngineError: bad options, a folder in the way or holding another batch, an
            unreachable Dask scheduler, a chunk that failed twice; ``uncertainty`` on a
            scenario without ranges, with a range on a structural parameter, or on fewer
            than two blocks of worlds.
        ResultsError: ``out`` being written by another run (its lock is held:
            ``FolderBusyError``), an output path that cannot be created, or, on
            ``resume``, a manifest or finished part that does not match its checksum.
    """
    if fmt not in FORMATS:
        raise EngineError(f"format: {fmt!r} is not allowed; choose parquet or csv")
    seed = check_seed(seed)
    chunks = plan(runs)
    parameters = scenario.parameters
    folder = Path(out) if out is not None else None
    manifest = run_manifest(scenario, seed, runs, CHUNK_SIZE, fmt)
    ranged, extra = _plan_blocks(scenario, runs, uncertainty, manifest)
    stats = streaming.ChunkFold(len(chunks), OutcomeStats.merge, OutcomeStats.empty())
    blocks = streaming.ChunkFold(len(chunks), BlockStats.merge, BlockStats.empty())
    weekly = streaming.ChunkFold(len(chunks), functools.partial(np.add, dtype=np.int64), 0)
    collected: dict[int, dict[str, np.ndarray]] = {}
    finished: set[int] = set()
    writer: FolderWriter | None = None
    try:
        with open_runner(runs, workers, dask, executor) as runner:
            # after connecting (an unreachable cluster leaves no folder behind); the folder
            # is locked from here until the final manifest is written
            if folder is not None:
                writer = _open_folder(folder, manifest, resume, overwrite)
                for chunk, columns, chunk_weekly in writer.finished():
                    stats.add(chunk, OutcomeStats.of(columns))
                    if ranged is not None:
                        blocks.add(chunk, BlockStats.of(columns, chunk * CHUNK_SIZE,
                                                        ranges.BLOCK_WORLDS))
                    weekly.add(chunk, chunk_weekly)
                    finished.add(chunk)
                writer.begin()
            tasks = [Task(k, simulate_chunk, (parameters, seed, k, n, *extra),
                          chunk_label(seed, k, n))
                     for k, n in chunks if k not in finished]
            started = time.perf_counter()
            runner.start(len(tasks))
            with progress_bar(len(chunks), progress, completed=len(finished)) as advance:
                for _task, result in runner.map(tasks):
                    if writer is not None:
                        writer.write_chunk(result.chunk, result.outcomes, result.weekly)
                    elif keep_worlds:
                        collected[result.chunk] = result.outcomes
                    stats.add(result.chunk, result.stats)
                    if ranged is not None:
                        blocks.add(result.chunk, result.blocks)
                    weekly.add(result.chunk, result.weekly)
                    advance()
            seconds = time.perf_counter() - started
            where = runner.where
        total, counts = stats.total, weekly.total
        kept_blocks = blocks.total if ranged is not None else None
        computed = sum(task.args[3] for task in tasks)
        complete(manifest, seconds, len(tasks), computed, where)
        if writer is None:
            columns = (JoinedColumns([collected[k] for k, _ in chunks]) if keep_worlds
                       else streaming.WorldsNotKept())
            return Batch(scenario, seed, runs, columns, counts, None, seconds, manifest, total,
                         kept_blocks)
        return Batch(scenario, seed, runs, writer.finish(), counts, folder, seconds, manifest,
                     total, kept_blocks)
    finally:  # on success, error or Ctrl-C (a killed process's lock goes with it)
        if writer is not None:
            writer.close()


def _plan_blocks(scenario: Scenario, runs: int, uncertainty: bool,
                 manifest: dict) -> tuple[dict[str, ranges.Range] | None, tuple]:
    """What blocks of worlds draw: ranges (``uncertainty``), a pool's members, or nothing.

    Records it in ``manifest`` and returns the ranges drawn (every member's, for a pool;
    None without ``uncertainty``) and the extra arguments of ``simulate_chunk``.
    """
    ranged = uncertain_ranges(scenario, runs) if uncertainty else None
    if ranged is not None:
        manifest["uncertainty"] = uncertainty_record(ranged)
    if not scenario.pool:
        return ranged, ((False, ranged) if ranged is not None else ())
    manifest["pool"] = pool.record(scenario.pool, scenario.pool_basis)
    members = tuple(m if uncertainty else replace(m, ranges={}) for m in scenario.pool)
    if uncertainty:
        manifest["uncertainty"]["views"] = {
            m.name: uncertainty_record(m.ranges)["ranges"] for m in scenario.pool}
    return ranged, (False, None, members)


def uncertain_ranges(scenario: Scenario, runs: int) -> dict[str, ranges.Range]:
    """The ranges an ``uncertainty`` run of ``scenario`` draws, or EngineError saying why not.

    For a pool: every member's ranges (a manifest records each member's apart).
    """
    found = dict(getattr(scenario, "ranges", None) or {})
    for member in scenario.pool:
        found.update(member.ranges)
    if not found:
        raise EngineError(f"uncertainty: scenario {scenario.name!r} gives no parameter a range, "
                          "so there is no uncertainty to draw; give parameters a `range:` "
                          "(kind, low, high) in its file, or run it without --uncertainty")
    structural = sorted(set(found) & set(STRUCTURAL))
    if structural:
        raise EngineError(f"{structural[0]}: shapes the model itself (one value per model), "
                          "so it cannot take a range; give it a point value")
    if runs < 2 * ranges.BLOCK_WORLDS:
        raise EngineError(f"runs: {runs:,} is too few for uncertainty; each block of "
                          f"{ranges.BLOCK_WORLDS} worlds draws one set of assumptions and the "
                          f"spread needs at least two blocks ({2 * ranges.BLOCK_WORLDS} worlds; "
                          f"{40 * ranges.BLOCK_WORLDS:,} or more for a steady interval)")
    return {name: found[name] for name in sorted(found)}


def uncertainty_record(ranged: Mapping[str, ranges.Range]) -> dict[str, Any]:
    """What a manifest records of an ``uncertainty`` run: block size and distributions."""
    return {"block_worlds": ranges.BLOCK_WORLDS,
            "ranges": {name: {**r.as_dict(), "mode": r.mode, "integer": r.integer}
                       for name, r in sorted(ranged.items())}}


assert CHUNK_SIZE % ranges.BLOCK_WORLDS == 0, "a chunk must hold whole blocks of worlds"


class FolderInTheWay(EngineError, FolderInTheWayError):
    """An output folder that cannot take this batch (a file, another batch's results).

    Both an EngineError (as ``run`` always raised it) and a ``results.ResultsError``.
    """


def _open_folder(folder: Path, manifest: dict, resume: bool,
                 overwrite: bool) -> FolderWriter:
    """Lock and check the results folder (``FolderWriter``) for this batch."""
    try:
        return FolderWriter(folder, manifest, resume=resume, overwrite=overwrite)
    except FolderInTheWayError as error:
        raise FolderInTheWay(str(error)) from None


def run_many(scenarios: Sequence[Scenario], runs: int = 10_000, seed: int = 0, *,
             workers: int | None = None, dask: str | None = None,
             executor: Executor | None = None, progress: bool = False,
             uncertainty: bool = False) -> list[Batch]:
    """Run several scenarios on the same seed (common random numbers), in memory.

    All their chunks go through one runner: one pool or cluster for every scenario.
    Each batch is identical to ``run(scenario, runs, seed)``, its manifest too (but for the
    timing, which is that of all the scenarios together); with ``uncertainty``, to
    ``run(scenario, runs, seed, uncertainty=True)``, and block b of every scenario draws
    the same quantiles of the parameters they range alike (paired blocks).
    """
    seed = check_seed(seed)
    chunks = plan(runs)
    if not scenarios:
        raise EngineError("scenarios: give at least one scenario")
    parameter_sets = [s.parameters for s in scenarios]
    found = provenance()  # once for all: it asks git
    manifests = [run_manifest(scenario, seed, runs, CHUNK_SIZE, FORMATS[0], found)
                 for scenario in scenarios]
    planned = [_plan_blocks(scenario, runs, uncertainty, manifest)
               for scenario, manifest in zip(scenarios, manifests, strict=True)]
    ranged = [drawn for drawn, _ in planned]
    tasks = [Task((i, k), simulate_chunk, (parameters, seed, k, n, *planned[i][1]),
                  chunk_label(seed, k, n, f"scenario {scenarios[i].name!r}, "))
             for i, parameters in enumerate(parameter_sets) for k, n in chunks]
    found: dict[tuple[int, int], ChunkResult] = {}
    started = time.perf_counter()
    with open_runner(runs * len(scenarios), workers, dask, executor) as runner:
        runner.start(len(tasks))
        with progress_bar(len(tasks), progress) as advance:
            for task, result in runner.map(tasks):
                found[task.key] = result
                advance()
        where = runner.where
    seconds = time.perf_counter() - started
    batches = []
    for i, scenario in enumerate(scenarios):
        ordered = [found[i, k] for k, _ in chunks]
        columns = JoinedColumns([r.outcomes for r in ordered])
        weekly = np.sum([r.weekly for r in ordered], axis=0, dtype=np.int64)
        manifest = complete(manifests[i], seconds, len(chunks), runs, where)
        blocks = (functools.reduce(BlockStats.merge, (r.blocks for r in ordered),
                                   BlockStats.empty()) if ranged[i] else None)
        batches.append(Batch(scenario, seed, runs, columns, weekly, None, seconds, manifest,
                             OutcomeStats.combine(r.stats for r in ordered), blocks))
    return batches


def evaluate(parameter_sets: Sequence[Mapping[str, Any]], runs: int, seed: int,
             runner: Runner, progress: bool = False, description: str = "points",
             on_point: Callable[[int, OutcomeStats], None] | None = None) -> list[OutcomeStats]:
    """Statistics of ``runs`` worlds for each parameter set, all on the same seed.

    Point p's chunk k is chunk k of ``run(scenario_p, runs, seed)``: every point sees the
    same draws (common random numbers), so differences between points are the effect of
    the parameters, not of noise. Small points are grouped into one task, up to
    ``CHUNK_SIZE`` worlds, but never into fewer than about twice the runner's slots when the
    job allows (each point's numbers are the same however they are grouped: a vectorised
    model computes each world as alone), so every worker stays busy. ``on_point(p, stats)``
    is called as each point's last chunk finishes (a design saves its blocks with it).
    """
    seed = check_seed(seed)
    chunks = plan(runs)
    items = [(p, k, n) for p in range(len(parameter_sets)) for k, n in chunks]
    total = sum(n for _, _, n in items)
    limit = min(CHUNK_SIZE, max(1, -(-total // (2 * runner.slots))))
    groups, current, size = [], [], 0
    for item in items:
        if current and size + item[2] > limit:
            groups.append(current)
            current, size = [], 0
        current.append(item)
        size += item[2]
    if current:
        groups.append(current)
    tasks = []
    for group in groups:
        points = sorted({p for p, _, _ in group})
        span = f"point {points[0]}" if len(points) == 1 else f"points {points[0]}-{points[-1]}"
        label = f"{span}, {chunk_label(seed, group[0][1], group[0][2])}"
        tasks.append(Task(tuple((p, k) for p, k, _ in group), simulate_stats,
                          ([(parameter_sets[p], k, n) for p, k, n in group], seed), label))
    found: dict[tuple[int, int], OutcomeStats] = {}
    left = {p: len(chunks) for p in range(len(parameter_sets))}
    runner.start(len(tasks))
    with progress_bar(len(items), progress, description) as advance:
        for task, result in runner.map(tasks):
            found.update(zip(task.key, result, strict=True))
            advance(len(task.key))
            for p, _ in task.key:
                left[p] -= 1
                if not left[p] and on_point is not None:
                    on_point(p, OutcomeStats.combine(found[p, k] for k, _ in chunks))
    return [OutcomeStats.combine(found[p, k] for k, _ in chunks)
            for p in range(len(parameter_sets))]
