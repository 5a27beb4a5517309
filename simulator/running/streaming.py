"""Totals over a batch's chunks, folded in as the chunks finish, in flat memory.

A summary needs only each chunk's statistics, never its worlds: folding them in as
chunks come back keeps memory flat whatever the number of worlds. Chunks finish in any
order on a pool or a cluster, but float means merged in another order differ in their
last bits, so a chunk that finishes early waits (as its statistics alone, a few hundred
bytes) until every chunk before it is in: the total is the same bytes on any executor.
"""

from collections.abc import Callable, Mapping

from simulator.errors import SimulatorError


class ChunkFold[Value]:
    """``merge(...merge(merge(start, v0), v1)..., v_last)`` over chunks 0 to ``chunks - 1``.

    Values are added in any order; they are merged in chunk order, exactly as
    ``functools.reduce(merge, [v0, v1, ...], start)`` would.
    """

    def __init__(self, chunks: int, merge: Callable[[Value, Value], Value], start: Value):
        self.chunks = chunks
        self._merge = merge
        self._total = start
        self._next = 0  # the first chunk not merged yet
        self._early: dict[int, Value] = {}  # chunks in, waiting for an earlier one

    def add(self, chunk: int, value: Value) -> None:
        """Take chunk ``chunk``'s value (once per chunk)."""
        if not 0 <= chunk < self.chunks or chunk < self._next or chunk in self._early:
            raise SimulatorError(f"chunk {chunk}: already added or not one of the "
                                 f"{self.chunks} chunks (0 to {self.chunks - 1})")
        self._early[chunk] = value
        while self._next in self._early:
            self._total = self._merge(self._total, self._early.pop(self._next))
            self._next += 1

    @property
    def total(self) -> Value:
        """The fold over every chunk; an error if some chunk has not been added."""
        if self._next < self.chunks:
            raise SimulatorError(f"chunk {self._next} of {self.chunks} is missing from the total")
        return self._total


class WorldsNotKept(Mapping):
    """The columns of a batch run with ``keep_worlds=False``: reading a world says so.

    Such a batch kept only its summary and weekly counts; an error beats an empty table
    that would look like a batch without worlds.
    """

    def _refuse(self, *_):
        raise SimulatorError("keep_worlds=False: this batch kept only its summary, not its "
                             "worlds; run it with keep_worlds=True (in memory) or out=FOLDER "
                             "(on disk) to read them")

    __getitem__ = __iter__ = __len__ = _refuse
