"""A sweep: a design over parameter ranges, every point run on the same seed.

One row per point with every outcome's estimate and interval. The points share common
random numbers, so differences between rows are the parameters' doing. All of a sweep's
chunks go through one runner (``engine.open_runner``): in this process, a process pool, or
a Dask cluster; its blocks of points are saved as they finish, for ``--resume``.
"""

import time
from collections.abc import Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from simulator import results
from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import experiment_folder
from simulator.studies.designs import (
    ExperimentError,
    Vary,
    as_scenario,
    check_varies,
    design_points,
    point_scenario,
)
from simulator.studies.evaluation import estimate_columns, evaluate_points


@dataclass
class Sweep:
    """A design over parameter ranges, each point run on the same seed.

    Attributes:
        scenario: The scenario the points change.
        varies: The varied parameters.
        design: ``grid``, ``lhs`` or ``sobol``.
        values: The points, shape (points, parameters), in parameter units.
        estimates: Every outcome's estimate at each point.
        seed: The common seed.
        runs_per_point: Worlds per point.
        seconds: Wall time.
        folder: Where ``sweep.parquet``/``sweep.csv`` were written, if anywhere.
        predictive: With ``uncertainty``, every outcome's predictive interval at each point
            (the base's other ranges drawn per block; the varied parameters are points).
    """

    scenario: Scenario
    varies: list[Vary]
    design: str
    values: np.ndarray
    estimates: list[dict[str, analysis.Estimate]]
    seed: int
    runs_per_point: int
    seconds: float = 0.0
    folder: Path | None = None
    manifest: dict = field(default_factory=dict)
    predictive: list[dict[str, Any]] | None = None

    def to_pandas(self):
        """One row per point: the varied values, then every outcome with ``_low``/``_high``."""
        import pandas as pd

        rows = []
        for i, (row, estimates) in enumerate(zip(self.values, self.estimates, strict=True)):
            rows.append({"point": i, **{v.name: v.value(x) for v, x in zip(self.varies, row,
                                                                          strict=True)},
                         "runs": self.runs_per_point, **estimate_columns(estimates),
                         **self._plausible(i)})
        return pd.DataFrame(rows)

    def _plausible(self, point: int) -> dict[str, float]:
        """A point's ``name_pi_low``/``name_pi_high`` columns (none without uncertainty)."""
        if self.predictive is None:
            return {}
        found = {}
        for name, one in self.predictive[point].items():
            found[f"{name}_pi_low"], found[f"{name}_pi_high"] = one.pi_low, one.pi_high
        return found

    def summary(self) -> dict:
        """The sweep as plain numbers: its settings and every point's estimates."""
        return {"scenario": self.scenario.name, "hash": self.scenario.hash, "seed": self.seed,
                "design": self.design, "vary": [v.text for v in self.varies],
                "runs_per_point": self.runs_per_point,
                "points": [{"values": {v.name: v.value(x) for v, x in zip(self.varies, row,
                                                                          strict=True)},
                            "outcomes": ({k: e.as_dict() for k, e in estimates.items()}
                                         if self.predictive is None else
                                         {k: p.as_dict() for k, p in self.predictive[i].items()})}
                           for i, (row, estimates) in enumerate(zip(self.values, self.estimates,
                                                                    strict=True))]}

    def table(self, outcomes: Sequence[str] = ("nuclear_order", "nuclear_use")) -> str:
        """The points with a few outcomes, as the command line prints them."""
        names = [v.name for v in self.varies]
        widths = [max(len(n), 9) for n in names]
        head = "  ".join(f"{n:>{w}}" for n, w in zip(names, widths, strict=True))
        head = f"{'point':>5}  {head}  " + "  ".join(f"{o:<24}" for o in outcomes)
        lines = [f"{self.scenario.name}: {self.design} design, {len(self.values)} points x "
                 f"{self.runs_per_point:,} worlds, seed {self.seed} (same draws at every point)",
                 "", head]
        for i, (row, estimates) in enumerate(zip(self.values, self.estimates, strict=True)):
            cells = "  ".join(f"{v.value(x):>{w}.4g}" for v, x, w in zip(self.varies, row, widths,
                                                                         strict=True))
            shown = "  ".join(f"{estimates[o].text(o in analysis.PROBABILITY_OUTCOMES):<24}"
                              for o in outcomes)
            if self.predictive is not None:
                shown = "  ".join(
                    f"{estimates[o].text(o in analysis.PROBABILITY_OUTCOMES)} plausibly "
                    f"{self.predictive[i][o].pi_low:.1%}-{self.predictive[i][o].pi_high:.1%}"
                    for o in outcomes)
            lines.append(f"{i:>5}  {cells}  {shown}")
        if self.predictive is not None:
            lines += ["", "plausibly: the 95% predictive interval given the base's other ranges "
                          "(drawn per block of 256 worlds); [...]: simulation noise only"]
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"Sweep({self.scenario.name!r}, {self.design}, {len(self.values)} points x "
                f"{self.runs_per_point:,} worlds; .summary(), .to_pandas(), .table())")


def sweep(scenario: Scenario | str, vary: Any, *, design: str = "lhs", points: int | None = None,
          runs_per_point: int = 2_000, seed: int = 0, out: str | Path | None = None,
          overwrite: bool = False, resume: bool = False, workers: int | None = None,
          dask: str | None = None, executor: Executor | None = None,
          progress: bool = False, uncertainty: bool = False) -> Sweep:
    """Run a design over parameter ranges; every point on the same seed.

    Args:
        scenario: The scenario (or preset name) whose parameters the points change.
        vary: ``["name=LOW:HIGH", ...]`` or ``{name: (low, high)}``.
        design: ``grid`` (``points`` values per parameter), ``lhs`` or ``sobol``.
        points: Points of the design (default 5 per parameter for grid, else 16).
        runs_per_point: Worlds at each point.
        seed: The seed of every point (and of the random designs).
        out: Folder for ``sweep.parquet``, ``sweep.csv`` and ``manifest.json``.
        overwrite: Replace a previous sweep in ``out``.
        resume: Continue a sweep into ``out`` that was interrupted, reusing its saved
            blocks of points (same design, worlds and seed give the same numbers).
        workers: Worker processes, as for ``engine.run``.
        dask: A Dask scheduler's address, as for ``engine.run``.
        executor: Any ``concurrent.futures.Executor``, as for ``engine.run``.
        progress: Show a progress bar on a terminal.
        uncertainty: Run each point with the base's other ranges drawn per block of worlds
            (``engine.run_many(..., uncertainty=True)``: blocks paired across points), for
            each outcome's predictive interval beside its Monte Carlo one. A varied
            parameter is a point at each design point (its range is dropped). Points are
            kept in memory whole and are not saved block by block (no ``resume``).

    Raises:
        ExperimentError: bad settings; ``resume`` with ``uncertainty``.
    """
    scenario = as_scenario(scenario)
    varies = check_varies(vary)
    runs_per_point = engine.check_runs(runs_per_point, "runs_per_point")
    seed = engine.check_seed(seed)
    values = design_points(varies, design, points, seed)
    settings = {"design": design, "vary": [v.text for v in varies], "points": len(values),
                "runs_per_point": runs_per_point, **({"uncertainty": True} if uncertainty else {})}
    if uncertainty and resume:
        raise ExperimentError("resume: a sweep with uncertainty keeps its points in memory and "
                              "saves no blocks to resume from; run it again without --resume")
    asked = experiment_folder.identity("sweep", scenario, seed, **settings)
    folder = experiment_folder.prepare_out(out, overwrite, ("sweep.parquet", "sweep.csv"), resume,
                                           asked)
    scenarios = [point_scenario(scenario, varies, row, i) for i, row in enumerate(values)]
    started = time.perf_counter()
    plausible = None
    if uncertainty:
        batches = engine.run_many(scenarios, runs_per_point, seed, workers=workers, dask=dask,
                                  executor=executor, progress=progress, uncertainty=True)
        found = [batch.estimates for batch in batches]
        plausible = [batch.predictive for batch in batches]
        where = batches[0].manifest.get("executor", "")
    else:
        with engine.open_runner(len(values) * runs_per_point, workers, dask,
                                executor) as runner:
            found = evaluate_points([s.parameters for s in scenarios], runs_per_point, seed,
                                    runner, progress, "sweep points", folder, resume, asked)
            where = runner.where
    result = Sweep(scenario, varies, design, values, found, seed, runs_per_point,
                   time.perf_counter() - started, predictive=plausible)
    result.manifest = experiment_folder.manifest("sweep", scenario, seed, **settings,
                                                 seconds=round(result.seconds, 3), executor=where)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        experiment_folder.write_table(folder, "sweep", result.to_pandas())
        results.write_manifest(folder, result.manifest)
        result.folder = folder
    return result
