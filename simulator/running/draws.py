"""The random draws of a chunk, kept per process for the next model on the same seed."""

import sys
import threading
from collections import OrderedDict

import numpy as np

from simulator.model.world import STREAMS, model_draws


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


def kept_bytes() -> int:
    """Memory the kept draws of this process hold now (at most ``DRAWS_KEPT_BYTES``)."""
    with _draws_lock:
        return _kept_bytes()


def forget() -> None:
    """Drop every kept draw of this process (the next ``chunk_draws`` draws afresh)."""
    with _draws_lock:
        _draws_kept.clear()
        _evicted.clear()
