"""A saved design keeps every slot of an executor busy, as an unsaved one does.

Its blocks of points go to the executor as one stream (a block does not wait for the one
before), cut into at least about twice as many tasks as the executor has slots: on an
executor of 16 slots a 512-point design keeps at least 14 tasks in flight.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest

from simulator.studies import sweeps

SLOTS = 16


class Counting(ThreadPoolExecutor):
    """A thread pool that records the most tasks it held at once (submitted, not done)."""

    def __init__(self):
        super().__init__(max_workers=SLOTS)
        self.held, self.most, self._lock = 0, 0, threading.Lock()

    def submit(self, fn, /, *args, **kwargs):
        with self._lock:
            self.held += 1
            self.most = max(self.most, self.held)
        future = super().submit(fn, *args, **kwargs)
        future.add_done_callback(self._done)
        return future

    def _done(self, _):
        with self._lock:
            self.held -= 1


@pytest.mark.parametrize("runs", [250, pytest.param(2_000, marks=pytest.mark.slow)])
def test_a_saved_512_point_design_keeps_14_tasks_in_flight(tmp_path, runs):
    pool = Counting()
    try:
        sweeps.sweep("kemp", ["west.influence=0.3:0.9", "leader.resolve=0:6"], points=512,
                     runs_per_point=runs, seed=1, out=tmp_path / "sweep", executor=pool)
    finally:
        pool.shutdown()
    assert pool.most >= 14, pool.most
