"""Statistics of a batch's outcomes that merge chunk by chunk, in chunk order, to the bit."""

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy.special import stdtrit

from simulator.errors import SimulatorError
from simulator.results import analysis

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


@dataclass(frozen=True)
class BlockStats:
    """``OutcomeStats`` of every block of worlds that shared one set of drawn assumptions.

    A run with ``--uncertainty`` draws its ranged parameters once per block of
    ``ranges.BLOCK_WORLDS`` consecutive worlds: the spread of the blocks' means is what
    the assumptions leave open plus noise, the spread within blocks is noise alone. Kept
    per chunk and joined in chunk order (a chunk holds whole blocks), so a run that keeps
    no world, streams to a folder or resumes one has them all the same.

    Attributes:
        first: Global index of the first block.
        n: Worlds in each block, shape (blocks,).
        counts: Worlds with each yes/no outcome, shape (blocks, yes/no outcomes).
        means: Mean of each other outcome, shape (blocks, mean outcomes).
        m2: Sum of squared deviations from the block's mean, same shape.
    """

    first: int
    n: np.ndarray
    counts: np.ndarray
    means: np.ndarray
    m2: np.ndarray

    @classmethod
    def empty(cls, first: int = 0) -> "BlockStats":
        """No block at all."""
        return cls(first, np.zeros(0, np.int64), np.zeros((0, len(_PROBABILITY)), np.int64),
                   np.zeros((0, len(_MEAN))), np.zeros((0, len(_MEAN))))

    @classmethod
    def of(cls, columns: Mapping[str, Any], first_world: int, block_worlds: int) -> "BlockStats":
        """The blocks of consecutive worlds ``first_world`` on (``first_world`` starts a block)."""
        n = len(columns[_PROBABILITY[0]])
        if first_world % block_worlds:
            raise SimulatorError(f"world {first_world} does not start a block of "
                                 f"{block_worlds} worlds")
        if n == 0:
            return cls.empty(first_world // block_worlds)
        starts = np.arange(0, n, block_worlds)
        sizes = np.diff(np.append(starts, n))
        counts = np.stack([np.add.reduceat(np.asarray(columns[k]) != 0, starts, dtype=np.int64)
                           for k in _PROBABILITY], axis=1)
        means, m2 = np.empty((len(starts), len(_MEAN))), np.empty((len(starts), len(_MEAN)))
        for i, name in enumerate(_MEAN):
            values = _canonical(columns[name])
            means[:, i] = np.add.reduceat(values, starts) / sizes
            m2[:, i] = np.add.reduceat(np.square(values - np.repeat(means[:, i], sizes)), starts)
        return cls(first_world // block_worlds, sizes.astype(np.int64), counts, means, m2)

    def merge(self, other: "BlockStats") -> "BlockStats":
        """These blocks followed by ``other``'s (the next chunk's)."""
        if len(other.n) == 0:
            return self
        if len(self.n) == 0:
            return other
        if other.first != self.first + len(self.n):
            raise SimulatorError(f"blocks {other.first} on do not follow blocks "
                                 f"{self.first}-{self.first + len(self.n) - 1}")
        return BlockStats(self.first, np.concatenate([self.n, other.n]),
                          np.concatenate([self.counts, other.counts]),
                          np.concatenate([self.means, other.means]),
                          np.concatenate([self.m2, other.m2]))

    def outcome(self, outcome: str) -> tuple[np.ndarray, np.ndarray]:
        """One outcome's block means and unbiased within-block variances (nan for 1 world).

        A yes/no outcome's mean is its share of worlds m, its within-block variance
        m (1 - m) n / (n - 1); another outcome's is its sum of squares over n - 1.
        """
        n = self.n.astype(np.float64)
        with np.errstate(divide="ignore", invalid="ignore"):
            if outcome in _PROBABILITY:
                share = self.counts[:, _PROBABILITY.index(outcome)] / n
                return share, share * (1 - share) * n / (n - 1)
            if outcome not in _MEAN:
                raise SimulatorError(f"unknown outcome {outcome!r}; choose one of: "
                                     f"{', '.join(analysis.OUTCOMES)}")
            i = _MEAN.index(outcome)
            return self.means[:, i].copy(), self.m2[:, i] / (n - 1)
