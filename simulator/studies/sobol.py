"""Sobol' sensitivity: first-order and total indices of one outcome, with bootstrap intervals.

The indices are ``scipy.stats.sobol_indices``'s (Saltelli 2010) over a scrambled Sobol'
sample; the bootstrap over the sample's rows (BCa) is seeded, so the same seed gives the
same intervals. Every outcome is kept at every point, so one run answers for all of them
(``Sensitivity.for_outcome``).
"""

import time
import warnings
from collections.abc import Callable
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import stats
from scipy.stats import qmc

from simulator import results
from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import experiment_folder
from simulator.studies.designs import (
    MAX_POINTS,
    MAX_RESAMPLES,
    ExperimentError,
    Vary,
    as_scenario,
    check_outcome,
    check_varies,
    design_rng,
    point_scenario,
)
from simulator.studies.evaluation import Reporting, evaluate_points


@dataclass
class Sensitivity:
    """First-order and total Sobol' indices of one outcome, with bootstrap intervals.

    Attributes:
        scenario: The scenario whose parameters vary.
        varies: The varied parameters.
        outcome: The outcome analysed (its estimate at each point is the model output).
        first_order, first_low, first_high: First-order index of each parameter and its
            95% bootstrap interval.
        total_order, total_low, total_high: Total index (with all interactions), same.
        samples: N, the base sample size; the model ran at N * (parameters + 2) points.
        runs_per_point: Worlds at each point.
        seed: The common seed.
        points: Every evaluated point: values, which matrix (A, B, AB_i), and every
            outcome's estimate there (``for_outcome`` reads another outcome's indices).
        output_variance: Variance of the output over the design (0: nothing to explain).
        resamples: Bootstrap resamples behind the intervals.
    """

    scenario: Scenario
    varies: list[Vary]
    outcome: str
    first_order: np.ndarray
    first_low: np.ndarray
    first_high: np.ndarray
    total_order: np.ndarray
    total_low: np.ndarray
    total_high: np.ndarray
    samples: int
    runs_per_point: int
    seed: int
    points: dict[str, np.ndarray] = field(default_factory=dict)
    output_variance: float = float("nan")
    resamples: int = 999
    seconds: float = 0.0
    folder: Path | None = None
    manifest: dict = field(default_factory=dict)

    def for_outcome(self, outcome: str) -> "Sensitivity":
        """The indices of another outcome from the same points, with no new simulation.

        Every outcome's estimate was kept at every point, so one run answers for all.
        """
        check_outcome(outcome)
        found = _sobol(self.scenario, self.varies, outcome, self.points, self.samples,
                       self.runs_per_point, self.seed, self.resamples)
        found.seconds, found.folder, found.manifest = 0.0, self.folder, dict(self.manifest)
        return found

    def ranking(self) -> list[int]:
        """Parameter indices, most influential first (by total index, then first-order)."""
        return sorted(range(len(self.varies)),
                      key=lambda i: (-self.total_order[i], -self.first_order[i], i))

    def to_pandas(self):
        """The ranked table: one row per parameter, indices with their intervals."""
        import pandas as pd

        return pd.DataFrame([{
            "rank": rank, "parameter": self.varies[i].name, "low": self.varies[i].low,
            "high": self.varies[i].high, "first_order": self.first_order[i],
            "first_order_low": self.first_low[i], "first_order_high": self.first_high[i],
            "total": self.total_order[i], "total_low": self.total_low[i],
            "total_high": self.total_high[i],
        } for rank, i in enumerate(self.ranking(), start=1)])

    def summary(self) -> dict:
        """Settings and the ranked indices as plain numbers (what ``--json`` prints)."""
        return {"scenario": self.scenario.name, "hash": self.scenario.hash, "seed": self.seed,
                "outcome": self.outcome, "samples": self.samples,
                "runs_per_point": self.runs_per_point,
                "points": int(self.samples * (len(self.varies) + 2)),
                "output_variance": self.output_variance,
                "indices": self.to_pandas().to_dict(orient="records")}

    def table(self) -> str:
        """The ranked table as the command line prints it."""
        width = max(len(v.name) for v in self.varies) + 2
        lines = [f"Sobol' indices of {self.outcome} ({analysis.OUTCOMES[self.outcome]}) in "
                 f"{self.scenario.name}: N={self.samples}, "
                 f"{self.samples * (len(self.varies) + 2)} points x {self.runs_per_point:,} "
                 f"worlds, seed {self.seed}", "",
                 f"rank  {'parameter':<{width}}{'range':<20}{'first-order [95%]':<26}"
                 "total [95%]"]
        for rank, i in enumerate(self.ranking(), start=1):
            v = self.varies[i]
            first = (f"{self.first_order[i]:.3f} [{self.first_low[i]:.3f}, "
                     f"{self.first_high[i]:.3f}]")
            total = (f"{self.total_order[i]:.3f} [{self.total_low[i]:.3f}, "
                     f"{self.total_high[i]:.3f}]")
            lines.append(f"{rank:>4}  {v.name:<{width}}{f'{v.low:g}..{v.high:g}':<20}"
                         f"{first:<26}{total}")
        lines += ["", "First-order: share of the outcome's variance due to the parameter alone; "
                  "total: including its interactions. Intervals: bootstrap (BCa)."]
        if not self.output_variance > 0:
            lines.append(f"Warning: {self.outcome} did not vary over the design; the indices "
                         "are 0 by convention. Widen the ranges or run more worlds per point.")
        return "\n".join(lines)

    def __repr__(self) -> str:
        ranked = ", ".join(f"{self.varies[i].name}={self.total_order[i]:.2f}"
                           for i in self.ranking())
        return f"Sensitivity({self.outcome}: total {ranked}; .summary(), .to_pandas(), .table())"


def saltelli_indices(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray) -> np.ndarray:
    """First-order and total indices (Saltelli 2010), shape (2, d), from centred outputs.

    The estimator ``scipy.stats.sobol_indices`` uses; here so that its bootstrap can be
    seeded (``SobolResult.bootstrap`` draws from numpy's global random state).
    """
    var = np.var([f_a, f_b])
    with np.errstate(divide="ignore", invalid="ignore"):
        first = np.mean(f_b * (f_ab - f_a), axis=-1) / var
        total = 0.5 * np.mean((f_a - f_ab) ** 2, axis=-1) / var
    found = np.array([first, total])
    found[~np.isfinite(found)] = 0.0
    return found




def _sobol(scenario: Scenario, varies: list[Vary], outcome: str, points: dict[str, np.ndarray],
           samples: int, runs_per_point: int, seed: int, resamples: int) -> "Sensitivity":
    """The indices of ``outcome`` from the outputs at the Saltelli points (A, B, AB_i)."""
    d = len(varies)
    output = np.asarray(points[outcome], float)
    f_a, f_b = output[:samples], output[samples:2 * samples]
    f_ab = output[2 * samples:].reshape(d, samples)

    # bootstrap over the N rows (BCa), seeded, on the centred outputs as scipy does
    centre = np.mean([f_a, f_b])
    ca, cb, cab = f_a - centre, f_b - centre, f_ab - centre
    if d > 1:
        sobol = stats.sobol_indices(func={"f_A": f_a[None], "f_B": f_b[None],
                                          "f_AB": f_ab[:, None, :]}, n=samples)
        first, total = np.atleast_1d(sobol.first_order), np.atleast_1d(sobol.total_order)
    else:  # scipy 1.18 fails on one input and one output (it squeezes its (2, 1, 1) result)
        first, total = saltelli_indices(ca, cb, cab)

    def statistic(rows):
        return saltelli_indices(ca[rows], cb[rows], cab[:, rows])

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # degenerate resamples (an input with no effect)
        boot = stats.bootstrap([np.arange(samples)], statistic, method="BCa",
                               n_resamples=resamples, rng=design_rng(seed, 4))
    low, high = boot.confidence_interval.low, boot.confidence_interval.high
    distribution = boot.bootstrap_distribution  # (2, d, resamples)
    flat = np.ptp(distribution, axis=-1) == 0
    fallback = np.percentile(distribution, [2.5, 97.5], axis=-1)
    low = np.where(flat, distribution[..., 0], np.where(np.isfinite(low), low, fallback[0]))
    high = np.where(flat, distribution[..., 0], np.where(np.isfinite(high), high, fallback[1]))
    return Sensitivity(scenario, varies, outcome, first, low[0], high[0], total, low[1],
                       high[1], samples, runs_per_point, seed, points=points,
                       output_variance=float(np.var([f_a, f_b])), resamples=resamples)


def sensitivity(scenario: Scenario | str, vary: Any, *, outcome: str = "nuclear_use",
                samples: int = 64, runs_per_point: int = 2_000, seed: int = 0,
                resamples: int = 999, out: str | Path | None = None, overwrite: bool = False,
                resume: bool = False, workers: int | None = None, dask: str | None = None,
                executor: Executor | None = None, progress: bool = False,
                on_progress: Callable[[int, int], None] | None = None) -> Sensitivity:
    """First-order and total Sobol' indices of ``outcome`` over the varied parameters.

    Each parameter is uniform over its range (whole numbers: each value equally likely),
    independent of the others. The model output at a point is the outcome's estimate
    from ``runs_per_point`` worlds on ``seed``: Monte Carlo noise, made smooth across
    points by common random numbers, so a parameter with no effect gets exactly 0.

    Args:
        scenario: The scenario (or preset name) whose parameters vary.
        vary: ``["name=LOW:HIGH", ...]`` or ``{name: (low, high)}``; ``dummy=0:1`` adds a
            pseudo-parameter with no effect (a check of the method).
        outcome: The outcome (a probability or a mean), e.g. ``nuclear_use``.
        samples: N, a power of 2; the model runs at N * (parameters + 2) points.
        runs_per_point: Worlds at each point.
        seed: The seed of every point, of the Sobol' sample and of the bootstrap.
        resamples: Bootstrap resamples for the intervals.
        out: Folder for ``sensitivity.csv``/``.json``, ``points.parquet`` and a manifest.
        overwrite: Replace a previous analysis in ``out``.
        resume: Continue an analysis into ``out`` that was interrupted, reusing its saved
            blocks of points: it ends with the numbers of an uninterrupted run.
        workers: Worker processes, as for ``engine.run``.
        dask: A Dask scheduler's address, as for ``engine.run``.
        executor: Any ``concurrent.futures.Executor``, as for ``engine.run``.
        progress: Show a progress bar on a terminal.
        on_progress: Called as ``on_progress(done, total)`` as the batches of worlds finish
            (a page's progress bar); ``done`` runs from 0 to ``total``.
    """
    scenario = as_scenario(scenario)
    varies = check_varies(vary)
    check_outcome(outcome)
    samples = engine.check_runs(samples, "samples", MAX_POINTS)
    if samples < 4 or samples & (samples - 1):
        raise ExperimentError(f"samples: {samples} is not allowed; Sobol' indices need a power "
                              f"of 2, at least 4 (e.g. {max(4, 1 << (samples - 1).bit_length())})")
    if samples * (len(varies) + 2) > MAX_POINTS:
        most = 1 << (MAX_POINTS // (len(varies) + 2)).bit_length() - 1
        raise ExperimentError(f"samples: {samples:,} x ({len(varies)} parameters + 2) is "
                              f"{samples * (len(varies) + 2):,} points, more than the "
                              f"{MAX_POINTS:,} allowed; use at most {most:,} samples")
    runs_per_point = engine.check_runs(runs_per_point, "runs_per_point")
    resamples = engine.check_runs(resamples, "resamples", MAX_RESAMPLES)
    seed = engine.check_seed(seed)
    names = ("sensitivity.csv", "sensitivity.parquet", "sensitivity.json", "points.parquet",
             "points.csv")
    d = len(varies)
    settings = {"outcome": outcome, "vary": [v.text for v in varies], "samples": samples,
                "points": samples * (d + 2), "runs_per_point": runs_per_point,
                "resamples": resamples}
    asked = experiment_folder.identity("sensitivity", scenario, seed, **settings)
    folder = experiment_folder.prepare_out(out, overwrite, names, resume, asked)

    # Saltelli's A and B from one scrambled Sobol' sequence of 2d dimensions (as
    # scipy.stats.sobol_indices samples them), then the d pages AB_i: A with column i of B.
    unit = qmc.Sobol(2 * d, scramble=True, bits=64, rng=design_rng(seed, 3)).random(samples)
    a_unit, b_unit = unit[:, :d], unit[:, d:]
    a = np.column_stack([v.from_unit(a_unit[:, i]) for i, v in enumerate(varies)])
    b = np.column_stack([v.from_unit(b_unit[:, i]) for i, v in enumerate(varies)])
    pages = []
    for i in range(d):
        page = a.copy()
        page[:, i] = b[:, i]
        pages.append(page)
    design = np.vstack([a, b, *pages])
    matrix = np.repeat(["A", "B", *[f"AB_{v.name}" for v in varies]], samples)
    scenarios = [point_scenario(scenario, varies, row, i) for i, row in enumerate(design)]

    started = time.perf_counter()
    with engine.open_runner(len(design) * runs_per_point, workers, dask, executor) as runner:
        reporting = Reporting(runner, on_progress) if on_progress else runner
        found = evaluate_points([s.parameters for s in scenarios], runs_per_point, seed,
                                reporting, progress, "sensitivity points", folder, resume,
                                asked)
        where = runner.where
    points = {"matrix": matrix, **{v.name: design[:, i] for i, v in enumerate(varies)},
              **{name: np.array([point[name].estimate for point in found])
                 for name in analysis.OUTCOMES}}
    result = _sobol(scenario, varies, outcome, points, samples, runs_per_point, seed, resamples)
    result.seconds = time.perf_counter() - started
    result.manifest = experiment_folder.manifest("sensitivity", scenario, seed, **settings,
                                                 seconds=round(result.seconds, 3), executor=where)
    if folder is not None:
        import pandas as pd

        folder.mkdir(parents=True, exist_ok=True)
        experiment_folder.write_table(folder, "sensitivity", result.to_pandas(), result.summary())
        experiment_folder.write_table(folder, "points", pd.DataFrame(result.points))
        results.write_manifest(folder, result.manifest)
        result.folder = folder
    return result
