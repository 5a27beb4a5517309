"""Where tasks run: this process, a pool of worker processes, a Dask cluster, any executor.

One pool for the whole simulator: ``engine`` (a batch's chunks), ``simulator.app.compute``
(the app's simulations, shared by every session) and ``simulator.workshop.results`` (a large
reveal) all start their worker processes here, with one choice of start method, one orphan
watch and one way of replacing a pool whose worker was killed (``RenewingPool``).
"""

import multiprocessing
import os
import re
import signal
import sys
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Executor, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from simulator.running.chunks import IN_PROCESS_LIMIT, EngineError
from simulator.running.dask_cluster import connect_dask

ENGINE_MODULES = ("simulator.running.engine",)
"""What a forkserver imports once for the engine's workers (they fork with it loaded)."""


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


def default_workers() -> int:
    """The cores this process may use (its CPU affinity where the OS tells it)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()


def worker_init() -> None:
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


def process_pool(size: int, *, initializer: Callable[[], None] = worker_init,
                 preload: Sequence[str] = ENGINE_MODULES, fork: bool = True,
                 start_now: bool = False) -> ProcessPoolExecutor:
    """A pool of ``size`` worker processes, each started by ``initializer``.

    Plain fork (if ``fork``) when this process runs a single thread: workers start in
    milliseconds with the model already imported. Otherwise (a Streamlit server, a Dask
    client in this process) forking could copy a lock held by another thread, so workers
    come from a forkserver that imports ``preload`` once (~1 s) and then forks them.
    ``start_now`` starts the workers before returning (see ``start_workers``).
    """
    methods = multiprocessing.get_all_start_methods()
    if fork and "fork" in methods and threading.active_count() == 1:
        context = multiprocessing.get_context("fork")
    elif "forkserver" in methods:
        refuse_unguarded_script()
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(list(preload))
    else:  # pragma: no cover - Windows, macOS without fork
        context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(max_workers=size, mp_context=context, initializer=initializer)
    pool.start_method = context.get_start_method()  # for messages and the manifest
    return start_workers(pool) if start_now else pool


_GUARD = re.compile(r"""__name__\s*==\s*['"]__main__['"]|['"]__main__['"]\s*==\s*__name__""")


def refuse_unguarded_script() -> None:
    """EngineError, before any worker starts, for a script that workers would run again.

    A forkserver (or spawn) worker imports the script that started the program, as
    ``__mp_main__``; without an ``if __name__ == "__main__":`` guard it runs the script's
    simulations again, inside the worker, and the pool dies with BrokenProcessPool and no
    word of why. Only a plain ``.py`` file as ``__main__`` is read: a notebook, the REPL,
    ``python -c`` and ``python -m`` (modules that guard themselves) are never refused, nor
    a process running Streamlit, which makes each page script ``__main__`` while it runs.
    """
    if "streamlit" in sys.modules:  # the app's page script is __main__ while it runs
        return
    main = sys.modules.get("__main__")
    path = getattr(main, "__file__", None)
    if not path or getattr(main, "__spec__", None) is not None or not path.endswith(".py"):
        return
    try:
        source = Path(path).read_text(encoding="utf-8", errors="replace")
    except OSError:
        return
    if not _GUARD.search(source):
        raise EngineError(
            f"{path}: this script calls the simulator at its top level, and threads are "
            "running, so the worker processes start from a fresh interpreter that runs the "
            "script again (the pool would break). Put the script's calls under "
            "`if __name__ == \"__main__\":`, or pass workers=1 to run in this process")


def start_workers(pool: ProcessPoolExecutor) -> ProcessPoolExecutor:
    """Start a new pool's workers now, without Python 3.12's fork warning.

    The warning counts OS threads, so numpy's idle BLAS threads (which fork safely)
    set it off; ``process_pool`` forks only when no other Python thread runs.
    """
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", r"This process \(pid=\d+\) is multi-threaded",
                                DeprecationWarning)
        pool.submit(int).result()
    return pool


class RenewingPool(Executor):
    """A process pool, started on first use and replaced by a fresh one when it breaks.

    A worker killed (out of memory, by hand) breaks a ``ProcessPoolExecutor`` for good:
    here the first caller to notice replaces it, once however many threads notice, and
    ``submit`` tries a task once more on the fresh pool. Thread-safe: the app shares one
    between every session.

    Attributes:
        max_workers: Worker processes of each pool.
    """

    def __init__(self, max_workers: int, **options: Any):
        """``options``: those of ``process_pool`` (initializer, preload, fork, start_now)."""
        self.max_workers = max_workers
        self._options = options
        self._pool: ProcessPoolExecutor | None = None
        self._start_method = ""
        self._lock = threading.Lock()

    @property
    def current(self) -> ProcessPoolExecutor:
        """The pool now, started if there is none."""
        with self._lock:
            if self._pool is None:
                self._pool = self._new()
            return self._pool

    @property
    def start_method(self) -> str:
        """How the workers of its latest pool started: fork, forkserver or spawn ("": none yet)."""
        return self._start_method

    def _new(self) -> ProcessPoolExecutor:
        """A new pool (called with the lock held)."""
        pool = process_pool(self.max_workers, **self._options)
        self._start_method = pool.start_method
        return pool

    def holds(self, pool: Executor) -> bool:
        """Whether ``pool`` is the current pool (not yet replaced)."""
        return pool is self._pool

    def renew(self, broken: ProcessPoolExecutor) -> ProcessPoolExecutor:
        """A fresh pool in place of ``broken`` (unless another caller replaced it already)."""
        with self._lock:
            if self._pool is broken or self._pool is None:
                broken.shutdown(wait=False, cancel_futures=True)
                self._pool = self._new()
            return self._pool

    def submit(self, fn: Callable, /, *args: Any, **kwargs: Any) -> Future:
        """``fn(*args, **kwargs)`` on the pool; on a fresh one if a worker died since."""
        pool = self.current
        try:
            return pool.submit(fn, *args, **kwargs)
        except BrokenProcessPool:
            return self.renew(pool).submit(fn, *args, **kwargs)

    def shutdown(self, wait: bool = True, *, cancel_futures: bool = False) -> None:
        """Stop the workers (the next ``submit`` starts a new pool)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=wait, cancel_futures=cancel_futures)


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
        self._own: RenewingPool | None = None

    @property
    def slots(self) -> int:
        """How many tasks can run at once: the workers (1 in this process).

        What a job is cut for: about twice as many tasks in flight as slots keeps every
        worker busy (``_map_on``'s window).
        """
        if self.executor is not None:
            width = getattr(self.executor, "max_workers", None) or getattr(
                self.executor, "_max_workers", None)
            return int(width) if width else max(1, (self.window or 2) // 2)
        return max(1, self.processes)

    @property
    def where(self) -> str:
        """Where the tasks ran, in words, for messages and the manifest.

        "this process", "2 processes (fork)", "the Dask cluster at tcp://...", or the
        class name of an executor given.
        """
        if self.executor is not None:
            return self._label
        if self._own is not None:
            return f"{self._own.max_workers} processes ({self._own.start_method})"
        return "this process"

    def _pool(self, tasks: int) -> Executor | None:
        if self.executor is not None:
            return self.executor
        if self.processes <= 1 or tasks <= 1:
            return None
        if self._own is None:
            self._own = RenewingPool(min(self.processes, tasks), start_now=True)
            self.window = self.window or 2 * self._own.max_workers
        return self._own.current

    def start(self, tasks: int) -> None:
        """Start the worker processes for ``tasks`` tasks now.

        Before a progress bar's thread starts, which would make forking unsafe (see
        ``process_pool``).
        """
        self._pool(tasks)

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
        window = self.window or 2 * (getattr(pool, "max_workers", None)
                                     or getattr(pool, "_max_workers", None) or default_workers())
        queue = iter(tasks)
        running: dict = {}  # future -> (task, attempt, pool it was submitted to)

        def submit(task: Task, attempt: int) -> None:
            nonlocal pool
            try:
                future = pool.submit(task.fn, *task.args)
            except BrokenProcessPool:  # broke since the last result: replace it once
                if not self._owns(pool):
                    raise
                pool = self._own.renew(pool)
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
                                and self._owns(pool):
                            pool = self._own.renew(pool)
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

    def _owns(self, pool: Executor) -> bool:
        """Whether ``pool`` is the current pool of our own (which may be renewed)."""
        return self._own is not None and self._own.holds(pool)

    def close(self, cancel: bool = False) -> None:
        """Shut our own pool down (at once, dropping queued work, when ``cancel``)."""
        if self._own is not None:
            self._own.shutdown(wait=not cancel, cancel_futures=cancel)
            self._own = None


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
        workers = 1 if worlds <= IN_PROCESS_LIMIT else default_workers()
    runner = Runner(processes=workers)
    try:
        yield runner
    except BaseException:
        runner.close(cancel=True)
        raise
    runner.close()
