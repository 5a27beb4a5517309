"""The predictive interval of an outcome, and the parts of its spread, from its blocks.

A run with ``--uncertainty`` gives each block of M worlds its own draw of the ranged
assumptions. Block b's mean m_b then varies for two reasons: its assumptions (what the
ranges leave open) and the chance of its M worlds (simulation noise). The noise part is
known from within the blocks: the mean within-block variance over M. What is left of the
blocks' variance is the assumptions' part. The predictive interval is the 2.5% and 97.5%
quantiles of the block means shrunk towards the estimate so that only the assumptions'
variance is left: where the outcome plausibly lies given the ranges, not where one more
batch of worlds would put it (that is the Monte Carlo interval, which a predictive
interval always contains).

The estimate and its Monte Carlo interval stay those of every world, as without ranges.
Only whole blocks enter the spread: a run's last, shorter block (``runs`` not a multiple of
M) counts in the estimate but not in the quantiles.
"""

import math
from dataclasses import dataclass

import numpy as np

from simulator.errors import SimulatorError
from simulator.results import analysis
from simulator.results.stats import BlockStats

LEVEL = 0.95
"""The predictive interval's level."""


@dataclass(frozen=True)
class Predictive:
    """An outcome's estimate, its Monte Carlo and predictive intervals, its spread's parts.

    Attributes:
        outcome: The outcome's name (``analysis.OUTCOMES``).
        estimate: The estimate over every world with its Monte Carlo 95% interval.
        pi_low: Lower bound of the 95% predictive interval (at most ``ci_low``).
        pi_high: Upper bound (at least ``ci_high``).
        noise: Simulation variance of one block's mean (within-block variance / M).
        assumptions: Variance of the block means due to the ranges: total - noise, >= 0.
        total: Variance of the block means.
        blocks: Whole blocks behind the spread.
        block_worlds: Worlds per block (M).
        disagreement: For a pooled view, the variance between its views' mean block
            means (``assumptions`` is then the part within views: their own ranges);
            None for a single view.
    """

    outcome: str
    estimate: analysis.Estimate
    pi_low: float
    pi_high: float
    noise: float
    assumptions: float
    total: float
    blocks: int
    block_worlds: int
    disagreement: float | None = None

    @property
    def parts(self) -> dict[str, float]:
        """Shares of the blocks' variance: ``simulation`` and ``assumptions``.

        They sum to 1 unless the noise estimate exceeds the total (the ranges then move
        the outcome less than noise can show: assumptions 0, simulation above 1).
        """
        found = {"simulation": 1.0, "assumptions": 0.0}
        if self.total > 0:
            found = {"simulation": self.noise / self.total,
                     "assumptions": self.assumptions / self.total}
        if self.disagreement is not None:
            found["disagreement"] = self.disagreement / self.total if self.total > 0 else 0.0
        return found

    @property
    def percent(self) -> bool:
        """Whether the outcome is a probability (printed in percent)."""
        return self.outcome in analysis.PROBABILITY_OUTCOMES

    def as_dict(self) -> dict:
        """Plain numbers for JSON: the estimate's fields, pi_low, pi_high and ``spread``."""
        return {**self.estimate.as_dict(), "pi_low": self.pi_low, "pi_high": self.pi_high,
                "spread": {**self.parts, "variance_total": self.total,
                           "variance_simulation": self.noise,
                           "variance_assumptions": self.assumptions,
                           **({} if self.disagreement is None
                              else {"variance_disagreement": self.disagreement}),
                           "blocks": self.blocks, "block_worlds": self.block_worlds}}

    def _number(self, value: float) -> str:
        if self.percent:
            return f"{value:.1%}"
        return f"{value:,.0f}" if abs(self.estimate.estimate) >= 100 else f"{value:.3g}"

    def text(self) -> str:
        """The estimate, its predictive interval and the parts of its spread, in words."""
        est = self.estimate
        half = (est.ci_high - est.ci_low) / 2
        noise = (f"{half:.1%}".rstrip("%") + " points" if self.percent
                 else self._number(half))
        parts = {name: min(share, 1) for name, share in self.parts.items()}
        given, sources = "the ranges", (f"{parts['assumptions']:.0%} comes from the ranges "
                                        f"and {parts['simulation']:.0%} from simulation")
        if self.disagreement is not None:
            given = "the views and their ranges"
            sources = (f"{parts['disagreement']:.0%} comes from the views' disagreement, "
                       f"{parts['assumptions']:.0%} from their own ranges and "
                       f"{parts['simulation']:.0%} from simulation")
        return (f"{self._number(est.estimate)}, plausibly {self._number(self.pi_low)}-"
                f"{self._number(self.pi_high)} given {given} (95% predictive interval); "
                f"simulation noise +-{noise}; of the spread between blocks, {sources}")


def predictive(blocks: BlockStats, estimate: analysis.Estimate, outcome: str,
               block_worlds: int, views: np.ndarray | None = None) -> Predictive:
    """``outcome``'s predictive interval from its blocks (see the module's docstring).

    The quantiles are read at ``p (B + 1)`` among the B shrunk block means (numpy's
    ``weibull`` rule): for B exchangeable draws, the interval between those order
    statistics holds a new draw with probability 95% (the default rule, ``p (B - 1) + 1``,
    covers about 90% for the 39 blocks of 10,000 worlds). Shrinking is exact when the
    outcome's spread over the ranges is normal (many ranges adding up); for one bounded
    range that moves the outcome alone (a uniform range) it gives the noise's normal
    tails to a spread that has none, and the interval errs wide.

    Args:
        blocks: The run's blocks, in order.
        estimate: The outcome's estimate over every world, with its Monte Carlo interval.
        outcome: Which outcome.
        block_worlds: Worlds of a whole block (M).
        views: For a pooled view, which of its views each block lived under: the
            variance between the views' mean block means is then told apart from the
            ranges' (law of total variance over the views).

    Raises:
        SimulatorError: fewer than two whole blocks (no spread between blocks to read).
    """
    means, within = blocks.outcome(outcome)
    whole = blocks.n == block_worlds
    means, within = means[whole], within[whole]
    if len(means) < 2:
        raise SimulatorError(f"a predictive interval needs at least two whole blocks of "
                             f"{block_worlds} worlds; this run has {len(means)}")
    centre = estimate.estimate
    noise = float(np.nanmean(within)) / block_worlds
    total = float(np.var(means, ddof=1))
    disagreement = None
    if views is not None:
        views = np.asarray(views)[: len(whole)][whole]
        labels, counts = np.unique(views, return_counts=True)
        centres = np.array([means[views == label].mean() for label in labels])
        disagreement = float(np.sum(counts * (centres - means.mean()) ** 2) / len(means))
    assumptions = max(0.0, total - noise - (disagreement or 0.0))
    spread = assumptions + (disagreement or 0.0)
    tail = (1 - LEVEL) / 2
    shrink = math.sqrt(min(spread / total, 1.0)) if total > 0 else 0.0
    quantiles = np.quantile(centre + (means - centre) * shrink, [tail, 1 - tail],
                            method="weibull")  # clipped to the extremes below 39 blocks
    low, high = (float(q) for q in quantiles)
    if outcome in analysis.PROBABILITY_OUTCOMES:
        low, high = max(low, 0.0), min(high, 1.0)
    low = min(low, estimate.ci_low) if not math.isnan(estimate.ci_low) else low
    high = max(high, estimate.ci_high) if not math.isnan(estimate.ci_high) else high
    return Predictive(outcome, estimate, low, high, noise, assumptions, total, len(means),
                      block_worlds, disagreement)


def predictives(blocks: BlockStats, estimates: dict[str, analysis.Estimate],
                block_worlds: int, views: np.ndarray | None = None) -> dict[str, Predictive]:
    """Every outcome's ``Predictive``, in ``estimates``' order."""
    return {name: predictive(blocks, est, name, block_worlds, views)
            for name, est in estimates.items()}
