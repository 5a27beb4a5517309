"""Monte Carlo engine: fixed-size chunks, each seeded by (seed, chunk), on any executor.

World ``i`` lives in chunk ``i // CHUNK_SIZE`` and draws from a generator seeded by
``SeedSequence(seed, spawn_key=(chunk,))``. Its draws do not depend on how many worlds
the chunk holds, on which worker runs it, or in what order chunks finish: a batch gives
the same bytes with one process, many, or a Dask cluster, and a world can be replayed
alone.
"""

import multiprocessing
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import Executor, Future, ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np

from simulator import analysis, results
from simulator.errors import SimulatorError
from simulator.model import EscalationModel
from simulator.scenario import Scenario

CHUNK_SIZE = 16_384
"""Worlds per chunk. Part of what a result depends on, so it is in the manifest."""
IN_PROCESS_LIMIT = 2 * CHUNK_SIZE
"""Below this, starting worker processes costs more than it saves."""


class EngineError(SimulatorError):
    """A batch that cannot run: bad options, a folder in the way, a failed chunk."""


def chunk_rng(seed: int, chunk: int) -> np.random.Generator:
    """The generator of one chunk: independent streams for every (seed, chunk)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(chunk,)))


def plan(runs: int) -> list[tuple[int, int]]:
    """(chunk index, worlds in it) for a batch of ``runs`` worlds."""
    if runs < 1:
        raise EngineError(f"runs: {runs} is not allowed; expected a whole number >= 1")
    return [(k, min(CHUNK_SIZE, runs - k * CHUNK_SIZE)) for k in range(-(-runs // CHUNK_SIZE))]


@dataclass
class ChunkResult:
    """What one chunk sends back: its outcome columns and per-week counts."""

    chunk: int
    outcomes: dict[str, np.ndarray]
    weekly: np.ndarray


def simulate_chunk(parameters: Mapping[str, Any], seed: int, chunk: int, n_worlds: int,
                   trace: bool = False) -> ChunkResult:
    """Run one chunk of worlds to the horizon (a plain function, so workers can run it)."""
    model = EscalationModel(parameters, n_worlds=n_worlds, rng=chunk_rng(seed, chunk),
                            trace=trace).run()
    world = np.arange(chunk * CHUNK_SIZE, chunk * CHUNK_SIZE + n_worlds, dtype=np.int64)
    return ChunkResult(chunk, {"world": world, **model.outcomes()}, model.weekly_counts())


def replay_world(parameters: Mapping[str, Any], seed: int, world: int) -> EscalationModel:
    """Re-run world ``world`` of a batch alone, with a week-by-week trace."""
    chunk, index = divmod(world, CHUNK_SIZE)
    model = EscalationModel(parameters, n_worlds=index + 1, rng=chunk_rng(seed, chunk), trace=True)
    model.run()
    model.world_index = index
    return model


@dataclass
class Batch:
    """A finished batch: its scenario, seed and every world's outcomes.

    Attributes:
        scenario: What was run.
        seed: The batch seed.
        runs: Number of worlds.
        columns: Outcome columns over worlds (read back from disk for a folder).
        weekly: Per-week counts, shape (weeks, rungs + events).
        folder: Where the results were written, if anywhere.
        seconds: Wall time of the simulation.
    """

    scenario: Scenario
    seed: int
    runs: int
    columns: dict[str, np.ndarray]
    weekly: np.ndarray
    folder: Path | None = None
    seconds: float = 0.0
    manifest: dict = field(default_factory=dict)

    @cached_property
    def estimates(self) -> dict[str, analysis.Estimate]:
        """Every outcome's estimate with its 95% interval."""
        return analysis.summarize(self.columns)

    def summary(self) -> dict[str, dict]:
        """Estimates as plain dicts: ``{outcome: {estimate, ci_low, ci_high, n}}``."""
        return {name: est.as_dict() for name, est in self.estimates.items()}

    def weekly_shares(self) -> dict[str, np.ndarray]:
        """Per-week share of worlds on each rung and having seen each event so far."""
        shares = self.weekly / self.runs
        return {name: shares[:, i] for i, name in enumerate(results.WEEKLY_COLUMNS)}

    def chain_funnel(self) -> dict[str, np.ndarray | int]:
        """Orders given over all worlds and weeks, how many passed each layer, and how many
        were carried out: the picture of where the chain stops orders."""
        layers = self.scenario.parameters["chain.layers"]
        totals = self.weekly.sum(axis=0)
        index = {name: i for i, name in enumerate(results.WEEKLY_COLUMNS)}
        issued = int(totals[index["orders_issued"]])
        refused = np.array([totals[index[f"refused_at_{k}"]] for k in range(1, layers + 1)])
        passed = issued - np.cumsum(refused)
        return {"issued": issued, "refused_at": refused, "passed": passed,
                "executed": int(passed[-1]) if layers else issued}

    def to_pandas(self):
        """One row per world as a pandas DataFrame."""
        import pandas as pd

        return pd.DataFrame(self.columns)


def _default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


@contextmanager
def _executor(runs: int, workers: int | None, dask: str | None, executor: Executor | None):
    """Yield the executor to use, or None for in-process; close what we opened."""
    if executor is not None:
        yield executor
        return
    if dask:
        client = connect_dask(dask)
        try:
            yield client.get_executor()
        finally:
            client.close()
        return
    workers = workers or _default_workers()
    if workers == 1 or runs <= IN_PROCESS_LIMIT:
        yield None
        return
    # forkserver with the model preloaded: workers start without re-importing Mesa (~0.8 s
    # each) and without inheriting the parent's threads, which plain fork would.
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["simulator.engine"])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        yield pool


def connect_dask(address: str):
    """Connect to a Dask scheduler, or fail fast with an error naming the address."""
    try:
        from dask.distributed import Client
    except ImportError:  # pragma: no cover - dask is in requirements.txt
        raise EngineError("--dask needs dask[distributed]: pip install 'dask[distributed]'") \
            from None
    try:
        return Client(address, timeout="5s")
    except (OSError, TimeoutError) as error:
        raise EngineError(f"--dask: cannot reach a Dask scheduler at {address} ({error})") from None


def _progress(total: int, enabled: bool):
    """A rich progress bar on a terminal; a no-op otherwise."""
    if not (enabled and sys.stderr.isatty()):
        return None
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), transient=True)
    bar.start()
    bar.add_task("chunks", total=total)
    return bar


def _map_chunks(run_chunk: Callable[[int, int], ChunkResult], pending: list[tuple[int, int]],
                pool: Executor | None, submit: Callable[..., Future] | None
                ) -> Iterable[ChunkResult]:
    """Run chunks in-process or on the pool; a failed chunk is retried once."""
    if pool is None:
        for chunk, n in pending:
            try:
                yield run_chunk(chunk, n)
            except Exception:
                yield run_chunk(chunk, n)
        return
    futures = {submit(chunk, n): (chunk, n, 1) for chunk, n in pending}
    while futures:
        for future in as_completed(list(futures)):
            chunk, n, attempt = futures.pop(future)
            try:
                yield future.result()
            except Exception as error:
                if attempt >= 2:
                    raise EngineError(f"chunk {chunk} failed twice (seed {run_chunk.seed}, "
                                      f"spawn key ({chunk},)): {error!r}") from error
                futures[submit(chunk, n)] = (chunk, n, 2)
            break


def run(scenario: Scenario, runs: int = 10_000, seed: int = 0, *, out: str | Path | None = None,
        fmt: str = "parquet", workers: int | None = None, dask: str | None = None,
        executor: Executor | None = None, resume: bool = False, progress: bool = False,
        overwrite: bool = False) -> Batch:
    """Run ``runs`` worlds of ``scenario`` from ``seed``; write them to ``out`` if given.

    Args:
        scenario: The scenario to run.
        runs: Number of worlds.
        seed: Batch seed; the same seed and scenario give the same bytes.
        out: Results folder to write (parts per chunk + manifest).
        fmt: ``parquet`` or ``csv`` for the parts.
        workers: Worker processes (default: all cores); 1 runs in this process.
        dask: Address of a Dask scheduler (``tcp://host:8786``) to run the chunks on.
        executor: Any ``concurrent.futures.Executor`` (overrides workers and dask).
        resume: Keep the finished chunks already in ``out`` and run only the rest.
        progress: Show a progress bar on a terminal.
        overwrite: Replace an existing results folder.
    """
    if fmt not in results.FORMATS:
        raise EngineError(f"format: {fmt!r} is not allowed; choose parquet or csv")
    if workers is not None and workers < 1:
        raise EngineError(f"workers: {workers} is not allowed; expected a whole number >= 1")
    seed = int(seed)
    if seed < 0:
        raise EngineError(f"seed: {seed} is not allowed; expected a whole number >= 0")
    chunks = plan(runs)
    parameters = scenario.parameters
    folder = Path(out) if out is not None else None
    done: set[int] = set()
    manifest = {
        "scenario": {"name": scenario.name, "title": scenario.title, "hash": scenario.hash,
                     "overrides": dict(scenario.overrides)},
        "parameters": parameters, "seed": seed, "runs": runs, "chunk_size": CHUNK_SIZE,
        "chunks": len(chunks), "format": fmt, "versions": results.versions(),
        "created": results.now(), "status": "running",
    }
    if folder is not None:
        done = _prepare_folder(folder, manifest, resume, overwrite)

    pending = [(k, n) for k, n in chunks if k not in done]
    started = time.perf_counter()
    collected: dict[int, ChunkResult] = {}

    def run_chunk(chunk: int, n: int) -> ChunkResult:
        return simulate_chunk(parameters, seed, chunk, n)

    run_chunk.seed = seed
    bar = _progress(len(chunks), progress)
    if bar:
        bar.update(bar.task_ids[0], completed=len(done))
    try:
        with _executor(runs, workers, dask, executor) as pool:
            submit = (lambda k, n: pool.submit(simulate_chunk, parameters, seed, k, n)) \
                if pool else None
            for result in _map_chunks(run_chunk, pending, pool, submit):
                if folder is not None:
                    results.write_chunk(folder, result.chunk, result.outcomes, result.weekly, fmt)
                else:
                    collected[result.chunk] = result
                if bar:
                    bar.advance(bar.task_ids[0])
    finally:
        if bar:
            bar.stop()
    seconds = time.perf_counter() - started

    if folder is None:
        ordered = [collected[k] for k, _ in chunks]
        columns = {name: np.concatenate([r.outcomes[name] for r in ordered])
                   for name in ordered[0].outcomes}
        weekly = np.sum([r.weekly for r in ordered], axis=0)
        return Batch(scenario, seed, runs, columns, weekly, None, seconds, manifest)

    manifest.update(status="complete", finished=results.now(), seconds=round(seconds, 3),
                    chunks_computed=len(pending),
                    runs_per_second=round(sum(n for _, n in pending) / max(seconds, 1e-9)))
    results.write_manifest(folder, manifest)
    return load(folder)


def _prepare_folder(folder: Path, manifest: dict, resume: bool, overwrite: bool) -> set[int]:
    """Check the folder can take this batch; return the chunks already finished there."""
    fmt = manifest["format"]
    if not folder.exists() or not any(folder.iterdir()):
        results.write_manifest(folder, manifest)
        return set()
    if overwrite:
        for kind in ("outcomes", "weekly"):
            for fmt_any in results.FORMATS:
                shutil.rmtree(folder / f"{kind}.{fmt_any}", ignore_errors=True)
        results.write_manifest(folder, manifest)
        return set()
    if not (folder / results.MANIFEST).is_file():
        raise EngineError(f"out: {folder} exists and is not a results folder; choose another")
    if not resume:
        raise EngineError(f"out: {folder} already holds results; pass --resume to finish them, "
                          "--overwrite to replace them, or choose another folder")
    previous = results.read_manifest(folder)
    for key, label in (("scenario", "scenario"), ("seed", "seed"), ("runs", "runs"),
                       ("chunk_size", "chunk size"), ("format", "format")):
        before = previous.get(key)
        now = manifest[key]
        if key == "scenario":
            before, now = (before or {}).get("hash"), now["hash"]
        if before != now:
            raise EngineError(f"resume: {folder} holds a run with another {label} "
                              f"({before!r}, asked {now!r}); nothing was changed")
    manifest["created"] = previous.get("created", manifest["created"])
    results.write_manifest(folder, manifest)
    done = results.finished_chunks(folder, fmt)
    for chunk in sorted(done):  # a part that does not read back is recomputed
        try:
            results._read_table(folder / f"outcomes.{fmt}" / results.part_name(chunk, fmt), fmt)
        except results.ResultsError:
            done.discard(chunk)
    return done


def load(folder: str | Path) -> Batch:
    """Read a results folder back into a Batch (checking the manifest and every part)."""
    from simulator.scenario import Scenario as _Scenario

    manifest, columns, weekly = results.read_folder(Path(folder))
    info = manifest["scenario"]
    scenario = _Scenario(name=info["name"], title=info.get("title", ""),
                         overrides=info.get("overrides", {}))
    return Batch(scenario, manifest["seed"], manifest["runs"], columns, weekly, Path(folder),
                 manifest.get("seconds", 0.0), manifest)
