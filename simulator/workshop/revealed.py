"""A round's stored results read back for the board, the participant page and the report.

Everything was computed once, at the reveal (``simulator.workshop.results.compute``), and
stored with the submissions: reading it back runs nothing, so a restart or a reload shows the
same numbers.
"""

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from simulator.errors import SimulatorError
from simulator.model import params
from simulator.results import analysis
from simulator.workshop import layers as chain
from simulator.workshop.results import RUNS, SEED, round_scenario


@dataclass(frozen=True)
class Change:
    """One of a participant's own changes and what it alone did to their result.

    Attributes:
        parameter: The parameter's dotted name.
        value: The participant's value.
        base_value: The round's base value.
        effect: The paired change from the base with this change alone (None if it is only
            valid together with another of their changes).
    """

    parameter: str
    value: Any
    base_value: Any
    effect: analysis.Difference | None


@dataclass(frozen=True)
class ModelInterval:
    """The round's base across its preset's ranges: where the model's answer plausibly lies.

    Attributes:
        estimate: P(nuclear use) over every world, each block of 256 on its own draw of the
            ranged assumptions, with its Monte Carlo interval (simulation noise only).
        pi_low: Low end of the 95% predictive interval (noise and the ranges).
        pi_high: High end of it.
        assumptions: Share of the spread between blocks that comes from the ranges.
        simulation: Share that comes from simulation noise.
        ranges: How many parameters the preset gives a range (and the round left alone).
    """

    estimate: analysis.Estimate
    pi_low: float
    pi_high: float
    assumptions: float
    simulation: float
    ranges: int


def interval_of(values: Mapping[str, Any] | None) -> ModelInterval | None:
    """A stored `results.model_interval` read back; None if there was none (or a note)."""
    if not values or "pi_low" not in values:
        return None
    return ModelInterval(estimate_of(values), values["pi_low"], values["pi_high"],
                         values["assumptions"], values["simulation"], values["ranges"])


@dataclass(frozen=True)
class Row:
    """One participant's answer and, once revealed, their model result.

    ``forecast_low`` / ``forecast_high``: their own plausible range, or None (optional).
    ``from_day``: in a dated round, their scenario on the round's question (first use from
    its day to the horizon's end, given none before it); None otherwise.
    """

    participant_id: int
    name: str
    forecast: float
    refusing_layer: int | None
    params: dict[str, Any]
    use: analysis.Estimate | None
    difference: analysis.Difference | None
    model_refusing_layer: int | None
    error: str | None
    layers: int | None = None
    attribution: list[Change] = field(default_factory=list)
    interaction: float | None = None
    forecast_low: float | None = None
    forecast_high: float | None = None
    from_day: analysis.Estimate | None = None

    @property
    def has_range(self) -> bool:
        """Whether the participant gave a plausible range."""
        return self.forecast_low is not None and self.forecast_high is not None

    @property
    def model_in_range(self) -> bool | None:
        """Whether the model's result with their assumptions lies in their own range.

        None without a range or a model result: nothing to compare.
        """
        if not self.has_range or self.use is None or math.isnan(self.use.estimate):
            return None
        return self.forecast_low <= self.use.estimate <= self.forecast_high

    def chain_layers(self, base_layers: int) -> int:
        """The number of command layers in this participant's scenario."""
        return int(self.layers or self.params.get("chain.layers", base_layers))


@dataclass(frozen=True)
class RoundResults:
    """A revealed round as the board shows it.

    Attributes:
        round: The ``workshop.Round``.
        rows: Participants' answers and results, in joining order.
        base: P(nuclear use) of the round's base scenario (None if nobody answered).
        effects: Per parameter, the one-at-a-time effects of those who changed it, the
            largest mean absolute effect first (parameters nobody changed last).
        runs: Worlds per scenario.
        seed: The seed they all shared.
        horizon_weeks: The base scenario's horizon.
        layers: The base scenario's number of command layers.
        predictive: The base across its preset's ranges (None: no range, or revealed
            before the reveal computed one).
        dated: A dated round's model given the record up to its day
            (`simulator.workshop.dated.summary`); None for a round without a date.
    """

    round: Any
    rows: list[Row]
    base: analysis.Estimate | None
    effects: list[dict[str, Any]]
    runs: int
    seed: int
    horizon_weeks: int
    layers: int
    predictive: ModelInterval | None = None
    dated: dict[str, Any] | None = None

    @property
    def revealed_rows(self) -> list[Row]:
        """Rows with a model result."""
        return [row for row in self.rows if row.use is not None]

    @property
    def moved_effects(self) -> list[dict[str, Any]]:
        """The parameters somebody changed (with an effect that could be computed)."""
        return [e for e in self.effects if e["changed_by"]]

    @property
    def unmoved(self) -> list[str]:
        """The allowed parameters nobody changed."""
        return [e["parameter"] for e in self.effects if not e["changed_by"]]

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

    @property
    def ranged_rows(self) -> list[Row]:
        """Rows of the participants who gave a plausible range."""
        return [row for row in self.rows if row.has_range]

    def median_range(self) -> tuple[float, float] | None:
        """Median low end and median high end of the ranges given (None: nobody gave one)."""
        ranged = self.ranged_rows
        if not ranged:
            return None
        return (float(np.median([row.forecast_low for row in ranged])),
                float(np.median([row.forecast_high for row in ranged])))

    def range_coverage(self) -> tuple[int, int]:
        """``(inside, compared)``: ranges holding the model's result with their assumptions.

        ``compared`` counts the ranges that have a model result to compare with.
        """
        found = [row.model_in_range for row in self.ranged_rows
                 if row.model_in_range is not None]
        return sum(found), len(found)

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
        layers=results.get("layers"),
        attribution=[Change(e["parameter"], e["value"], e["base_value"],
                            difference_of(e["effect"]))
                     for e in results.get("attribution", [])],
        interaction=results.get("interaction"),
        forecast_low=getattr(submission, "forecast_low", None),
        forecast_high=getattr(submission, "forecast_high", None),
        from_day=estimate_of(results.get("from_day")),
    )


def round_results(round_, submissions: Sequence) -> RoundResults:
    """A round's stored submissions and results, ready to show."""
    summary = next((s.results["round"] for s in submissions
                    if s.results and "round" in s.results), None)
    if summary is None:
        try:
            base_values = round_scenario(round_.preset, round_.overrides,
                                         round_.events).parameters
        except (SimulatorError, ValueError):
            base_values = params.defaults()
        summary = {"runs": RUNS, "seed": SEED, "base": None, "effects": [],
                   "horizon_weeks": base_values["horizon_weeks"],
                   "base_layers": base_values["chain.layers"]}
    effects = list(summary["effects"]) if summary.get("version", 1) >= 2 else []
    return RoundResults(
        round=round_,
        rows=[row_of(s) for s in submissions],
        base=estimate_of(summary["base"]),
        effects=effects,
        runs=summary["runs"],
        seed=summary["seed"],
        horizon_weeks=summary["horizon_weeks"],
        layers=summary["base_layers"],
        predictive=interval_of(summary.get("predictive")),
        dated=summary.get("dated"),
    )


def layer_label(layer: int | None, layers: int, lang: str = "en") -> str:
    """'General Staff (Gerasimov), layer 2 of 5' (`simulator.workshop.layers.text`); '–': none."""
    return chain.text(layer, layers, lang)
