"""What an expert's words allow: a parameter given as a range, drawn once per block of worlds.

The experts hedged ("less likely than more likely", "about five levels"): a preset may give
a parameter, beside its point ``value``, a ``range`` (uniform, triangular or beta-PERT on
``[low, high]``, the point as the mode) with the claims or the assumption behind its bounds.
A run without ``--uncertainty`` uses the points and is unchanged. With it, each block of
``BLOCK_WORLDS`` consecutive worlds draws one set of assumptions: the blocks' spread of
outcomes is what the assumptions leave open, their worlds' spread within a block is
simulation noise.

Common random numbers: the uniform that block b turns into a value of parameter ``name``
depends only on (seed, name, b), never on the other parameters nor on how many blocks a
run has, so two scenarios run on one seed draw the same quantiles in the same blocks and
their paired differences stay paired. A range collapsed to its point (low = high) gives
the point in every world, hence the point run's bytes.
"""

import zlib
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

KINDS = ("uniform", "triangular", "pert")
"""The shapes a range may take (beta-PERT: a beta on the bounds, weight 4 on the mode)."""
BLOCK_WORLDS = 256
"""Worlds that share one set of drawn assumptions (a power of two: chunks hold 64 blocks)."""
_STREAM = 0x52414E47  # "RANG": keeps these streams apart from the worlds' own draws


@dataclass(frozen=True)
class Range:
    """A parameter's plausible values: ``kind`` on ``[low, high]``, most likely ``mode``.

    Attributes:
        kind: One of ``KINDS``.
        low: The smallest plausible value.
        high: The largest plausible value.
        mode: The most plausible value: the preset's point value.
        why: The claims or the modeller's assumption behind the bounds, in words.
        why_fr: The same in French ("" falls back to the English).
        integer: Whether the parameter takes whole numbers (drawn values are rounded).
    """

    kind: str
    low: float
    high: float
    mode: float
    why: str = ""
    why_fr: str = ""
    integer: bool = False

    @property
    def collapsed(self) -> bool:
        """Whether the range is its point alone (then every world gets the point)."""
        return self.low == self.high

    def distribution(self):
        """The frozen scipy.stats distribution of the range (None when collapsed)."""
        if self.collapsed:
            return None
        from scipy import stats  # on first draw: reading a scenario stays light (CLI --help)

        width = self.high - self.low
        if self.kind == "uniform":
            return stats.uniform(loc=self.low, scale=width)
        if self.kind == "triangular":
            return stats.triang(c=(self.mode - self.low) / width, loc=self.low, scale=width)
        alpha = 1 + 4 * (self.mode - self.low) / width
        beta = 1 + 4 * (self.high - self.mode) / width
        return stats.beta(alpha, beta, loc=self.low, scale=width)

    def values(self, uniforms: np.ndarray) -> np.ndarray:
        """The values at the given quantiles (``uniforms`` in [0, 1))."""
        distribution = self.distribution()
        if distribution is None:
            return np.full(np.shape(uniforms), self.mode, dtype=float)
        drawn = np.clip(distribution.ppf(uniforms), self.low, self.high)
        return np.rint(drawn) if self.integer else drawn

    def as_dict(self) -> dict[str, Any]:
        """The range as a scenario file and a manifest write it."""
        entry = {"kind": self.kind, "low": self.low, "high": self.high, "why": self.why}
        if self.why_fr:
            entry["why_fr"] = self.why_fr
        return entry


def block_uniforms(seed: int, name: str, first: int, count: int) -> np.ndarray:
    """The quantiles blocks ``first`` to ``first + count - 1`` draw for parameter ``name``.

    One stream per (seed, name), advanced to ``first``: block b's quantile is the same
    whether a run computes blocks 0 to 10 or only block b.
    """
    key = np.random.SeedSequence([seed, _STREAM, zlib.crc32(name.encode())])
    bits = np.random.PCG64(key)
    bits.advance(first)
    return np.random.Generator(bits).random(count)


def world_values(ranges: Mapping[str, Range], seed: int, first_world: int,
                 worlds: int) -> dict[str, np.ndarray]:
    """Each world's drawn value of every ranged parameter, for worlds ``first_world`` on.

    Worlds of one block (``BLOCK_WORLDS`` consecutive global world indices) share a value.
    """
    first_block = first_world // BLOCK_WORLDS
    last_block = (first_world + worlds - 1) // BLOCK_WORLDS
    blocks = np.arange(first_world, first_world + worlds) // BLOCK_WORLDS - first_block
    drawn = {}
    for name in sorted(ranges):
        uniforms = block_uniforms(seed, name, first_block, last_block - first_block + 1)
        drawn[name] = ranges[name].values(uniforms)[blocks]
    return drawn
