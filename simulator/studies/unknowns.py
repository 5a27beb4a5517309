"""What our uncertainty is made of: Sobol' indices over a preset's own ranges.

A preset gives some parameters as ranges (``simulator.model.ranges``): the unknowns behind
its predictive interval. Which of them matter most? This module hands those ranges to the
Sobol' analysis of ``simulator.studies.sobol`` as its inputs, each drawn from its range's
own distribution (a beta-PERT range as a beta-PERT, whole numbers rounded as a run with
``--uncertainty`` rounds them), not uniform on its bounds: the indices then split the
variance the preset's ranges leave, the same variance its predictive interval carries.

The design, the evaluation on common random numbers, the estimators and the seeded
bootstrap are ``sobol.sensitivity``'s own; only the map from the unit cube to values
differs (``RangeVary.from_unit``: the range's inverse CDF). Same seed, same indices.
"""

import textwrap
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field, fields
from pathlib import Path

import numpy as np

from simulator.model.ranges import RANGES, Range
from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.studies import experiment_folder, sobol
from simulator.studies.designs import ExperimentError, Vary, as_scenario


@dataclass(frozen=True)
class RangeVary(Vary):
    """A parameter varied as its preset's range says: its distribution, not uniform.

    Attributes:
        range: The preset's range (kind, bounds, mode and why).
    """

    range: Range

    @property
    def text(self) -> str:
        """``name~kind(low,mode,high)``: what the manifest records, and resume checks."""
        r = self.range
        return f"{self.name}~{r.kind}({r.low:g},{r.mode:g},{r.high:g})"

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """The range's values at quantiles ``u`` (its inverse CDF; whole numbers rounded)."""
        return self.range.values(np.asarray(u, dtype=np.float64))


def range_varies(scenario: Scenario) -> tuple[list[RangeVary], list[str]]:
    """The scenario's ranges as Sobol' inputs, and the names of collapsed ones left out.

    A collapsed range (low = high) is its point in every world: it explains nothing, so
    it would only cost points.

    Raises:
        ExperimentError: the scenario has no range that is not collapsed, naming it.
    """
    if scenario.pool:
        views = ", ".join(m.name for m in scenario.pool)
        raise ExperimentError(f"{scenario.name}: is a pooled view; its unknowns are its views' "
                              f"own ranges: rank one view's (sensitivity {scenario.pool[0].name}"
                              f" --ranges; its views: {views}), and see how much of its "
                              "spread is their disagreement with run "
                              f"{scenario.name} --uncertainty")
    varies, collapsed = [], []
    for name in sorted(scenario.ranges):
        rng = scenario.ranges[name]
        if rng.collapsed:
            collapsed.append(name)
        else:
            varies.append(RangeVary(name, rng.low, rng.high, rng))
    if not varies:
        what = (f"only collapsed ranges ({', '.join(collapsed)})" if collapsed
                else "no ranges (no parameter with a `range:`)")
        raise ExperimentError(f"{scenario.name}: the preset has {what}, so there are no "
                              "unknowns to rank; give --vary NAME=LOW:HIGH instead, or a "
                              "preset with ranges such as baseline")
    return varies, collapsed


@dataclass(repr=False)
class Unknowns(sobol.Sensitivity):
    """Sobol' indices over a scenario's ranges: which unknowns matter most.

    Everything ``sobol.Sensitivity`` has (``varies`` are ``RangeVary``), plus:

    Attributes:
        collapsed: Ranged parameters left out because their range is a single point.
    """

    collapsed: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, found: sobol.Sensitivity, collapsed: list[str]) -> "Unknowns":
        """The same analysis, read as unknowns."""
        return cls(**{f.name: getattr(found, f.name) for f in fields(sobol.Sensitivity)},
                   collapsed=list(collapsed))

    def for_outcome(self, outcome: str) -> "Unknowns":
        """Another outcome's indices from the same points, with no new simulation."""
        return Unknowns.of(super().for_outcome(outcome), self.collapsed)

    def noise_share(self) -> float | None:
        """An upper bound on the share of the output's variance that is simulation noise.

        Each point's estimate of a probability from M worlds has variance p(1 - p) / M;
        were that noise independent between points, it would be this share of the output
        variance. Common random numbers make most of it shared by every point, where it
        cancels from the indices, so the true share is smaller. None for a mean outcome
        (the points keep no spread of their worlds) or an output that did not vary.
        """
        if self.outcome not in analysis.PROBABILITY_OUTCOMES or not self.output_variance > 0:
            return None
        p = np.asarray(self.points[self.outcome], float)
        noise = float(np.mean(p * (1 - p))) / self.runs_per_point
        return min(1.0, noise / self.output_variance)

    def to_pandas(self):
        """The ranked table, with each range's kind, mode and why."""
        table = super().to_pandas()
        ranked = [self.varies[i].range for i in self.ranking()]
        table.insert(2, "kind", [r.kind for r in ranked])
        table.insert(4, "mode", [r.mode for r in ranked])
        table["why"] = [r.why for r in ranked]
        return table

    def summary(self) -> dict:
        """Settings and the ranked indices as plain numbers (what ``--json`` prints)."""
        return {**super().summary(), "vary": RANGES, "collapsed": list(self.collapsed),
                "first_order_sum": float(np.sum(self.first_order)),
                "noise_share_at_most": self.noise_share()}

    def table(self) -> str:
        """Which unknowns matter most, ranked by total index, as the command line prints it."""
        d = len(self.varies)
        width = max(len(v.name) for v in self.varies) + 2
        lines = [f"Which unknowns matter most for {self.outcome} "
                 f"({analysis.OUTCOMES[self.outcome]}) in {self.scenario.name}: Sobol' indices "
                 f"over its {d} ranges", f"N={self.samples}, {self.samples * (d + 2):,} points "
                 f"x {self.runs_per_point:,} worlds, seed {self.seed}", "",
                 f"rank  {'unknown':<{width}}{'range (low < mode < high)':<32}"
                 f"{'total [95%]':<24}first-order [95%]"]
        for rank, i in enumerate(self.ranking(), start=1):
            v, r = self.varies[i], self.varies[i].range
            span = f"{r.kind} {r.low:g} < {r.mode:g} < {r.high:g}"
            total = (f"{self.total_order[i]:.3f} [{self.total_low[i]:.3f}, "
                     f"{self.total_high[i]:.3f}]")
            first = (f"{self.first_order[i]:.3f} [{self.first_low[i]:.3f}, "
                     f"{self.first_high[i]:.3f}]")
            lines.append(f"{rank:>4}  {v.name:<{width}}{span:<32}{total:<24}{first}")
        top = self.ranking()[0]
        notes = [f"Most of all {self.varies[top].name}: knowing it exactly would remove about "
                 f"{max(0.0, self.total_order[top]):.0%} of the variance (95% interval "
                 f"{max(0.0, self.total_low[top]):.0%} to {self.total_high[top]:.0%}).",
                 "What the indices cover: the variance of the outcome across the preset's "
                 "ranges, each unknown drawn from its own distribution, independently (not how "
                 "likely the outcome is). Total index: the share of that variance that would go "
                 "if the unknown were known exactly, its interactions included; first-order: the "
                 f"share it explains alone (they add up to {np.sum(self.first_order):.2f}; 1 "
                 "minus that is the interactions' share, give or take estimation error). "
                 "Intervals: bootstrap (BCa) over the N base rows, the estimate's own sampling "
                 "error, which a larger N shrinks."]
        noise = self.noise_share()
        if noise is not None:
            notes.append(f"Simulation noise: each point is an estimate from "
                         f"{self.runs_per_point:,} worlds on common random numbers; at most "
                         f"{noise:.1%} of the variance is that noise rather than the unknowns "
                         "(less: the common draws cancel most of it), spread over the indices; "
                         "more worlds per point shrink it.")
        if self.collapsed:
            notes.append(f"Left out (range collapsed to its point): {', '.join(self.collapsed)}.")
        if not self.output_variance > 0:
            notes.append(f"Warning: {self.outcome} did not vary over the ranges; the indices "
                         "are 0 by convention. Run more worlds per point.")
        for note in notes:
            lines += ["", *textwrap.wrap(note, 100, break_on_hyphens=False)]
        return "\n".join(lines)

    def __repr__(self) -> str:
        ranked = ", ".join(f"{self.varies[i].name}={self.total_order[i]:.2f}"
                           for i in self.ranking()[:5])
        return (f"Unknowns({self.outcome} in {self.scenario.name}: total {ranked}, ...; "
                ".summary(), .to_pandas(), .table())")


def unknowns(scenario: Scenario | str | Path, *, outcome: str = "nuclear_use",
             samples: int = 64, runs_per_point: int = 2_000, seed: int = 0,
             resamples: int = 999, out: str | Path | None = None, overwrite: bool = False,
             resume: bool = False, workers: int | None = None, dask: str | None = None,
             executor: Executor | None = None, progress: bool = False,
             on_progress: Callable[[int, int], None] | None = None) -> Unknowns:
    """Sobol' indices of ``outcome`` over the scenario's own ranges: which unknowns matter most.

    Each ranged parameter (collapsed ones left out) is one input, drawn from its range's
    distribution, independent of the others; every other parameter keeps its point value.
    The arguments are ``sobol.sensitivity``'s, which does the work.

    Raises:
        ExperimentError: the scenario has no ranges, naming it.
    """
    scenario = as_scenario(scenario)
    varies, collapsed = range_varies(scenario)
    found = sobol.sensitivity(scenario, varies, outcome=outcome, samples=samples,
                              runs_per_point=runs_per_point, seed=seed, resamples=resamples,
                              out=out, overwrite=overwrite, resume=resume, workers=workers,
                              dask=dask, executor=executor, progress=progress,
                              on_progress=on_progress)
    result = Unknowns.of(found, collapsed)
    if result.folder is not None:  # the table with each range's kind, mode and why
        experiment_folder.write_table(result.folder, "sensitivity", result.to_pandas(),
                                      result.summary())
    return result
