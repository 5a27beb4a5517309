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

import difflib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from typing import Any

import numpy as np

from simulator.errors import ParameterError, shown

RANGES = "ranges"
"""What a study's ``vary`` is given to mean the scenario's own ranges (``simulator.sensitivity``).

Here, beside the ranges, so that ``simulator.api`` names it without importing the studies
(scipy.stats, about half a CPU-second that ``simulator.run`` does not need)."""

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


STRUCTURAL = ("horizon_weeks", "chain.layers")
"""Parameters that may not have a range: they shape the model (its weeks, its agents), and one
model holds worlds of one shape only. The same as ``simulator.model.world.STRUCTURAL``
(a test checks it), named here so that reading a scenario loads no model."""
RANGE_KEYS = ("kind", "low", "high", "why", "why_fr")
"""Keys of a scenario entry's ``range:`` mapping."""


def read(name: str, entry: Any, value: Any, param: Any) -> Range:
    """The range a scenario file's ``range:`` mapping gives parameter ``name``, checked.

    Args:
        name: The parameter's dotted name.
        entry: The ``range:`` mapping as the file gives it.
        value: The parameter's checked point value in the scenario: the range's mode.
        param: The parameter's schema entry (``params.Param``), for its own bounds.

    Raises:
        ParameterError: naming the field (``name.range.low`` ...) and what is allowed.
    """
    where = f"{name}.range"
    if not isinstance(entry, Mapping):
        raise ParameterError(where, f"{shown(entry)} is not allowed; expected a mapping such "
                                    "as {kind: pert, low: 0.1, high: 0.4, why: \"...\"}")
    unknown = [key for key in entry if key not in RANGE_KEYS]
    if unknown:
        raise ParameterError(where, f"unknown key {shown(unknown[0])}; allowed: "
                                    f"{', '.join(RANGE_KEYS)}")
    for key in ("kind", "low", "high"):
        if key not in entry:
            raise ParameterError(where, f"{key!r} is missing; a range needs kind, low, high "
                                        "and why")
    bounds = {}
    for key in ("low", "high"):
        bound = entry[key]
        if isinstance(bound, bool) or not isinstance(bound, int | float) or bound != bound \
                or abs(bound) == float("inf"):
            raise ParameterError(f"{where}.{key}", f"{shown(bound)} is not a plain number; "
                                                   f"expected {param.range_text}")
        bounds[key] = float(bound)
    texts = {}
    for key in ("kind", "why", "why_fr"):
        text = entry.get(key)
        if text is not None and not isinstance(text, str):
            raise ParameterError(f"{where}.{key}", f"{shown(text)} is not allowed; expected text")
        texts[key] = (text or "").strip()
    single = isinstance(value, int | float) and not isinstance(value, bool)
    mode = float(value) if single else 0.0  # a per-layer list: ``check`` refuses it
    rng = Range(texts["kind"], bounds["low"], bounds["high"], mode, texts["why"],
                texts["why_fr"])
    return check(name, rng, value, param)


def check(name: str, rng: Any, value: Any, param: Any) -> Range:
    """``rng`` checked as parameter ``name``'s range around its point ``value``.

    Returns the range with ``integer`` set as the parameter is (drawn values are then
    whole numbers).

    Raises:
        ParameterError: naming the field (``name.range.kind`` ...) and what is allowed.
    """
    where = f"{name}.range"
    if name in STRUCTURAL:
        raise ParameterError(where, "a structural parameter cannot have a range: it shapes the "
                                    "model itself (its weeks, its command layers), and worlds "
                                    "of one model share one shape; give a point value")
    if isinstance(value, list | tuple):
        raise ParameterError(where, "a per-layer list value cannot have a range; give one "
                                    "value for every layer to give it a range")
    if not isinstance(rng, Range):
        raise ParameterError(where, f"{shown(rng)} is not a Range")
    if rng.kind not in KINDS:
        near = difflib.get_close_matches(str(rng.kind), KINDS, n=1, cutoff=0.0)
        raise ParameterError(f"{where}.kind", f"unknown kind {shown(rng.kind)}; did you mean "
                                              f"{near[0]!r}? (one of {', '.join(KINDS)})")
    for key in ("low", "high"):
        bound = getattr(rng, key)
        if isinstance(bound, bool) or not isinstance(bound, int | float) or bound != bound:
            raise ParameterError(f"{where}.{key}", f"{shown(bound)} is not a plain number; "
                                                   f"expected {param.range_text}")
        if not param.low <= bound <= param.high:
            raise ParameterError(f"{where}.{key}",
                                 f"{shown(bound)} is outside the parameter's own range; "
                                 f"expected {param.range_text.split(' (or')[0]}")
        if param.integer and float(bound) != int(bound):
            raise ParameterError(f"{where}.{key}", f"{shown(bound)} is not a whole number; "
                                                   f"{name} takes whole numbers")
    if rng.low > rng.high:
        raise ParameterError(f"{where}.low", f"low {shown(rng.low)} is above high "
                                             f"{shown(rng.high)}; expected low <= high")
    if not rng.low <= value <= rng.high:
        field = f"{where}.low" if rng.low > value else f"{where}.high"
        raise ParameterError(field, f"the value (mode) must lie between low and high: value "
                                    f"{shown(value)}, low {shown(rng.low)}, high "
                                    f"{shown(rng.high)}")
    if rng.mode != value:
        raise ParameterError(f"{where}.mode", f"mode {shown(rng.mode)} differs from the value "
                                              f"{shown(value)}: the mode is the point value "
                                              "runs without --uncertainty use")
    if not isinstance(rng.why, str) or not rng.why.strip():
        raise ParameterError(f"{where}.why", "is missing or empty; say which claims (or which "
                                             "assumption of the modeller) allow these bounds")
    return replace(rng, low=float(rng.low), high=float(rng.high), mode=float(value),
                   integer=param.integer)
