"""Morris screening: elementary effects that rank many parameters cheaply.

Each trajectory moves one parameter at a time, so ``trajectories * (parameters + 1)``
points rank many parameters at a fraction of a Sobol' analysis's cost; use ``sobol`` for
the few that matter. SALib's sampler and estimator, seeded from the experiment's seed.
"""

import time
from concurrent.futures import Executor
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import experiment_folder
from simulator.studies.designs import (
    ExperimentError,
    Vary,
    as_scenario,
    check_outcome,
    check_varies,
    design_rng,
    point_scenario,
)
from simulator.studies.evaluation import evaluate_points


@dataclass
class Morris:
    """Morris elementary effects of one outcome: a cheap screening of many parameters.

    Attributes:
        scenario: The scenario whose parameters vary.
        varies: The varied parameters.
        outcome: The outcome screened.
        mu_star: Mean absolute elementary effect per parameter (its overall influence),
            in the outcome's units per full range of the parameter.
        mu_star_conf: Half-width of mu_star's 95% bootstrap interval.
        mu: Mean signed effect (mu_star >> ``|mu|``: effects of both signs).
        sigma: Standard deviation of the effects (large: interactions or non-linearity).
        trajectories, levels: The design (trajectories x (parameters + 1) points).
        runs_per_point: Worlds per point; seed: their common seed.
        points: Every point's values and every outcome's estimate there.
    """

    scenario: Scenario
    varies: list[Vary]
    outcome: str
    mu_star: np.ndarray
    mu_star_conf: np.ndarray
    mu: np.ndarray
    sigma: np.ndarray
    trajectories: int
    levels: int
    runs_per_point: int
    seed: int
    points: dict[str, np.ndarray] = field(default_factory=dict)
    seconds: float = 0.0
    manifest: dict = field(default_factory=dict)

    def ranking(self) -> list[int]:
        """Parameter indices, most influential (largest mu_star) first."""
        return sorted(range(len(self.varies)), key=lambda i: (-self.mu_star[i], i))

    def to_pandas(self):
        """The ranked table: one row per parameter."""
        import pandas as pd

        return pd.DataFrame([{
            "rank": rank, "parameter": self.varies[i].name, "low": self.varies[i].low,
            "high": self.varies[i].high, "mu_star": self.mu_star[i],
            "mu_star_conf": self.mu_star_conf[i], "mu": self.mu[i], "sigma": self.sigma[i],
        } for rank, i in enumerate(self.ranking(), start=1)])

    def summary(self) -> dict:
        """Settings and the ranked effects as plain numbers (what ``--json`` prints)."""
        return {"scenario": self.scenario.name, "hash": self.scenario.hash, "seed": self.seed,
                "outcome": self.outcome, "trajectories": self.trajectories,
                "levels": self.levels, "runs_per_point": self.runs_per_point,
                "points": int(self.trajectories * (len(self.varies) + 1)),
                "effects": self.to_pandas().to_dict(orient="records")}

    def table(self) -> str:
        """The ranked table as the command line prints it."""
        width = max(len(v.name) for v in self.varies) + 2
        lines = [f"Morris screening of {self.outcome} ({analysis.OUTCOMES[self.outcome]}) in "
                 f"{self.scenario.name}: {self.trajectories} trajectories x "
                 f"{len(self.varies) + 1} points x {self.runs_per_point:,} worlds, "
                 f"{self.levels} levels, seed {self.seed}", "",
                 f"rank  {'parameter':<{width}}{'range':<20}{'mu* [95%]':<26}{'mu':<12}sigma"]
        for rank, i in enumerate(self.ranking(), start=1):
            v = self.varies[i]
            star = f"{self.mu_star[i]:.4f} ± {self.mu_star_conf[i]:.4f}"
            lines.append(f"{rank:>4}  {v.name:<{width}}{f'{v.low:g}..{v.high:g}':<20}"
                         f"{star:<26}{self.mu[i]:<12.4f}{self.sigma[i]:.4f}")
        lines += ["", "mu*: mean absolute change of the outcome when the parameter moves across "
                  "its range (its influence); sigma: how much that change depends on the "
                  "other parameters. Screening, not a variance decomposition: use sensitivity "
                  "for the few that matter."]
        return "\n".join(lines)

    def __repr__(self) -> str:
        ranked = ", ".join(f"{self.varies[i].name}={self.mu_star[i]:.3g}" for i in self.ranking())
        return f"Morris({self.outcome}: mu* {ranked}; .summary(), .to_pandas(), .table())"


def morris(scenario: Scenario | str, vary: Any, *, outcome: str = "nuclear_use",
           trajectories: int = 10, levels: int = 4, runs_per_point: int = 2_000, seed: int = 0,
           workers: int | None = None, dask: str | None = None,
           executor: Executor | None = None, progress: bool = False) -> Morris:
    """Morris elementary effects (SALib's sampler and estimator) over the varied parameters.

    Each trajectory moves one parameter at a time by a step of its range, so
    ``trajectories * (parameters + 1)`` points rank many parameters at a fraction of a
    Sobol' analysis's cost. Every point runs ``runs_per_point`` worlds on ``seed``.

    Args:
        scenario: The scenario (or preset name) whose parameters vary.
        vary: ``["name=LOW:HIGH", ...]`` or ``{name: (low, high)}``.
        outcome: The outcome screened.
        trajectories: Trajectories (r); 10 to 50 is usual.
        levels: Grid levels per parameter (an even number; 4 is usual).
        runs_per_point: Worlds at each point.
        seed: The seed of every point, of the design and of the bootstrap.
        workers: Worker processes, as for ``engine.run``.
        dask: A Dask scheduler's address, as for ``engine.run``.
        executor: Any ``concurrent.futures.Executor``, as for ``engine.run``.
        progress: Show a progress bar on a terminal.
    """
    from SALib.analyze import morris as morris_analyze
    from SALib.sample import morris as morris_sample

    scenario = as_scenario(scenario)
    varies = check_varies(vary)
    check_outcome(outcome)
    trajectories = engine.check_runs(trajectories, "trajectories", 1_000)
    if trajectories < 2:
        raise ExperimentError("trajectories: at least 2 are needed to estimate the effects")
    if levels not in (2, 4, 6, 8, 10):
        raise ExperimentError(f"levels: {levels!r} is not allowed; choose 2, 4, 6, 8 or 10")
    runs_per_point = engine.check_runs(runs_per_point, "runs_per_point")
    seed = engine.check_seed(seed)
    problem = {"num_vars": len(varies), "names": [v.name for v in varies],
               "bounds": [[0.0, 1.0]] * len(varies)}
    unit = morris_sample.sample(problem, trajectories, num_levels=levels,
                                seed=design_rng(seed, 5))
    design = np.column_stack([v.from_unit(unit[:, i]) for i, v in enumerate(varies)])
    scenarios = [point_scenario(scenario, varies, row, i) for i, row in enumerate(design)]
    started = time.perf_counter()
    with engine.open_runner(len(design) * runs_per_point, workers, dask, executor) as runner:
        found = evaluate_points([s.parameters for s in scenarios], runs_per_point, seed, runner,
                                progress, "Morris points")
    points = {**{v.name: design[:, i] for i, v in enumerate(varies)},
              **{name: np.array([point[name].estimate for point in found])
                 for name in analysis.OUTCOMES}}
    # effects per unit of each parameter's range, so parameters of any unit compare
    effects = morris_analyze.analyze(problem, unit, points[outcome], num_levels=levels,
                                     num_resamples=1_000, seed=design_rng(seed, 6))
    result = Morris(scenario, varies, outcome, np.asarray(effects["mu_star"], float),
                    np.asarray(effects["mu_star_conf"], float), np.asarray(effects["mu"], float),
                    np.asarray(effects["sigma"], float), trajectories, levels, runs_per_point,
                    seed, points, time.perf_counter() - started)
    result.manifest = experiment_folder.manifest("morris", scenario, seed, outcome=outcome,
                                                 vary=[v.text for v in varies],
                                                 trajectories=trajectories, levels=levels,
                                                 points=len(design),
                                                 runs_per_point=runs_per_point)
    return result
