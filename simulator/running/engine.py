"""Monte Carlo engine: fixed-size chunks, each seeded by (seed, chunk), on any executor.

World ``i`` lives in chunk ``i // CHUNK_SIZE`` and draws from a generator seeded by
``SeedSequence(seed, spawn_key=(chunk,))``. Its draws do not depend on how many worlds
the chunk holds, on which worker runs it, or in what order chunks finish: a batch gives
the same bytes with one process, many, or a Dask cluster, and a world can be replayed
alone.

Work is cut into :class:`Task` objects and mapped by a :class:`Runner` on one of:
this process (small batches, ``workers=1``), a ``ProcessPoolExecutor`` (the default
for large batches), a Dask cluster (``dask="tcp://host:8786"``, through
``Client.get_executor()``) or any ``concurrent.futures.Executor`` the caller passes. A
failed task is retried once, then reported with its seed. Summaries are merged from
per-chunk statistics (:class:`OutcomeStats`) in chunk order (``streaming.ChunkFold``), so
a batch written to disk, or run for its summary alone (``keep_worlds=False``), never has
to sit in memory, and every path (in memory, a results folder, ``summarize``,
a sweep point) gives the same numbers.
"""

import functools
import multiprocessing
import os
import signal
import sys
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import numpy as np
from scipy.special import stdtrit

from simulator import results
from simulator.errors import SimulatorError
from simulator.model import params
from simulator.model.scenario import Scenario
from simulator.model.world import STREAMS, STRUCTURAL, EscalationModel, model_draws, per_world
from simulator.results import analysis
from simulator.running import streaming

CHUNK_SIZE = 16_384
"""Worlds per chunk. Part of what a result depends on, so it is in the manifest."""
IN_PROCESS_LIMIT = 2 * CHUNK_SIZE
"""With ``workers=None``, batches up to this size run in this process: starting worker
processes would cost more than it saves."""
DASK_TIMEOUT_ENV = "SIMULATOR_DASK_TIMEOUT"
"""Environment variable: seconds to wait for a Dask scheduler (default 5)."""


class EngineError(SimulatorError):
    """A batch that cannot run: bad options, a folder in the way, a failed chunk."""


def chunk_rng(seed: int, chunk: int) -> np.random.Generator:
    """The generator of one chunk: independent streams for every (seed, chunk)."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(chunk,)))


DRAWS_KEPT_BYTES = 96 * 2**20
"""Memory a process keeps for the draws of its latest chunks (``chunk_draws``)."""
_draws_kept: OrderedDict[tuple[int, int, int, int], np.ndarray] = OrderedDict()
_evicted: list[np.ndarray] = []
"""The draws last evicted (at most one array): a chunk too large to keep (156 weeks: 235 MB)
is still drawn into the memory of the one before it."""
_draws_lock = threading.Lock()


def chunk_draws(seed: int, chunk: int, n_worlds: int, weeks: int) -> np.ndarray:
    """The uniforms of a chunk's first ``n_worlds`` worlds (read-only), kept for its next model.

    Comparisons, sweeps, a workshop reveal and the app's every slider run many scenarios on
    one seed, and so on the same draws (common random numbers): a process draws them once
    and reuses them, which saves a quarter of each further model's time. The latest chunks
    are kept, up to ``DRAWS_KEPT_BYTES``; a batch of many chunks simply replaces them, and
    draws into the memory of the chunk it replaces once no model reads it any more.
    """
    key = (seed, chunk, n_worlds, weeks)
    with _draws_lock:
        if key in _draws_kept:
            _draws_kept.move_to_end(key)
            return _draws_kept[key]
        spare = _spare_draws((weeks, len(STREAMS), n_worlds))
    draws = model_draws(chunk_rng(seed, chunk), n_worlds, weeks, out=spare)
    draws.flags.writeable = False
    with _draws_lock:
        _draws_kept[key] = draws
        while _kept_bytes() > DRAWS_KEPT_BYTES:
            _evicted[:] = [_draws_kept.popitem(last=False)[1]]
    return draws


def _kept_bytes() -> int:
    """Memory the kept draws hold now. Called with ``_draws_lock`` held."""
    return sum(kept.nbytes for kept in _draws_kept.values())


def _spare_draws(shape: tuple[int, int, int]) -> np.ndarray | None:
    """Take out of the kept draws an array of ``shape`` that adding one more would evict.

    Only one that nothing else holds (no model, no view of it: its reference count is
    ours alone) is reused; drawing into it spares a fresh array's page faults, a sixth of
    the drawing. Called with ``_draws_lock`` held.
    """
    needed = np.prod(shape) * np.dtype(np.float32).itemsize
    if (_evicted and _evicted[0].shape == shape and sys.getrefcount(_evicted[0]) <= 2
            and _kept_bytes() + needed > DRAWS_KEPT_BYTES):
        spare = _evicted.pop()  # 2: the list's reference and getrefcount's argument
        spare.flags.writeable = True
        return spare
    if (not _draws_kept
            or _kept_bytes() + needed <= DRAWS_KEPT_BYTES):
        return None
    oldest = next(iter(_draws_kept))
    if _draws_kept[oldest].shape != shape or sys.getrefcount(_draws_kept[oldest]) > 2:
        return None  # 2: the dictionary's reference and getrefcount's argument
    spare = _draws_kept.pop(oldest)
    spare.flags.writeable = True
    return spare


def plan(runs: int) -> list[tuple[int, int]]:
    """(chunk index, worlds in it) for a batch of ``runs`` worlds (at most ``MAX_RUNS``)."""
    runs = check_runs(runs)  # before the list is built: 10**12 runs would exhaust memory
    return [(k, min(CHUNK_SIZE, runs - k * CHUNK_SIZE)) for k in range(-(-runs // CHUNK_SIZE))]


MAX_RUNS = 10**9
"""Most worlds in one batch (and the default cap of ``check_runs``): 61,036 chunks."""


def check_runs(runs: Any, name: str = "runs", maximum: int = MAX_RUNS) -> int:
    """``runs`` as an int from 1 to ``maximum`` (1e5 is accepted as 100000), or EngineError.

    The error names ``name`` and the allowed range; it comes before any work is planned.
    """
    from simulator.errors import shown  # a 400-digit number must not break the message

    try:
        value = int(runs)
        whole = not isinstance(runs, bool) and value == runs
    except (TypeError, ValueError, OverflowError):
        whole = False
    if not whole or value < 1:
        raise EngineError(f"{name}: {shown(runs)} is not allowed; expected a whole number "
                          f"from 1 to {maximum:,}")
    if value > maximum:
        raise EngineError(f"{name}: {shown(runs)} is too many; expected a whole number from 1 "
                          f"to {maximum:,} (the most allowed)")
    return value


# --- statistics that merge chunk by chunk --------------------------------------------------

_PROBABILITY = tuple(analysis.PROBABILITY_OUTCOMES)
_MEAN = tuple(analysis.MEAN_OUTCOMES)


def _canonical(values: np.ndarray) -> np.ndarray:
    """Values as float64, floats first rounded to the float32 the model writes.

    A CSV part reads floats back as float64 from their shortest float32 text; rounding
    to float32 first gives the same statistics as the in-memory arrays.
    """
    values = np.asarray(values)
    if values.dtype.kind == "f":
        values = values.astype(np.float32)
    return values.astype(np.float64)


@dataclass(frozen=True)
class OutcomeStats:
    """Sufficient statistics of every summary outcome over some worlds.

    Counts of yes/no outcomes, and mean and sum of squared deviations of the others, so
    that chunks merge exactly (counts) or to the last bits (means, Chan et al.'s formula)
    in chunk order, whatever computed them and wherever.

    Attributes:
        n: Worlds counted.
        counts: Worlds with each yes/no outcome (``analysis.PROBABILITY_OUTCOMES`` order).
        means: Mean of each other outcome (``analysis.MEAN_OUTCOMES`` order).
        m2: Sum of squared deviations from the mean, same order.
    """

    n: int
    counts: np.ndarray
    means: np.ndarray
    m2: np.ndarray

    @classmethod
    def empty(cls) -> "OutcomeStats":
        """No worlds at all."""
        return cls(0, np.zeros(len(_PROBABILITY), np.int64), np.zeros(len(_MEAN)),
                   np.zeros(len(_MEAN)))

    @classmethod
    def of(cls, columns: Mapping[str, Any]) -> "OutcomeStats":
        """Statistics of one set of outcome columns (one chunk)."""
        n = len(columns[_PROBABILITY[0]])
        if n == 0:
            return cls.empty()
        counts = np.array([np.count_nonzero(np.asarray(columns[k])) for k in _PROBABILITY],
                          np.int64)
        means, m2 = np.empty(len(_MEAN)), np.empty(len(_MEAN))
        for i, name in enumerate(_MEAN):
            values = _canonical(columns[name])
            means[i] = values.mean()
            m2[i] = np.square(values - means[i]).sum()
        return cls(n, counts, means, m2)

    def merge(self, other: "OutcomeStats") -> "OutcomeStats":
        """Statistics of both sets of worlds together."""
        if other.n == 0:
            return self
        if self.n == 0:
            return other
        n = self.n + other.n
        delta = other.means - self.means
        return OutcomeStats(n, self.counts + other.counts, self.means + delta * (other.n / n),
                            self.m2 + other.m2 + delta**2 * (self.n * other.n / n))

    @classmethod
    def combine(cls, parts: Iterable["OutcomeStats"]) -> "OutcomeStats":
        """Merge parts in the order given (chunk order, for reproducible last bits)."""
        return functools.reduce(cls.merge, parts, cls.empty())

    def estimate(self, outcome: str) -> analysis.Estimate:
        """One outcome's estimate with its 95% interval (as ``analysis.estimate`` gives)."""
        if outcome in analysis.PROBABILITY_OUTCOMES:
            return analysis.proportion(int(self.counts[_PROBABILITY.index(outcome)]), self.n)
        if outcome not in analysis.MEAN_OUTCOMES:
            raise SimulatorError(f"unknown outcome {outcome!r}; choose one of: "
                                 f"{', '.join(analysis.OUTCOMES)}")
        i = _MEAN.index(outcome)
        centre, n = float(self.means[i]), self.n
        if n == 0:
            return analysis.Estimate(float("nan"), float("nan"), float("nan"), 0)
        if n == 1:
            return analysis.Estimate(centre, float("nan"), float("nan"), 1)
        # stdtrit is what scipy.stats.t.ppf computes, without importing scipy.stats (0.5 s).
        half = float(stdtrit(n - 1, 0.975) * np.sqrt(self.m2[i] / (n - 1) / n))
        return analysis.Estimate(centre, centre - half, centre + half, n)

    def estimates(self) -> dict[str, analysis.Estimate]:
        """Every outcome's estimate with its interval, in ``analysis.OUTCOMES`` order."""
        return {name: self.estimate(name) for name in analysis.OUTCOMES}


# --- what workers run ----------------------------------------------------------------------

@dataclass
class ChunkResult:
    """What one chunk sends back: its outcome columns, per-week counts and statistics."""

    chunk: int
    outcomes: dict[str, np.ndarray]
    weekly: np.ndarray
    stats: OutcomeStats | None = None


def simulate_chunk(parameters: Mapping[str, Any], seed: int, chunk: int, n_worlds: int,
                   trace: bool = False) -> ChunkResult:
    """Run one chunk of worlds to the horizon (a plain function, so workers can run it)."""
    parameters = params.validate({}, base=parameters)
    draws = chunk_draws(seed, chunk, n_worlds, parameters["horizon_weeks"])
    model = EscalationModel(parameters, n_worlds=n_worlds, rng=chunk_rng(seed, chunk),
                            trace=trace, uniforms=draws).run()
    world = np.arange(chunk * CHUNK_SIZE, chunk * CHUNK_SIZE + n_worlds, dtype=np.int64)
    outcomes = {"world": world, **model.outcomes()}
    weekly = model.weekly_counts()
    return ChunkResult(chunk, outcomes, weekly, OutcomeStats.of(outcomes))


def simulate_stats(items: Sequence[tuple[Mapping[str, Any], int, int]],
                   seed: int) -> list[OutcomeStats]:
    """Run several (parameters, chunk, worlds) items; return only their statistics.

    Sweeps use it: a point's chunk k is exactly chunk k of a batch of that scenario on
    the same seed, so a point's estimates equal those of ``run`` (common random numbers
    across points), and small points share one task instead of one each. Items of the same
    shape run as one vectorised model whose parameters vary per world (``per_world``):
    a week's Python overhead is paid once for all of them, not once per point.
    """
    found = []
    for group in _same_shape(items):
        points = [params.validate({}, base=parameters) for parameters, _, _ in group]
        weeks = points[0]["horizon_weeks"]
        sizes = [n_worlds for _, _, n_worlds in group]
        draws = [chunk_draws(seed, chunk, n_worlds, weeks) for _, chunk, n_worlds in group]
        model = EscalationModel(per_world(points, sizes), n_worlds=sum(sizes), collect=False,
                                uniforms=draws).run()
        outcomes = model.outcomes()
        bounds = np.cumsum([0, *sizes])
        found += [OutcomeStats.of({name: column[start:stop] for name, column in outcomes.items()})
                  for start, stop in zip(bounds[:-1], bounds[1:], strict=True)]
    return found


def _same_shape(items: Sequence[tuple[Mapping[str, Any], int, int]]) -> Iterator[list]:
    """Consecutive runs of items that one vectorised model can hold (``model.STRUCTURAL``)."""
    group, key = [], None
    for item in items:
        item_key = tuple(item[0][name] for name in STRUCTURAL)
        if group and item_key != key:
            yield group
            group = []
        group.append(item)
        key = item_key
    if group:
        yield group


def replay_world(parameters: Mapping[str, Any], seed: int, world: int) -> EscalationModel:
    """Re-run world ``world`` of a batch alone, with a week-by-week trace."""
    chunk, index = divmod(world, CHUNK_SIZE)
    model = EscalationModel(parameters, n_worlds=index + 1, rng=chunk_rng(seed, chunk), trace=True)
    model.run()
    model.world_index = index
    return model


def _chunk_label(seed: int, chunk: int, n: int, what: str = "") -> str:
    first = chunk * CHUNK_SIZE
    return (f"{what}chunk {chunk} (worlds {first}-{first + n - 1}, seed {seed}, "
            f"SeedSequence({seed}, spawn_key=({chunk},)))")


# --- results -------------------------------------------------------------------------------

# Results folders (the lock, checksums, parts, ``load``) live in ``simulator.results``;
# these names stay here for the public API and existing callers.
FolderColumns = results.FolderColumns
load = results.load


@dataclass
class Batch:
    """A finished batch: its scenario, seed and every world's outcomes.

    Attributes:
        scenario: What was run.
        seed: The batch seed.
        runs: Number of worlds.
        columns: Outcome columns over worlds (for a folder, read from disk on first use).
        weekly: Per-week counts, shape (weeks, rungs + events + flows).
        folder: Where the results were written, if anywhere.
        seconds: Wall time of the simulation.
        manifest: The results folder's manifest (what would be written for one in memory).
        stats: Per-outcome statistics merged over chunks; the estimates come from them.
    """

    scenario: Scenario
    seed: int
    runs: int
    columns: Mapping[str, np.ndarray]
    weekly: np.ndarray
    folder: Path | None = None
    seconds: float = 0.0
    manifest: dict = field(default_factory=dict)
    stats: OutcomeStats | None = None

    @cached_property
    def estimates(self) -> dict[str, analysis.Estimate]:
        """Every outcome's estimate with its 95% interval."""
        if self.stats is not None:
            return self.stats.estimates()
        return analysis.summarize(self.columns)

    def summary(self) -> dict[str, dict]:
        """Estimates as plain dicts: ``{outcome: {estimate, ci_low, ci_high, n}}``."""
        return {name: est.as_dict() for name, est in self.estimates.items()}

    def weekly_shares(self) -> dict[str, np.ndarray]:
        """Per-week share of worlds on each rung and having seen each event so far."""
        shares = self.weekly / self.runs
        return {name: shares[:, i] for i, name in enumerate(results.WEEKLY_COLUMNS)}

    def chain_funnel(self) -> dict[str, np.ndarray | int]:
        """Orders given over all worlds and weeks, and how many passed each layer.

        The picture of where the chain stops orders; ``executed`` is what passed them all.
        """
        layers = self.scenario.parameters["chain.layers"]
        totals = self.weekly.sum(axis=0)
        index = {name: i for i, name in enumerate(results.WEEKLY_COLUMNS)}
        issued = int(totals[index["orders_issued"]])
        refused = np.array([totals[index[f"refused_at_{k}"]] for k in range(1, layers + 1)])
        passed = issued - np.cumsum(refused)
        return {"issued": issued, "refused_at": refused, "passed": passed,
                "executed": int(passed[-1]) if layers else issued}

    def to_pandas(self):
        """One row per world as a pandas DataFrame (reads every column of a folder).

        As pandas reads the Parquet files: "never" (no order, no use, no ouster) is missing
        (NaN), not -1, and ``use_kind`` is a category.
        """
        columns = {name: self.columns[name] for name in self.columns}
        return results.outcome_table(columns, "parquet").to_pandas()

    def __repr__(self) -> str:
        where = f", folder={str(self.folder)!r}" if self.folder else ""
        return (f"Batch({self.scenario.name!r}, runs={self.runs:,}, seed={self.seed}{where}; "
                ".summary(), .to_pandas())")


# --- where tasks run -----------------------------------------------------------------------

@dataclass(frozen=True)
class Task:
    """One unit of work: ``fn(*args)`` on some executor.

    Attributes:
        key: What the caller uses to place the result (a chunk index, a list of points).
        fn: A module-level function, so a worker process or Dask worker can run it.
        args: Its arguments (picklable).
        label: How a failure is reported: which chunk, worlds and seed.
    """

    key: Any
    fn: Callable[..., Any]
    args: tuple
    label: str


def _default_workers() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def _worker_init() -> None:
    """In each worker process: leave Ctrl-C to the parent, and exit if the parent dies.

    The parent handles the interrupt (cancels what is queued; finished chunks stay on
    disk). A parent killed outright (SIGKILL) cannot tell its workers, so each one watches
    for being orphaned.
    """
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = os.getppid()  # this process, or the forkserver (which exits with it)

    def watch():
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True, name="orphan-watch").start()


def _process_pool(size: int) -> ProcessPoolExecutor:
    """A pool of ``size`` worker processes.

    Plain fork when this process runs a single thread: workers start in milliseconds
    with the model already imported. Otherwise (a Streamlit server, a Dask client in
    this process) forking could copy a lock held by another thread, so workers come from
    a forkserver that imports the model once (~1 s) and then forks them.
    """
    methods = multiprocessing.get_all_start_methods()
    if "fork" in methods and threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
    elif "forkserver" in methods:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["simulator.running.engine"])
    else:  # pragma: no cover - Windows, macOS without fork
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=size, mp_context=context, initializer=_worker_init)
    pool.start_method = context.get_start_method()  # for messages and the manifest
    return pool


class Runner:
    """Maps tasks in this process, on a pool of worker processes, or on a given executor.

    At most ``window`` tasks are in flight, so results never pile up in memory however
    large the batch, and an interrupt has little to cancel. A failed task is submitted
    again once; a second failure raises :class:`EngineError` naming the task (its chunk
    and seed). A process pool that breaks (a worker killed, e.g. out of memory) is
    replaced and its tasks resubmitted under the same rule.

    Attributes:
        executor: The executor given or opened (None: this process, or a pool not yet
            started).
        processes: Worker processes to start for our own pool (0: none).
    """

    def __init__(self, executor: Executor | None = None, processes: int = 0,
                 window: int | None = None, where: str = ""):
        self.executor = executor
        self.processes = processes
        self.window = window
        self._label = where or (type(executor).__name__ if executor is not None else "")
        self._own_pool: ProcessPoolExecutor | None = None
        self._own_size = 0

    @property
    def where(self) -> str:
        """Where the tasks ran, in words, for messages and the manifest.

        "this process", "2 processes (fork)", "the Dask cluster at tcp://...", or the
        class name of an executor given.
        """
        if self.executor is not None:
            return self._label
        if self._own_pool is not None:
            return f"{self._own_size} processes ({self._own_pool.start_method})"
        return "this process"

    def _pool(self, tasks: int) -> Executor | None:
        if self.executor is not None:
            return self.executor
        if self.processes <= 1 or tasks <= 1:
            return None
        if self._own_pool is None:
            self._own_size = min(self.processes, tasks)
            self._own_pool = self._start(_process_pool(self._own_size))
            self.window = self.window or 2 * self._own_size
        return self._own_pool

    def start(self, tasks: int) -> None:
        """Start the worker processes for ``tasks`` tasks now.

        Before a progress bar's thread starts, which would make forking unsafe (see
        ``_process_pool``).
        """
        self._pool(tasks)

    def _start(self, pool: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """Start a new pool's workers now, without Python 3.12's fork warning.

        The warning counts OS threads, so numpy's idle BLAS threads (which fork safely)
        set it off; ``_process_pool`` forks only when no other Python thread runs.
        """
        with warnings.catch_warnings():
            warnings.filterwarnings("ignore", r"This process \(pid=\d+\) is multi-threaded",
                                    DeprecationWarning)
            pool.submit(int).result()
        return pool

    def map(self, tasks: Iterable[Task]) -> Iterator[tuple[Task, Any]]:
        """Run every task; yield (task, result) as they finish (in any order)."""
        tasks = list(tasks)
        pool = self._pool(len(tasks))
        if pool is None:
            yield from self._map_here(tasks)
        else:
            yield from self._map_on(pool, tasks)

    @staticmethod
    def _map_here(tasks: list[Task]) -> Iterator[tuple[Task, Any]]:
        for task in tasks:
            try:
                result = task.fn(*task.args)
            except Exception:
                try:
                    result = task.fn(*task.args)
                except Exception as error:
                    raise EngineError(f"{task.label} failed twice: {error!r}") from error
            yield task, result

    def _map_on(self, pool: Executor, tasks: list[Task]) -> Iterator[tuple[Task, Any]]:
        window = self.window or 2 * (getattr(pool, "_max_workers", None) or _default_workers())
        queue = iter(tasks)
        running: dict = {}  # future -> (task, attempt, pool it was submitted to)

        def submit(task: Task, attempt: int) -> None:
            nonlocal pool
            try:
                future = pool.submit(task.fn, *task.args)
            except BrokenProcessPool:  # broke since the last result: replace it once
                if pool is not self._own_pool:
                    raise
                pool = self._renew()
                future = pool.submit(task.fn, *task.args)
            running[future] = (task, attempt, pool)

        try:
            for task in queue:
                submit(task, 1)
                if len(running) >= window:
                    break
            while running:
                finished, _ = wait(list(running), return_when=FIRST_COMPLETED)
                for future in finished:
                    task, attempt, submitted_to = running.pop(future)
                    try:
                        result = future.result()
                    except Exception as error:
                        if attempt >= 2:
                            raise EngineError(f"{task.label} failed twice (on {self.where}): "
                                              f"{error!r}") from error
                        if isinstance(error, BrokenProcessPool) and submitted_to is pool \
                                and pool is self._own_pool:
                            pool = self._renew()
                        submit(task, attempt + 1)
                        continue
                    yield task, result
                for task in queue:
                    submit(task, 1)
                    if len(running) >= window:
                        break
        finally:
            for future in running:
                future.cancel()

    def _renew(self) -> Executor:
        """Replace a broken pool of our own with a fresh one."""
        self._own_pool.shutdown(wait=False, cancel_futures=True)
        self._own_pool = self._start(_process_pool(self._own_size))
        return self._own_pool

    def close(self, cancel: bool = False) -> None:
        """Shut our own pool down (at once, dropping queued work, when ``cancel``)."""
        if self._own_pool is not None:
            self._own_pool.shutdown(wait=not cancel, cancel_futures=cancel)
            self._own_pool = None


@contextmanager
def open_runner(worlds: int, workers: int | None = None, dask: str | None = None,
                executor: Executor | None = None) -> Iterator[Runner]:
    """The runner for a job of ``worlds`` worlds; closes what it opened.

    Args:
        worlds: Total worlds of the job (decides in-process vs processes when
            ``workers`` is None).
        workers: Worker processes; None: all cores, or this process for up to
            ``IN_PROCESS_LIMIT`` worlds; 1: this process.
        dask: Address of a Dask scheduler to run on (overrides ``workers``).
        executor: Any ``concurrent.futures.Executor`` (overrides ``workers`` and ``dask``).
    """
    if workers is not None and (isinstance(workers, bool) or workers < 1):
        raise EngineError(f"workers: {workers} is not allowed; expected a whole number >= 1")
    if executor is not None:
        yield Runner(executor, where=type(executor).__name__)
        return
    if dask:
        client = connect_dask(dask)
        try:
            threads = sum(client.nthreads().values()) or 1
            yield Runner(client.get_executor(pure=False), window=2 * threads + 2,
                         where=f"the Dask cluster at {dask}")
        finally:
            client.close()
        return
    if workers is None:
        workers = 1 if worlds <= IN_PROCESS_LIMIT else _default_workers()
    runner = Runner(processes=workers)
    try:
        yield runner
    except BaseException:
        runner.close(cancel=True)
        raise
    runner.close()


def connect_dask(address: str):
    """Connect to a Dask scheduler, or fail fast with an error naming the address.

    Every step is bounded by ``SIMULATOR_DASK_TIMEOUT`` seconds (default 5): the TCP
    connection, then dask's handshake and an ``identity`` request, in a thread of their
    own. A server that accepts the connection but is not a scheduler (it sends nothing,
    or bytes that dask would read as a 3 EiB message) is refused before a Client is made.
    """
    try:
        from dask.distributed import Client
        from distributed.comm import connect
        from distributed.comm.addressing import parse_address, parse_host_port
    except ImportError:  # pragma: no cover - dask is in requirements.txt
        raise EngineError("--dask needs dask[distributed]: pip install 'dask[distributed]'") \
            from None
    import asyncio
    import math
    import socket

    raw = os.environ.get(DASK_TIMEOUT_ENV, "5")
    try:
        seconds = float(raw)
    except ValueError:
        seconds = math.nan
    if not 0 < seconds <= 3600:
        raise EngineError(f"{DASK_TIMEOUT_ENV}: {raw[:40]!r} is not allowed; expected seconds, "
                          "a number above 0 and at most 3600")
    if not isinstance(address, str) or not address.strip() or len(address) > 1000:
        raise EngineError(f"--dask: {str(address)[:60]!r} is not allowed; expected the address "
                          "a scheduler prints, e.g. tcp://10.0.0.5:8786")

    def unreachable(reason: Any) -> EngineError:
        return EngineError(f"--dask: cannot reach a Dask scheduler at {address} ({reason}); "
                           "expected the address a scheduler prints, e.g. tcp://10.0.0.5:8786")

    try:
        scheme, location = parse_address(address)
        if scheme == "tcp":  # the TCP connection alone first: unreachable, or not a scheduler
            socket.create_connection(parse_host_port(location), timeout=seconds).close()
    except (OSError, TypeError, ValueError) as error:
        raise unreachable(error) from None

    async def identity():
        comm = await connect(address, timeout=seconds)  # its handshake is not timed: wait_for
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    answer: dict[str, Any] = {}

    def probe() -> None:
        try:
            answer["reply"] = asyncio.run(asyncio.wait_for(identity(), seconds))
        except BaseException as error:  # noqa: BLE001 - garbage can raise anything (MemoryError)
            answer["error"] = error

    thread = threading.Thread(target=probe, name="dask-probe", daemon=True)
    thread.start()
    thread.join(seconds + 10)  # the probe times itself out; this guards against the rest
    reply, error = answer.get("reply"), answer.get("error")
    if scheme != "tcp" and isinstance(error, OSError) and not isinstance(error, TimeoutError):
        raise unreachable(error)
    if not (isinstance(reply, dict) and reply.get("type") == "Scheduler"):
        raise EngineError(f"--dask: {address} is not a Dask scheduler (or did not answer within "
                          f"{seconds:g} s); expected the address a scheduler prints, e.g. "
                          "tcp://10.0.0.5:8786")
    try:
        client = Client(address, timeout=f"{seconds}s")
    except (OSError, TimeoutError, ValueError) as error:
        raise unreachable(error) from None
    _check_workers(client, address)
    return client


def simulator_identity() -> str:
    """This process's simulator: its version and a digest of its sources.

    Workers must compute with the same code as the client, or the same seed would give
    other bytes; the digest tells two checkouts of one version apart. The shipped presets
    (``simulator/scenarios``, a package only in a wheel) are left out, and so are the app and
    the workshop, which workers never run: the client sends each
    scenario's parameters, so a wheel and a checkout of the same code agree.
    """
    import hashlib

    import simulator

    package = Path(simulator.__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        if path.relative_to(package).parts[0] in ("scenarios", "app", "workshop"):
            continue
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{simulator.__version__}+{digest.hexdigest()[:12]}"


MMAP_THRESHOLD = 32 * 1024 * 1024
"""Bytes from which glibc serves an allocation with mmap on Dask workers (see keep_heap)."""


def keep_heap() -> bool:
    """Serve the model's temporaries from the heap, not fresh mmap pages, in this process.

    Dask's nanny starts workers with ``MALLOC_TRIM_THRESHOLD_=65536``, which also freezes
    glibc's mmap threshold at 128 KiB: every numpy temporary of a chunk at or above it is
    then mapped and unmapped anew (19x the page faults), which made a Dask run of the
    float64 model 1.8-3x slower than local processes. Float32 halved most temporaries, but
    the per-kind and per-option arrays are still above it. Raising the threshold restores
    heap reuse. Returns whether it applied (False off glibc).
    """
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        return bool(libc.mallopt(-3, MMAP_THRESHOLD))  # -3: M_MMAP_THRESHOLD
    except (OSError, AttributeError):
        return False


def _check_workers(client, address: str) -> None:
    """Every worker computes as this process does, or an error says what not.

    The same simulator (``simulator_identity``), and the same float32 rounding
    (``results.float32_rounding``): either way a seed would give other bytes. Then each worker
    keeps its temporaries on the heap (``keep_heap``).
    """
    mine = simulator_identity()
    try:
        theirs = client.run(simulator_identity)
    except ImportError as error:
        client.close()
        raise EngineError(
            f"--dask: the workers of {address} cannot import the simulator ({error}); start them "
            "from this project's virtualenv after `make setup`, which installs it "
            "(.venv/bin/dask worker ...), or run `pip install -e .` in their environment") \
            from None
    if not theirs:
        client.close()
        raise EngineError(f"--dask: the scheduler at {address} has no workers yet; start some "
                          "(.venv/bin/dask worker ADDRESS) and run again")
    _refuse_others(client, theirs, mine, "run another simulator",
                   "start them from the same checkout and version")
    _refuse_others(client, client.run(results.float32_rounding), results.float32_rounding(),
                   "round float32 arithmetic unlike this machine",
                   "another CPU family does (AVX2 against AVX-512), and their worlds would not be "
                   "the bytes this seed gives here: use workers of this machine's kind, or run "
                   "the command from one of theirs")
    client.run(keep_heap)


def _refuse_others(client, theirs: Mapping[str, str], mine: str, differ: str,
                   remedy: str) -> None:
    """Close ``client`` and say which workers answered otherwise than ``mine``, if any."""
    other = {worker: found for worker, found in theirs.items() if found != mine}
    if other:
        client.close()
        worker, found = next(iter(other.items()))
        raise EngineError(f"--dask: {len(other)} of {len(theirs)} workers {differ} (e.g. "
                          f"{worker}: {found}; this machine: {mine}); {remedy}")


@contextmanager
def progress_bar(total: int, enabled: bool, description: str = "chunks",
                 completed: int = 0) -> Iterator[Callable[[int], None]]:
    """Yield ``advance(steps=1)``: a rich progress bar on a terminal, a no-op otherwise."""
    if not (enabled and sys.stderr.isatty()):
        yield lambda steps=1: None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    bar = Progress("[progress.description]{task.description}", BarColumn(), MofNCompleteColumn(),
                   TimeRemainingColumn(), transient=True, console=Console(stderr=True))
    task = bar.add_task(description, total=total, completed=completed)
    with bar:
        yield lambda steps=1: bar.advance(task, steps)


# --- a batch -------------------------------------------------------------------------------

def run(scenario: Scenario, runs: int = 10_000, seed: int = 0, *, out: str | Path | None = None,
        fmt: str = "parquet", workers: int | None = None, dask: str | None = None,
        executor: Executor | None = None, resume: bool = False, progress: bool = False,
        overwrite: bool = False, keep_worlds: bool = True) -> Batch:
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

    Raises:
        EngineError: bad options, a folder in the way or holding another batch, an
            unreachable Dask scheduler, a chunk that failed twice.
        results.ResultsError: ``out`` being written by another run (its lock is held:
            ``results.FolderBusyError``), an output path that cannot be created, or, on
            ``resume``, a manifest or finished part that does not match its checksum.
    """
    if fmt not in results.FORMATS:
        raise EngineError(f"format: {fmt!r} is not allowed; choose parquet or csv")
    seed = _check_seed(seed)
    chunks = plan(runs)
    parameters = scenario.parameters
    folder = Path(out) if out is not None else None
    manifest = {
        "scenario": {"name": scenario.name, "title": scenario.title, "hash": scenario.hash,
                     "overrides": dict(scenario.overrides)},
        "parameters": parameters, "seed": seed, "runs": runs, "chunk_size": CHUNK_SIZE,
        "chunks": len(chunks), "format": fmt, "versions": results.versions(),
        "provenance": results.provenance(), "created": results.now(), "status": "running",
    }
    stats = streaming.ChunkFold(len(chunks), OutcomeStats.merge, OutcomeStats.empty())
    weekly = streaming.ChunkFold(len(chunks), functools.partial(np.add, dtype=np.int64), 0)
    collected: dict[int, dict[str, np.ndarray]] = {}
    finished: set[int] = set()
    writer: results.FolderWriter | None = None
    try:
        with open_runner(runs, workers, dask, executor) as runner:
            # after connecting (an unreachable cluster leaves no folder behind); the folder
            # is locked from here until the final manifest is written
            if folder is not None:
                writer = _open_folder(folder, manifest, resume, overwrite)
                for chunk, columns, chunk_weekly in writer.finished():
                    stats.add(chunk, OutcomeStats.of(columns))
                    weekly.add(chunk, chunk_weekly)
                    finished.add(chunk)
                writer.begin()
            tasks = [Task(k, simulate_chunk, (parameters, seed, k, n), _chunk_label(seed, k, n))
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
                    weekly.add(result.chunk, result.weekly)
                    advance()
            seconds = time.perf_counter() - started
            where = runner.where
        total, counts = stats.total, weekly.total
        computed = sum(task.args[3] for task in tasks)
        manifest.update(status="complete", finished=results.now(), seconds=round(seconds, 3),
                        chunks_computed=len(tasks), worlds_computed=computed,
                        runs_per_second=round(computed / max(seconds, 1e-9)), executor=where)
        if writer is None:
            columns = (JoinedColumns([collected[k] for k, _ in chunks]) if keep_worlds
                       else streaming.WorldsNotKept())
            return Batch(scenario, seed, runs, columns, counts, None, seconds, manifest, total)
        return Batch(scenario, seed, runs, writer.finish(), counts, folder, seconds, manifest,
                     total)
    finally:  # on success, error or Ctrl-C (a killed process's lock goes with it)
        if writer is not None:
            writer.close()


class FolderInTheWay(EngineError, results.FolderInTheWayError):
    """An output folder that cannot take this batch (a file, another batch's results).

    Both an EngineError (as ``run`` always raised it) and a ``results.ResultsError``.
    """


def _open_folder(folder: Path, manifest: dict, resume: bool,
                 overwrite: bool) -> results.FolderWriter:
    """Lock and check the results folder (``results.FolderWriter``) for this batch."""
    try:
        return results.FolderWriter(folder, manifest, resume=resume, overwrite=overwrite)
    except results.FolderInTheWayError as error:
        raise FolderInTheWay(str(error)) from None


class JoinedColumns(Mapping):
    """Outcome columns over every world from the chunks' columns, each joined on first use.

    A batch whose summary is all that is read (the statistics are merged per chunk) never
    copies its worlds into one array; a column asked for is joined once, in place of its
    chunks' pieces.
    """

    def __init__(self, chunk_outcomes: Sequence[Mapping[str, np.ndarray]]):
        self._pieces = {name: [outcomes[name] for outcomes in chunk_outcomes]
                        for name in chunk_outcomes[0]}

    def __getitem__(self, name: str) -> np.ndarray:
        pieces = self._pieces[name]
        if len(pieces) > 1:  # two threads may both join it: the same column either way
            pieces = self._pieces[name] = [np.concatenate(pieces)]
        return pieces[0]

    def __iter__(self) -> Iterator[str]:
        return iter(self._pieces)

    def __len__(self) -> int:
        return len(self._pieces)


def run_many(scenarios: Sequence[Scenario], runs: int = 10_000, seed: int = 0, *,
             workers: int | None = None, dask: str | None = None,
             executor: Executor | None = None, progress: bool = False) -> list[Batch]:
    """Run several scenarios on the same seed (common random numbers), in memory.

    All their chunks go through one runner: one pool or cluster for every scenario.
    Each batch is identical to ``run(scenario, runs, seed)``.
    """
    seed = _check_seed(seed)
    chunks = plan(runs)
    if not scenarios:
        raise EngineError("scenarios: give at least one scenario")
    parameter_sets = [s.parameters for s in scenarios]
    tasks = [Task((i, k), simulate_chunk, (parameters, seed, k, n),
                  _chunk_label(seed, k, n, f"scenario {scenarios[i].name!r}, "))
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
        manifest = {"scenario": {"name": scenario.name, "title": scenario.title,
                                 "hash": scenario.hash, "overrides": dict(scenario.overrides)},
                    "seed": seed, "runs": runs, "chunk_size": CHUNK_SIZE,
                    "executor": where}
        batches.append(Batch(scenario, seed, runs, columns, weekly, None, seconds, manifest,
                             OutcomeStats.combine(r.stats for r in ordered)))
    return batches


def evaluate(parameter_sets: Sequence[Mapping[str, Any]], runs: int, seed: int,
             runner: Runner, progress: bool = False,
             description: str = "points") -> list[OutcomeStats]:
    """Statistics of ``runs`` worlds for each parameter set, all on the same seed.

    Point p's chunk k is chunk k of ``run(scenario_p, runs, seed)``: every point sees the
    same draws (common random numbers), so differences between points are the effect of
    the parameters, not of noise. Small points are grouped, up to ``CHUNK_SIZE`` worlds
    per task, so a sweep of many small points does not pay a task's overhead per point.
    """
    seed = _check_seed(seed)
    chunks = plan(runs)
    items = [(p, k, n) for p in range(len(parameter_sets)) for k, n in chunks]
    groups, current, size = [], [], 0
    for item in items:
        if current and size + item[2] > CHUNK_SIZE:
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
        label = f"{span}, {_chunk_label(seed, group[0][1], group[0][2])}"
        tasks.append(Task(tuple((p, k) for p, k, _ in group), simulate_stats,
                          ([(parameter_sets[p], k, n) for p, k, n in group], seed), label))
    found: dict[tuple[int, int], OutcomeStats] = {}
    runner.start(len(tasks))
    with progress_bar(len(items), progress, description) as advance:
        for task, result in runner.map(tasks):
            found.update(zip(task.key, result, strict=True))
            advance(len(task.key))
    return [OutcomeStats.combine(found[p, k] for k, _ in chunks)
            for p in range(len(parameter_sets))]


def _check_seed(seed: Any) -> int:
    try:
        value = int(seed)
    except (TypeError, ValueError):
        raise EngineError(f"seed: {seed!r} is not allowed; expected a whole number >= 0") from None
    if value < 0 or value != seed:
        raise EngineError(f"seed: {seed!r} is not allowed; expected a whole number >= 0")
    return value
