"""The app's simulations, run on one process pool shared by every session.

Streamlit runs every session's script in threads of one process, under one interpreter
lock: twenty users moving sliders got about one core between them. Here each simulation
runs in a worker process of a pool sized to the cores, and only its small summary comes
back (pickled), never the batch, so the server holds summaries alone and each worker at
most one batch at a time.

This module never imports streamlit: the workers import it (to unpickle the functions),
the simulator and numpy, and nothing of the web server.
"""

import functools
import os
import sys
import threading
import types
from collections import OrderedDict
from collections.abc import Callable, Iterator
from concurrent.futures import Executor, Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

import numpy as np

from simulator.app.scenarios import Choice, preset, presets
from simulator.evidence import record
from simulator.model import ladder, ranges
from simulator.model.agents.command_chain import layer_names
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.results.predictive import Predictive
from simulator.results.stats import BlockStats
from simulator.running import engine, executor
from simulator.settings import current as current_settings

WORKERS_ENV = "SIMULATOR_APP_WORKERS"
"""Worker processes of the pool (default: the cores); 0 runs every simulation in-process.
Read through ``simulator.settings``."""
FAN_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)


@dataclass(frozen=True)
class RunSummary:
    """What the pages draw from one batch.

    Attributes:
        runs: Number of worlds.
        estimates: Every outcome's estimate with its 95% interval.
        outcomes: One value per world for each outcome (for paired differences).
        highest_rung: Share of worlds whose highest rung is each rung.
        funnel: Orders issued, refused at and passed each layer, executed (all weeks).
        layers: Names of the command layers.
        weekly: Per-week shares of worlds on each rung and having seen each event.
        use_low: Lower 95% bound of the cumulative probability of use, per week.
        use_high: Upper 95% bound of the same.
        rung_quantiles: Per-week quantiles (FAN_QUANTILES) of the rung across worlds.
        mean_rung: Per-week mean rung across worlds.
        predictive: Each headline outcome's predictive interval and the parts of its spread,
            when the run drew the scenario's ranges (``drawn``); else None.
        blocks: The statistics of each block of worlds, when the run drew the ranges (a few
            kilobytes): Compare pools several views' block means into one interval with
            ``simulator.studies.uncertainty.across_views``; else None.
    """

    runs: int
    estimates: dict[str, analysis.Estimate]
    outcomes: dict[str, np.ndarray]
    highest_rung: np.ndarray
    funnel: dict
    layers: list[str]
    weekly: dict[str, np.ndarray]
    use_low: np.ndarray
    use_high: np.ndarray
    rung_quantiles: np.ndarray
    mean_rung: np.ndarray
    predictive: dict[str, Predictive] | None = None
    blocks: BlockStats | None = None

    def stopped_share(self) -> float:
        """Share of nuclear orders the chain stopped (nan when no order was given)."""
        issued = self.funnel["issued"]
        return 1 - self.funnel["executed"] / issued if issued else float("nan")


@dataclass(frozen=True)
class ViewRow:
    """One preset in the 'nuclear use by expert view' strip.

    ``use_range`` is P(nuclear use)'s predictive interval when the view's run drew its
    ranges (``summarise(..., uncertainty=True)``), else None.
    """

    preset: str
    use: analysis.Estimate
    order: analysis.Estimate
    stopped: float
    use_range: Predictive | None = None


HEADLINE_OUTCOMES = ("nuclear_order", "nuclear_use", "order_blocked", "leader_ousted",
                     "nato_involved", "war_ongoing")
"""The outcomes whose predictive intervals a summary carries (Explore's headline ones)."""


def drawn(scenario, runs: int) -> bool:
    """Whether an ``uncertainty`` run of ``scenario`` can draw anything over ``runs`` worlds.

    It needs a range that is not collapsed to its point (a collapsed one gives the point
    run's worlds, and a spread of noise alone) and at least two whole blocks of
    ``ranges.BLOCK_WORLDS`` worlds (the spread between blocks). A slider the user moved
    drops that parameter's range only (``Scenario.with_overrides``): the others still hold.
    """
    every = [scenario.ranges, *(member.ranges for member in scenario.pool)]  # a pool's views'
    return (runs >= 2 * ranges.BLOCK_WORLDS
            and any(not found.collapsed for own in every for found in own.values()))


def _rung_fan(weekly: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Quantiles and mean of the rung per week, from the share of worlds on each rung."""
    shares = np.column_stack([weekly[f"rung_{r.level}"] for r in ladder.RUNGS])
    return analysis.rung_quantiles(shares, FAN_QUANTILES), shares @ np.arange(len(ladder.RUNGS))


# --- what a worker runs: a batch in, a small answer out --------------------------------------

def summarise(choice: Choice, runs: int, seed: int, uncertainty: bool = False) -> RunSummary:
    """Run ``runs`` worlds of the choice from ``seed`` and summarise them.

    With ``uncertainty``, the run draws the scenario's ranges (each block of 256 worlds its
    own assumptions) whenever it can (``drawn``), and every number of the summary comes from
    that one run: the estimates average over what the ranges leave open, their Monte Carlo
    intervals are its noise, and ``predictive`` holds the headline outcomes' predictive
    intervals. A scenario it cannot draw runs at its points, ``predictive`` None.
    """
    scenario = choice.scenario()
    draw = uncertainty and drawn(scenario, runs)
    batch = engine.run(scenario, runs, seed, workers=1, uncertainty=draw)
    weekly = {name: share for name, share in batch.weekly_shares().items()
              if name.startswith("rung_") or name in analysis.PROBABILITY_OUTCOMES}
    use_so_far = analysis.cumulative_incidence(np.rint(weekly["nuclear_use"] * runs), runs)
    quantiles, mean_rung = _rung_fan(weekly)
    return RunSummary(
        runs=runs,
        estimates=batch.estimates,
        outcomes={name: batch.columns[name] for name in analysis.OUTCOMES},
        highest_rung=analysis.rung_distribution(batch.columns),
        funnel=batch.chain_funnel(),
        layers=layer_names(batch.scenario.parameters["chain.layers"]),
        weekly=weekly,
        use_low=use_so_far["ci_low"],
        use_high=use_so_far["ci_high"],
        rung_quantiles=quantiles,
        mean_rung=mean_rung,
        predictive=({name: batch.predictive[name] for name in HEADLINE_OUTCOMES} if draw
                    else None),
        blocks=batch.blocks if draw else None,
    )


def view_row(name: str, runs: int, seed: int, uncertainty: bool = False) -> ViewRow:
    """One preset's P(nuclear use), P(nuclear order) and share of orders stopped.

    With ``uncertainty`` as ``summarise``: all from the run that draws the view's ranges.
    """
    result = summarise(Choice(name), runs, seed, uncertainty)
    return ViewRow(name, result.estimates["nuclear_use"], result.estimates["nuclear_order"],
                   result.stopped_share(),
                   result.predictive["nuclear_use"] if result.predictive else None)


def backtest(name: str, runs: int, seed: int) -> record.ViewBacktest:
    """One preset scored against the record of the year (only the small result travels)."""
    scenario = load(name)
    batch = engine.run(scenario, runs, seed, workers=1)
    return record.backtest_columns(name, batch.columns, scenario.parameters["horizon_weeks"])


def worlds_csv(choice: Choice, runs: int, seed: int) -> bytes:
    """Every world's outcomes as CSV."""
    return engine.run(choice.scenario(), runs, seed, workers=1).to_pandas().to_csv(
        index=False).encode()


def _start_worker() -> None:
    """Ready a worker before its first task, and end it if the server dies.

    The imports are done by unpickling this function; reading the presets and running a
    few worlds, with and without ranges, here means the first slider move does not pay for
    them. Ctrl-C is the
    server's to handle, and a worker of a server killed outright exits
    (``executor.worker_init``).
    """
    executor.worker_init()
    for name in presets():
        preset(name)
    summarise(Choice(presets()[0]), 100, 0)
    # and scipy's distributions (about 0.4 s to import), which Explore's ranged runs draw on
    summarise(Choice(presets()[0]), 2 * ranges.BLOCK_WORLDS, 0, True)


# --- the pool ----------------------------------------------------------------------------

_POOL_LOCK = threading.Lock()
_shared: executor.RenewingPool | None = None
"""The pool of every session (``executor.RenewingPool``: replaced when a worker dies)."""
_MAIN_LOCK = threading.Lock()
_NO_MAIN = types.ModuleType("__main__")


def workers() -> int:
    """Worker processes for the pool: SIMULATOR_APP_WORKERS, else the cores (0: in-process).

    Raises:
        SettingError: the variable is not a whole number >= 0 (its message names it).
    """
    chosen = current_settings().app_workers
    return (os.cpu_count() or 1) if chosen is None else chosen


def _shared_pool() -> executor.RenewingPool:
    """The renewing pool of every session, made on first use.

    Its workers come from a forkserver that imported this module once (shared pages), never
    plain fork: the server runs many threads, and a child could inherit a held lock.
    """
    global _shared
    with _POOL_LOCK:
        if _shared is None:
            _shared = executor.RenewingPool(workers(), initializer=_start_worker,
                                            preload=(__name__,), fork=False)
        return _shared


def pool() -> ProcessPoolExecutor:
    """The pool shared by every session now, started on first use."""
    return _shared_pool().current


def started() -> bool:
    """Whether the shared pool was made (never, with 0 workers: all runs in-process)."""
    return _shared is not None


def shutdown() -> None:
    """Stop the pool's workers (tests; the server's exit does it on its own)."""
    global _shared
    with _POOL_LOCK:
        shared, _shared = _shared, None
    if shared is not None:
        shared.shutdown(wait=True, cancel_futures=True)


@contextmanager
def _page_script_hidden() -> Iterator[None]:
    """Hide the page script from the workers a submit may start.

    Streamlit installs the running page script as ``__main__``, and multiprocessing runs a
    new worker's ``__main__`` file in it first: every worker would import Streamlit and run
    the app. A ``__main__`` with no file gives them nothing to run.
    """
    with _MAIN_LOCK:
        shown = sys.modules["__main__"]
        sys.modules["__main__"] = _NO_MAIN
        try:
            yield
        finally:
            sys.modules["__main__"] = shown


def submit(fn: Callable, *args: Any) -> Future:
    """Start ``fn(*args)`` on the pool (replacing it if broken); in-process with 0 workers."""
    if workers() == 0:
        future = Future()
        try:
            future.set_result(fn(*args))
        except Exception as error:
            future.set_exception(error)
        return future
    shared = _shared_pool()
    with _page_script_hidden():
        return shared.submit(fn, *args)  # on a fresh pool if a worker died since the last task


class SharedPool(Executor):
    """The shared pool as an ``Executor`` for the simulator's runners (a Sobol' analysis).

    Each task goes through `submit`, so a new worker never sees the page script and a
    broken pool is replaced; the analysis's own thread only waits and counts.
    """

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
        """``fn(*args, **kwargs)`` on the shared pool."""
        return submit(functools.partial(fn, **kwargs) if kwargs else fn, *args)


def call(fn: Callable, *args: Any) -> Any:
    """``fn(*args)`` on the pool, tried once more on a fresh pool if a worker dies."""
    try:
        return submit(fn, *args).result()
    except BrokenProcessPool:
        return submit(fn, *args).result()


_ANSWERED = object()
"""A job's entry once its answer was taken (the caller's cache holds it now)."""


class Jobs:
    """Simulations started by any session, by (function, arguments): run once, shared.

    A page can start a long run, show something else meanwhile, and ask later whether it
    finished; whoever asks first for the answer takes it (into ``st.cache_data``), and the
    entry then only remembers that it finished. The oldest finished entries are forgotten
    past ``limit``.
    """

    def __init__(self, limit: int = 128):
        self.limit = limit
        self._entries: OrderedDict[tuple, Any] = OrderedDict()
        self._lock = threading.Lock()

    def _start(self, key: tuple, fn: Callable, args: tuple, again: bool = False) -> Any:
        """The entry of a job, started now if it has none (or, ``again``, if answered)."""
        with self._lock:
            entry = self._entries.get(key)
            if entry is None or (again and entry is _ANSWERED):
                entry = self._entries[key] = submit(fn, *args)
                self._forget_oldest()
            self._entries.move_to_end(key)
            return entry

    def _forget_oldest(self) -> None:
        finished = [key for key, entry in self._entries.items()
                    if entry is _ANSWERED or entry.done()]
        for key in finished[:max(0, len(self._entries) - self.limit)]:
            del self._entries[key]

    def start(self, fn: Callable, *args: Any) -> None:
        """Start ``fn(*args)`` on the pool unless it was started already."""
        self._start((fn.__qualname__, args), fn, args)

    def finished(self, fn: Callable, *args: Any, start: bool = True) -> bool:
        """Whether ``fn(*args)`` has its answer; ``start`` starts it if nobody has."""
        key = (fn.__qualname__, args)
        if start:
            entry = self._start(key, fn, args)
        else:
            with self._lock:
                entry = self._entries.get(key)
        return entry is not None and (entry is _ANSWERED or entry.done())

    def answer(self, fn: Callable, *args: Any) -> Any:
        """``fn(*args)``, waiting for it.

        Started if needed, or again if answered before (the caller's cache dropped it).
        A run lost with its worker is started once more on a fresh pool; a failed run is
        forgotten, so the next request tries again.
        """
        key = (fn.__qualname__, args)
        try:
            return self._take(key, self._start(key, fn, args, again=True))
        except BrokenProcessPool:  # its worker died
            return self._take(key, self._start(key, fn, args, again=True))

    def _take(self, key: tuple, future: Future) -> Any:
        """The future's result; its entry then says answered, or is forgotten if it failed."""
        try:
            result = future.result()
        except BaseException:
            self._settle(key, future, None)
            raise
        self._settle(key, future, _ANSWERED)
        return result

    def _settle(self, key: tuple, future: Future, entry: Any) -> None:
        """Replace a job's future by ``entry`` (None: forget it), unless it changed."""
        with self._lock:
            if self._entries.get(key) is future:
                if entry is None:
                    del self._entries[key]
                else:
                    self._entries[key] = entry
