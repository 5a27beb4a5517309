"""Several views run with ``--uncertainty``: their pooled interval and three parts of spread.

One view's spread between blocks is simulation noise plus its own ranges
(``simulator.results.predictive``). Over a set of views (presets run on one seed, whose
blocks draw the same quantiles: common random numbers), the law of total variance over
the views' blocks adds a third part: the views' disagreement, the variance between their
estimates. With each view weighed alike::

    Var(block mean) = mean over views of (noise_v + assumptions_v) + Var over views of P_v

and the pooled predictive interval is the 2.5% and 97.5% quantiles of every view's shrunk
block means together (each around its own estimate): where the outcome plausibly lies if
one of the views is right, none favoured.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from simulator.errors import SimulatorError
from simulator.results import analysis
from simulator.results.batch import Batch
from simulator.results.predictive import LEVEL
from simulator.results.stats import BlockStats


@dataclass(frozen=True)
class ViewsSpread:
    """One outcome over several views: pooled estimate and interval, the spread's parts.

    Attributes:
        outcome: The outcome's name.
        views: Each view's name and estimate, in the order given.
        estimate: The views' estimates averaged (each view weighed alike).
        pi_low: Lower bound of the pooled 95% predictive interval.
        pi_high: Upper bound.
        noise: Mean over views of a block mean's simulation variance.
        assumptions: Mean over views of the variance their own ranges give.
        disagreement: Variance between the views' estimates.
    """

    outcome: str
    views: Mapping[str, float]
    estimate: float
    pi_low: float
    pi_high: float
    noise: float
    assumptions: float
    disagreement: float

    @property
    def total(self) -> float:
        """The pooled variance: the three parts together."""
        return self.noise + self.assumptions + self.disagreement

    @property
    def parts(self) -> dict[str, float]:
        """Shares of the pooled variance: ``simulation``, ``assumptions``, ``disagreement``."""
        total = self.total
        if not total > 0:
            return {"simulation": 1.0, "assumptions": 0.0, "disagreement": 0.0}
        return {"simulation": self.noise / total, "assumptions": self.assumptions / total,
                "disagreement": self.disagreement / total}

    def as_dict(self) -> dict:
        """Plain numbers, for JSON."""
        return {"estimate": self.estimate, "pi_low": self.pi_low, "pi_high": self.pi_high,
                "views": dict(self.views),
                "spread": {**self.parts, "variance_total": self.total,
                           "variance_simulation": self.noise,
                           "variance_assumptions": self.assumptions,
                           "variance_disagreement": self.disagreement}}

    def text(self) -> str:
        """The pooled interval and the three parts, in plain words."""
        percent = self.outcome in analysis.PROBABILITY_OUTCOMES
        spec = ".1%" if percent else (",.0f" if abs(self.estimate) >= 100 else ".3g")
        parts = self.parts
        return (f"{self.estimate:{spec}} averaged over the views, plausibly "
                f"{self.pi_low:{spec}}-{self.pi_high:{spec}} if one of them is right (95% "
                f"predictive interval); of the spread, {parts['disagreement']:.0%} is the "
                f"views' disagreement, {parts['assumptions']:.0%} their own ranges and "
                f"{parts['simulation']:.0%} simulation")


def _blocks(batch: Batch, block_worlds: int) -> BlockStats:
    if batch.blocks is not None:
        return batch.blocks
    return BlockStats.of(batch.columns, 0, block_worlds)


def across_views(batches: Sequence[Batch], outcome: str) -> ViewsSpread:
    """``outcome`` pooled over views run with uncertainty (see the module's docstring).

    Raises:
        SimulatorError: no batch, or a batch run without uncertainty.
    """
    if not batches:
        raise SimulatorError("views: give at least one batch run with uncertainty")
    for batch in batches:
        if not batch.uncertain:
            raise SimulatorError(f"view {batch.scenario.name!r} was run without uncertainty; "
                                 "run every view with uncertainty=True (--uncertainty)")
    found = [batch.predictive[outcome] for batch in batches]
    estimates = np.array([one.estimate.estimate for one in found])
    shrunk = []
    for batch, one in zip(batches, found, strict=True):
        blocks = _blocks(batch, one.block_worlds)
        means = blocks.outcome(outcome)[0][blocks.n == one.block_worlds]
        shrink = np.sqrt(one.assumptions / one.total) if one.total > 0 else 0.0
        shrunk.append(one.estimate.estimate + (means - one.estimate.estimate) * shrink)
    tail = (1 - LEVEL) / 2
    low, high = (float(q) for q in np.quantile(np.concatenate(shrunk), [tail, 1 - tail],
                                               method="weibull"))
    if len(found) == 1:  # one view: its own interval (widened to its Monte Carlo one)
        low, high = found[0].pi_low, found[0].pi_high
    return ViewsSpread(outcome, {b.scenario.name: float(e) for b, e in zip(batches, estimates,
                                                                          strict=True)},
                       float(estimates.mean()), low, high,
                       float(np.mean([one.noise for one in found])),
                       float(np.mean([one.assumptions for one in found])),
                       float(estimates.var()))


def views_spread(batches: Sequence[Batch]) -> dict[str, ViewsSpread]:
    """Every outcome pooled over the views, in ``analysis.OUTCOMES`` order."""
    return {name: across_views(batches, name) for name in analysis.OUTCOMES}


FILES = ("uncertainty.csv", "uncertainty.parquet", "uncertainty.json")
"""What ``write`` puts in a folder (beside its manifest)."""


def rows(batches: Sequence[Batch], pooled: Mapping[str, ViewsSpread]) -> list[dict]:
    """One row per (view, outcome), then the pooled row of each outcome: a tidy table."""
    found = []
    for batch in batches:
        for name, one in batch.predictive.items():
            found.append({"view": batch.scenario.name, "outcome": name,
                          **{key: value for key, value in one.as_dict().items()
                             if key != "spread"},
                          **{f"share_{key}": value for key, value in one.parts.items()}})
    for name, one in pooled.items():
        found.append({"view": "pooled", "outcome": name, "estimate": one.estimate,
                      "pi_low": one.pi_low, "pi_high": one.pi_high,
                      **{f"share_{key}": value for key, value in one.parts.items()}})
    return found


def write(batches: Sequence[Batch], pooled: Mapping[str, ViewsSpread], out, runs: int,
          seed: int, overwrite: bool = False):
    """Write ``compare --uncertainty``'s table (CSV, Parquet, JSON) and a manifest to ``out``.

    Raises:
        ExperimentError: ``out`` is a file, or a folder holding other files (without
            ``overwrite``).
    """
    import pandas as pd

    from simulator.results import write_manifest
    from simulator.studies import experiment_folder

    folder = experiment_folder.prepare_out(out, overwrite, FILES)
    folder.mkdir(parents=True, exist_ok=True)
    document = {"runs": runs, "seed": seed,
                "views": {b.scenario.name: b.summary() for b in batches},
                "pooled": {name: one.as_dict() for name, one in pooled.items()}}
    experiment_folder.write_table(folder, "uncertainty", pd.DataFrame(rows(batches, pooled)),
                                  document)
    write_manifest(folder, experiment_folder.manifest(
        "compare-uncertainty", batches[0].scenario, seed, runs=runs,
        scenarios=[experiment_folder.scenario_info(b.scenario) for b in batches],
        uncertainty={b.scenario.name: b.manifest["uncertainty"] for b in batches}))
    return folder
