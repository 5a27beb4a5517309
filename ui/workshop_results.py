"""Workshop results: the reveal's simulation, and the stored results read back for the board.

No Streamlit here: `compute` is the callback `WorkshopStore.reveal` runs, and `round_results`
turns a round's stored submissions into what the board, the participant page and the report
show. Everything is computed once, at the reveal, and stored with the submissions, so a restart
or a reload shows the same numbers without running anything again.

How the reveal works (and why it is cheap and fair):

- Every scenario of a round runs ``RUNS`` worlds on the same ``SEED``: the same worlds with the
  same random draws (common random numbers). Two participants' results differ only because
  their assumptions differ, and each participant's paired difference from the round's base
  scenario has a narrow interval.
- Which assumptions moved the result: for each parameter the room lets participants change,
  the base scenario is run with only that parameter set to the group's median value (and to
  the 10th and 90th percentile values, the group's spread), and compared, world by world, with
  the base. One parameter at a time, at values somebody in the room chose: honest about what
  it is (not a variance decomposition), and at most three runs per parameter.
- Identical parameter sets run once (participants who left every slider alone share the base).
"""

import json
import math
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from simulator import analysis, engine, params, record
from simulator.agents.command_chain import layer_names
from simulator.errors import SimulatorError
from simulator.scenario import Scenario, load

RUNS = 10_000
"""Worlds per scenario: P(use) near 7% to about +/-0.5 points; 0.25 s a scenario on one core."""
SEED = 0
"""One seed for every scenario of every round: common random numbers within and across rounds."""
PERCENTILES = {"low": 10, "median": 50, "high": 90}
"""The group's values each allowed parameter is tried at (percentiles of the values chosen)."""
RESULTS_VERSION = 1
"""Layout of the stored results dicts (``version`` key), so later code can read old rooms."""


@dataclass(frozen=True)
class Reference:
    """A published forecast to set the room's numbers against (shown with source and date).

    Attributes:
        source: Who published it.
        date: When.
        question: What exactly was forecast (the questions differ a little).
        figure: The forecast as published.
        point: Where the chart puts it (the forecaster's point estimate).
        low: Low end of the published range (``point`` if none).
        high: High end of the published range (``point`` if none).
        horizon: The date the question closes.
    """

    source: str
    date: str
    question: str
    figure: str
    point: float
    low: float
    high: float
    horizon: str = ""

    @property
    def label(self) -> str:
        """Source, date and horizon, as the charts name it (unique per forecast)."""
        return f"{self.source}, {self.date}" + (f" → {self.horizon}" if self.horizon else "")

    @classmethod
    def of(cls, forecast: record.Forecast) -> "Reference":
        """A forecast of the record (``scenarios/record.yaml``) as the workshop shows it."""
        return cls(forecast.forecaster, _day(forecast.made), forecast.question,
                   forecast.figure("range "),
                   forecast.probability, forecast.low, forecast.high, _day(forecast.horizon))


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}"


REFERENCES = tuple(Reference.of(forecast) for forecast in record.default().scored_forecasts)
"""The forecasts of the time that the model can answer (unconditional, on nuclear use)."""
OUTCOME = "No Russian nuclear detonation (use or test) from 2022 through early 2026."


# --- the reveal ----------------------------------------------------------------------------

def round_scenario(preset: str, overrides: Mapping[str, Any]) -> Scenario:
    """The round's base: the room's preset with the round's overrides (injects included)."""
    return load(preset).with_overrides(dict(overrides))


def participant_scenario(preset: str, overrides: Mapping[str, Any],
                         changes: Mapping[str, Any]) -> Scenario:
    """A participant's scenario: the round's base with their own values on top.

    Raises:
        ParameterError: the values do not fit together (e.g. a per-layer list in the preset
            and another number of layers); the participant page checks this before submitting.
    """
    return load(preset).with_overrides({**overrides, **changes})


def scalar(value: Any) -> float:
    """A parameter value as one number (a per-layer list counts as its mean, as its slider)."""
    if isinstance(value, list | tuple):
        return float(sum(value) / len(value))
    return float(value)


class _Runs:
    """Runs scenarios on SEED, each distinct parameter set once, and keeps what is needed."""

    def __init__(self, runs: int, seed: int, progress: Callable[[int], None] | None):
        self.runs, self.seed = runs, seed
        self._done: dict[str, tuple[analysis.Estimate, np.ndarray, np.ndarray]] = {}
        self._progress = progress

    def __call__(self, scenario: Scenario) -> tuple[analysis.Estimate, np.ndarray, np.ndarray]:
        """``(P(nuclear use), per-world nuclear_use, per-world blocked_layer)``."""
        key = json.dumps(scenario.parameters, sort_keys=True)
        if key not in self._done:
            batch = engine.run(scenario, self.runs, self.seed, workers=1)
            self._done[key] = (batch.estimates["nuclear_use"],
                               np.asarray(batch.columns["nuclear_use"]),
                               np.asarray(batch.columns["blocked_layer"]))
            if self._progress is not None:
                self._progress(len(self._done))
        return self._done[key]

    @property
    def scenarios_run(self) -> int:
        """Distinct parameter sets simulated so far."""
        return len(self._done)


def _numbers(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with NaN replaced by None: the store keeps strict JSON."""
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in values.items()}


def _zero_difference(runs: int) -> dict[str, Any]:
    return {"difference": 0.0, "ci_low": 0.0, "ci_high": 0.0, "p_value": 1.0, "n": runs}


def _model_refusing_layer(blocked: np.ndarray, layers: int) -> tuple[int | None, list[float]]:
    """The layer that most often refused first, and each layer's share of worlds."""
    shares = analysis.blocked_layers({"blocked_layer": blocked}, layers)
    if not shares.any():
        return None, [float(s) for s in shares]
    return int(np.argmax(shares)) + 1, [float(s) for s in shares]


def compute(round_, submissions: Sequence, runs: int = RUNS, seed: int = SEED,
            allowed: Sequence[str] = (),
            progress: Callable[[int], None] | None = None) -> dict[int, dict[str, Any]]:
    """The reveal: every participant's scenario and the round's analysis, as stored results.

    Args:
        round_: The ``workshop.Round`` being revealed (preset and overrides).
        submissions: Its ``workshop.Submission`` list.
        runs: Worlds per scenario.
        seed: The seed every scenario shares.
        allowed: The parameters the room lets participants change (analysed one by one).
        progress: Called with the number of scenarios simulated so far.

    Returns:
        ``{participant_id: results}``. Each results dict holds the participant's own numbers
        and, under ``round``, the round's numbers (the same for every participant: the store
        keeps results per submission, and this way a round's results are stored and read in
        one piece).
    """
    started = time.perf_counter()
    simulate = _Runs(runs, seed, progress)
    base_scenario = round_scenario(round_.preset, round_.overrides)
    base_values = base_scenario.parameters
    base_est, base_use, _ = simulate(base_scenario)
    own: dict[int, dict[str, Any]] = {}
    for submission in submissions:
        try:
            scenario = participant_scenario(round_.preset, round_.overrides, submission.params)
        except (SimulatorError, ValueError) as error:
            own[submission.participant_id] = {"error": str(error)}
            continue
        estimate, use, blocked = simulate(scenario)
        layers = scenario.parameters["chain.layers"]
        refusing, shares = _model_refusing_layer(blocked, layers)
        difference = analysis.paired_difference(use, base_use, binary=True)
        own[submission.participant_id] = {
            "nuclear_use": _numbers(estimate.as_dict()),
            "difference": _numbers(difference.as_dict()),
            "model_refusing_layer": refusing,
            "refusing_layer_shares": shares,
            "layers": layers,
        }
    effects = []
    for name in allowed:
        param = params.lookup(name)
        base_number = scalar(base_values[name])
        chosen = [scalar(s.params.get(name, base_values[name])) for s in submissions]
        if not chosen:
            continue
        effect = {"parameter": name, "base_value": base_number}
        for label, q in PERCENTILES.items():
            value = float(np.percentile(chosen, q, method="nearest"))
            value = int(round(value)) if param.integer else value
            effect[f"{label}_value"] = value
            if math.isclose(value, base_number, rel_tol=0, abs_tol=1e-12):
                effect[label] = _zero_difference(runs)
                continue
            _, use, _ = simulate(base_scenario.with_overrides({name: value}))
            effect[label] = _numbers(
                analysis.paired_difference(use, base_use, binary=True).as_dict())
        effects.append(effect)
    effects.sort(key=lambda e: abs(e["median"]["difference"]), reverse=True)
    summary = {
        "version": RESULTS_VERSION,
        "runs": runs,
        "seed": seed,
        "base": _numbers(base_est.as_dict()),
        "base_layers": base_values["chain.layers"],
        "horizon_weeks": base_values["horizon_weeks"],
        "effects": effects,
        "scenarios_run": simulate.scenarios_run,
        "seconds": round(time.perf_counter() - started, 2),
    }
    return {pid: {**results, "round": summary} for pid, results in own.items()}


def scenarios_to_run(participants: int, allowed: Sequence[str]) -> int:
    """An upper bound on the scenarios a reveal runs (for its progress bar)."""
    return 1 + participants + len(PERCENTILES) * len(allowed)


# --- reading stored results ----------------------------------------------------------------

@dataclass(frozen=True)
class Row:
    """One participant's answer and, once revealed, their model result."""

    participant_id: int
    name: str
    forecast: float
    refusing_layer: int | None
    params: dict[str, Any]
    use: analysis.Estimate | None
    difference: analysis.Difference | None
    model_refusing_layer: int | None
    error: str | None


@dataclass(frozen=True)
class RoundResults:
    """A revealed round as the board shows it.

    Attributes:
        round: The ``workshop.Round``.
        rows: Participants' answers and results, in joining order.
        base: P(nuclear use) of the round's base scenario (None if nobody answered).
        effects: The analysis of each allowed parameter, largest median effect first.
        runs: Worlds per scenario.
        seed: The seed they all shared.
        horizon_weeks: The base scenario's horizon.
        layers: The base scenario's number of command layers.
    """

    round: Any
    rows: list[Row]
    base: analysis.Estimate | None
    effects: list[dict[str, Any]]
    runs: int
    seed: int
    horizon_weeks: int
    layers: int

    @property
    def revealed_rows(self) -> list[Row]:
        """Rows with a model result."""
        return [row for row in self.rows if row.use is not None]

    def median_forecast(self) -> float | None:
        """The group's median own forecast."""
        values = [row.forecast for row in self.rows]
        return float(np.median(values)) if values else None

    def median_model(self) -> float | None:
        """The group's median model result."""
        values = [row.use.estimate for row in self.revealed_rows]
        return float(np.median(values)) if values else None

    def model_range(self) -> tuple[float, float] | None:
        """Lowest and highest model result in the room."""
        values = [row.use.estimate for row in self.revealed_rows]
        return (min(values), max(values)) if values else None

    def forecast_range(self) -> tuple[float, float] | None:
        """Lowest and highest own forecast in the room."""
        values = [row.forecast for row in self.rows]
        return (min(values), max(values)) if values else None


def estimate_of(values: Mapping[str, Any] | None) -> analysis.Estimate | None:
    """A stored estimate dict read back (None stays None; a stored null is NaN)."""
    if not values:
        return None
    return analysis.Estimate(*(math.nan if values[k] is None else values[k]
                               for k in ("estimate", "ci_low", "ci_high", "n")))


def difference_of(values: Mapping[str, Any] | None) -> analysis.Difference | None:
    """A stored paired-difference dict read back (None stays None; a stored null is NaN)."""
    if not values:
        return None
    return analysis.Difference(*(math.nan if values[k] is None else values[k]
                                 for k in ("difference", "ci_low", "ci_high", "p_value", "n")))


def row_of(submission) -> Row:
    """One submission, with its stored results if the round was revealed."""
    results = submission.results or {}
    return Row(
        participant_id=submission.participant_id,
        name=submission.display_name,
        forecast=submission.forecast,
        refusing_layer=submission.refusing_layer,
        params=dict(submission.params),
        use=estimate_of(results.get("nuclear_use")),
        difference=difference_of(results.get("difference")),
        model_refusing_layer=results.get("model_refusing_layer"),
        error=results.get("error"),
    )


def round_results(round_, submissions: Sequence) -> RoundResults:
    """A round's stored submissions and results, ready to show."""
    summary = next((s.results["round"] for s in submissions
                    if s.results and "round" in s.results), None)
    if summary is None:
        try:
            base_values = round_scenario(round_.preset, round_.overrides).parameters
        except (SimulatorError, ValueError):
            base_values = params.defaults()
        summary = {"runs": RUNS, "seed": SEED, "base": None, "effects": [],
                   "horizon_weeks": base_values["horizon_weeks"],
                   "base_layers": base_values["chain.layers"]}
    return RoundResults(
        round=round_,
        rows=[row_of(s) for s in submissions],
        base=estimate_of(summary["base"]),
        effects=list(summary["effects"]),
        runs=summary["runs"],
        seed=summary["seed"],
        horizon_weeks=summary["horizon_weeks"],
        layers=summary["base_layers"],
    )


def layer_label(layer: int | None, layers: int) -> str:
    """'2 · General Staff (Gerasimov)' for a layer of a chain of ``layers``; '–' for none."""
    if layer is None:
        return "–"
    names = layer_names(layers)
    return f"{layer} · {names[layer - 1]}" if 1 <= layer <= len(names) else str(layer)
