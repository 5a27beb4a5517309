"""A pooled view: the experts' views mixed, each block of worlds living under one of them.

The experts disagree (P(use) from under 1% to about 12% over the year) and the record
barely tells them apart. A pool gives each view a weight; block b of ``BLOCK_WORLDS``
worlds draws which view it lives under, view v with probability ``weight_v``, so the pool's
P(outcome) is the weighted mixture of the views' and every other outcome, chart and study
reads it like any preset's.

Common random numbers: the number that picks block b's view depends only on (seed, b),
and the worlds' own draws are those of every run on that seed, so world i of a pool is
world i of the view its block drew, bit for bit (a test checks it): comparisons of the
pool with its views stay paired. With ``--uncertainty`` the block also draws that view's
ranges, exactly as the view's own run does.

Reading a pool loads no model: this module needs numpy alone.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.model.ranges import BLOCK_WORLDS, Range

_STREAM = 0x504F4F4C  # "POOL": apart from the worlds' and the ranges' own streams
_GOLDEN = (np.sqrt(5.0) - 1) / 2  # 1 / golden ratio: the most evenly spreading step
WEIGHT_TOLERANCE = 1e-3
"""How far a pool file's weights may sum from 1 (they are rounded numbers; then rescaled)."""


@dataclass(frozen=True)
class Member:
    """One view of a pool: its name, weight, point parameters and ranges.

    Attributes:
        name: The view's preset name.
        weight: The share of blocks that live under it (the weights sum to 1).
        parameters: Its parameters, validated (``Scenario.parameters``).
        ranges: Its ranges (drawn per block only with ``--uncertainty``).
        hash: Its scenario hash, for the manifest.
    """

    name: str
    weight: float
    parameters: Mapping[str, Any] = field(repr=False)
    ranges: Mapping[str, Range] = field(default_factory=dict, repr=False)
    hash: str = ""


def block_uniforms(seed: int, first: int, count: int) -> np.ndarray:
    """The quantiles that pick the views of blocks ``first`` to ``first + count - 1``.

    A Weyl sequence, ``(u0 + b / golden ratio) mod 1``, with its start ``u0`` drawn from the
    seed: its points spread evenly over [0, 1), so the share of blocks under each view
    stays within a few blocks of its weight at any run length (within 3.2 blocks at every
    length up to 20,000 blocks, seeds 0-4). Independent uniforms would miss by a median of
    11 blocks in 391, and the pool's Monte Carlo interval, computed as if worlds were
    independent, would be too narrow. Block b's quantile depends only on
    (seed, b), not on how many blocks a run has nor on the pool's views.
    """
    start = np.random.Generator(np.random.PCG64(np.random.SeedSequence([seed, _STREAM]))).random()
    blocks = np.arange(first, first + count, dtype=np.float64)
    return np.mod(start + blocks * _GOLDEN, 1.0)


def block_views(weights: Sequence[float], seed: int, first: int, count: int) -> np.ndarray:
    """Which member (its index) each block from ``first`` lives under, by ``weights``."""
    edges = np.cumsum(np.asarray(weights, dtype=float))
    edges[-1] = 1.0  # rounding may leave the last edge a hair below 1
    return np.searchsorted(edges, block_uniforms(seed, first, count), side="right")


def world_views(weights: Sequence[float], seed: int, worlds: int) -> np.ndarray:
    """Each of the first ``worlds`` worlds' member index (its block's)."""
    views = block_views(weights, seed, 0, -(-worlds // BLOCK_WORLDS))
    return np.repeat(views, BLOCK_WORLDS)[:worlds]


def normalised(weights: Sequence[float]) -> list[float]:
    """Weights rescaled to sum to exactly 1 (a file gives them rounded)."""
    total = math.fsum(weights)
    return [w / total for w in weights]


def record(members: Sequence[Member], basis: str) -> dict[str, Any]:
    """What a manifest records of a pool: each view's weight and hash, and the weights' basis."""
    return {"basis": basis, "block_worlds": BLOCK_WORLDS,
            "views": [{"name": m.name, "weight": m.weight, "hash": m.hash} for m in members]}
