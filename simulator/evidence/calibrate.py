"""Calibration as a procedure: fit the few free baseline parameters to the forecasts of 2022.

The fit uses only the short-horizon forecasts of the time (``scenarios/record.yaml``,
``forecasts``, at most ``MAX_HORIZON_DAYS`` ahead), each on its own horizon. The longer
forecasts (to Apr 2023, 12 months), the record of what happened and the held-out years are
never read here, so all of them stay out-of-sample tests. Every evaluation runs the same
worlds (one seed: common random numbers), so the objective changes only with the
parameters, and the optimiser (scipy's Nelder-Mead from the best point of a fixed coarse
grid) is deterministic: the same checkout gives the same fit.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import optimize, special

from simulator.evidence import record
from simulator.model import params
from simulator.model.scenario import Scenario, load

FREE = ("leader.escalate_to_deescalate", "leader.desperation_threshold")
"""The parameters fitted: how much the leader expects a nuclear step to win (the level of
risk) and the desperation that opens his nuclear options (when in the year the risk comes).
No claim gives either a number; every other parameter is set from the claims or stated as
an assumption, and stays fixed."""
GRID = {"leader.escalate_to_deescalate": (0.0, 5.0), "leader.desperation_threshold": (0.3, 0.5)}
"""The box searched, on a coarse grid first, then by the optimiser within it: below 0.3 the
gate is open in every world from week 0, above 0.5 in none. Past a gain of 5 the leader
orders within weeks whenever his gate opens, whatever an order costs him, so deterrence,
China's restraint and his officers' refusals stop mattering (measured: Hodges' deterrence
cuts orders by 4% at 7, by 80% at 5.45) and the fit only trades flat ground for a shade of
loss. A leader deaf to costs is not what the experts describe (Hodges: the response deters
him too), so the box is a prior, not a convenience."""
MAX_HORIZON_DAYS = 92
"""The longest forecast the fit may use: three months (Samotsvety's month, Metaculus's and US
intelligence's end of 2022); the 7- and 12-month forecasts are kept for the test."""
GRID_POINTS = 6
RUNS, SEED = 20_000, 2022
DIGITS = 2
"""Fitted values are rounded to two decimals before they enter the schema."""
_FLOOR = 1e-4


@dataclass(frozen=True)
class Fit:
    """The result of a calibration.

    Attributes:
        values: The fitted value of each free parameter, rounded to ``DIGITS`` decimals.
        raw: The optimiser's values before rounding.
        targets: Per forecast id, the forecast probability.
        fitted: Per forecast id, the model's probability at the rounded values.
        loss: Mean squared log-odds error at the rounded values.
        evaluations: Model runs the optimiser made.
        runs, seed: The worlds behind every evaluation.
    """

    values: dict[str, float]
    raw: dict[str, float]
    targets: dict[str, float]
    fitted: dict[str, float]
    loss: float
    evaluations: int
    runs: int
    seed: int

    def summary(self) -> dict:
        """Plain numbers, JSON-ready."""
        return {"values": self.values, "raw": self.raw, "targets": self.targets,
                "fitted": self.fitted, "loss": self.loss, "evaluations": self.evaluations,
                "runs": self.runs, "seed": self.seed}

    def table(self) -> str:
        """The fit as the command line prints it."""
        lines = ["Fitted (to the forecasts of the time of at most 3 months only; the longer "
                 "ones and the record are not used):"]
        for name, value in self.values.items():
            default = params.SCHEMA[name].default
            same = "same as the schema" if value == default else f"schema has {default:g}"
            lines.append(f"  {name:34s} {value:g}   ({same})")
        lines += ["", f"{'forecast':40s} {'target':>7s} {'model':>7s}"]
        for key, target in self.targets.items():
            lines.append(f"  {key:38s} {target:7.1%} {self.fitted[key]:7.1%}")
        lines += ["", f"Mean squared log-odds error {self.loss:.3f}; {self.evaluations} "
                      f"evaluations of {self.runs:,} worlds, seed {self.seed}."]
        return "\n".join(lines)


def forecast_targets(rec: record.Record, horizon: int) -> list[tuple[str, int, float]]:
    """The short-horizon forecasts a fit aims at: (id, week within ``horizon``, probability)."""
    return [(f.id, min(rec.week(f.horizon), horizon), f.probability)
            for f in rec.scored_forecasts if (f.horizon - f.made).days <= MAX_HORIZON_DAYS]


def _model_probabilities(scenario: Scenario, values: Mapping[str, float],
                         targets: Sequence[tuple[str, int, float]], runs: int,
                         seed: int) -> dict[str, float]:
    from simulator.running import engine  # late: keeps `import simulator.evidence.calibrate` light

    batch = engine.run(scenario.with_overrides(dict(values)), runs, seed, workers=1,
                       progress=False)
    use_by_week = record.use_by_week(batch.columns, scenario.parameters["horizon_weeks"])
    return {key: float(use_by_week[week - 1]) for key, week, _ in targets}


def _loss(model: Mapping[str, float], targets: Sequence[tuple[str, int, float]]) -> float:
    errors = [special.logit(np.clip(model[key], _FLOOR, 1 - _FLOOR)) - special.logit(target)
              for key, _, target in targets]
    return float(np.mean(np.square(errors)))


def fit(scenario: Scenario | None = None, runs: int = RUNS, seed: int = SEED,
        rec: record.Record | None = None) -> Fit:
    """Fit ``FREE`` to the scored forecasts: a coarse grid over ``GRID``, then Nelder-Mead.

    The scenario's own values of the free parameters are ignored (the search starts from
    the grid), so fitting the baseline reproduces the schema's values from scratch.
    """
    scenario = scenario or load("baseline")
    rec = rec or record.default()
    horizon = scenario.parameters["horizon_weeks"]
    targets = forecast_targets(rec, horizon)
    specs = [params.SCHEMA[name] for name in FREE]
    evaluations = 0

    def objective(x: np.ndarray) -> float:
        nonlocal evaluations
        evaluations += 1
        values = {s.name: float(np.clip(v, s.low, s.high)) for s, v in zip(specs, x, strict=True)}
        return _loss(_model_probabilities(scenario, values, targets, runs, seed), targets)

    start = optimize.brute(objective, [GRID[name] for name in FREE], Ns=GRID_POINTS,
                           finish=None)
    result = optimize.minimize(
        objective, x0=np.atleast_1d(start), method="Nelder-Mead",
        bounds=[GRID[s.name] for s in specs],
        options={"xatol": 10**-DIGITS / 2, "fatol": 1e-4, "maxfev": 200})
    raw = {name: float(v) for name, v in zip(FREE, result.x, strict=True)}
    values = {name: round(v, DIGITS) for name, v in raw.items()}
    model = _model_probabilities(scenario, values, targets, runs, seed)
    return Fit(values, raw, {key: target for key, _, target in targets}, model,
               _loss(model, targets), evaluations, runs, seed)
