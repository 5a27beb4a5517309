"""What an experiment varies, and the points of its design.

Every experiment (a sweep, a Sobol' or Morris analysis, discovery) varies parameters over
``name=LOW:HIGH`` ranges; this module checks those ranges against the schema once, and
turns them into points: a grid, a Latin hypercube or scrambled Sobol' points from
``scipy.stats.qmc``, seeded apart from the worlds' own draws.

Integer parameters take whole values (each value of LOW..HIGH equally likely in the
random designs); per-layer parameters are varied as one value for every layer. The
pseudo-parameter ``dummy`` (``--vary dummy=0:1``) enters no scenario: the standard
sanity check that a sensitivity method ranks an input with no effect at zero.
"""

import itertools
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
from scipy.stats import qmc

from simulator.errors import ParameterError, SimulatorError
from simulator.model import params
from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.running import engine

DESIGNS = ("grid", "lhs", "sobol")
DEFAULT_POINTS = {"grid": 5, "lhs": 16, "sobol": 16}
"""Points of a design when none is given (grid: values per parameter)."""
MAX_POINTS = 100_000
"""Most points of a design (a sweep's points, or a sensitivity's N x (parameters + 2))."""
MAX_VARIES = 100
"""Most parameters varied at once (the schema has 80, plus a few dummies)."""
MAX_RESAMPLES = 10_000
"""Most bootstrap resamples of a sensitivity analysis."""
DUMMY = re.compile(r"dummy\d*")
"""Names of pseudo-parameters that enter no scenario (``dummy``, ``dummy2``, ...)."""
_DESIGN_KEY = 0x5EED
"""First spawn key of the design's own random stream, apart from the chunks' (k,)."""


class ExperimentError(SimulatorError):
    """An experiment that cannot run as asked: a bad range, design or outcome."""


# --- what varies ---------------------------------------------------------------------------

@dataclass(frozen=True)
class Vary:
    """One parameter varied over [low, high].

    Attributes:
        name: Dotted parameter name, or ``dummy`` (a pseudo-parameter that enters no
            scenario).
        low: Lowest value.
        high: Highest value (above ``low``).
    """

    name: str
    low: float
    high: float

    @property
    def dummy(self) -> bool:
        """Whether this is a pseudo-parameter that the model never sees."""
        return bool(DUMMY.fullmatch(self.name))

    @property
    def integer(self) -> bool:
        """Whether the parameter takes whole numbers only."""
        return not self.dummy and params.SCHEMA[self.name].integer

    @property
    def text(self) -> str:
        """``name=LOW:HIGH``, as typed on the command line."""
        return f"{self.name}={self.low:g}:{self.high:g}"

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Map points of [0, 1) to values.

        Uniform on [low, high), or for a whole-number parameter each of low..high with
        equal probability.
        """
        u = np.asarray(u, dtype=np.float64)
        if self.integer:
            return np.minimum(np.floor(self.low + u * (self.high - self.low + 1)), self.high)
        return self.low + u * (self.high - self.low)

    def levels(self, count: int) -> np.ndarray:
        """``count`` evenly spaced values from low to high (whole numbers: distinct ones)."""
        values = np.linspace(self.low, self.high, count)
        return np.unique(np.round(values)) if self.integer else values

    def value(self, x: float) -> float | int:
        """A design value as the scenario takes it."""
        return int(round(x)) if self.integer else float(x)



def parse_vary(text: str) -> Vary:
    """Parse ``name=LOW:HIGH`` (checked against the schema), e.g. ``chain.layers=2:8``."""
    name, sep, span = str(text).partition("=")
    low_text, colon, high_text = span.partition(":")
    name = name.strip()
    if not sep or not colon or not low_text.strip() or not high_text.strip():
        raise ExperimentError(f"--vary {text!r}: expected name=LOW:HIGH, e.g. "
                              "chain.base_refusal=0.01:0.2")
    return make_vary(name, low_text.strip(), high_text.strip(), text)


def make_vary(name: str, low: Any, high: Any, text: str | None = None) -> Vary:
    """A checked :class:`Vary`: a known parameter, both ends in its range, LOW < HIGH."""
    text = text or f"{name}={low}:{high}"
    if DUMMY.fullmatch(name):
        try:
            low, high = float(low), float(high)
        except ValueError:
            raise ExperimentError(f"--vary {text}: LOW and HIGH must be numbers") from None
        if not (math.isfinite(low) and math.isfinite(high)):
            raise ExperimentError(f"--vary {text}: LOW and HIGH must be finite numbers")
    else:
        param = params.lookup(name)  # unknown name: ParameterError with a suggestion
        if isinstance(low, list | tuple) or isinstance(high, list | tuple) or \
                "," in f"{low}{high}":
            raise ParameterError(name, f"--vary takes one number at each end ({text}); a "
                                       "per-layer parameter is varied as one value for all "
                                       "layers")
        low, high = param.check(low), param.check(high)
    if not low < high:
        raise ExperimentError(f"--vary {text}: LOW ({low:g}) must be below HIGH ({high:g})")
    return Vary(name, float(low), float(high))


EMA_BOOKKEEPING = ("scenario", "policy", "model")
"""Columns of an EMA Workbench experiments table that are not parameters."""


def peer_point(row: Mapping[str, Any]) -> dict[str, Any]:
    """One row of a design as SALib or EMA Workbench produce it, as parameter changes.

    Taken as they are: EMA's identifiers (``chain_layers``) name ``chain.layers``; ``dummy``
    columns and EMA's bookkeeping columns (``scenario``, ``policy``, ``model``) are left out;
    a whole-number parameter given as a float (SALib samples floats) is rounded to the
    nearest whole number, halves to even (``numpy.rint``), so 3.7 runs as 4; numpy scalars
    become plain numbers. A non-finite value or an unknown name is left for the schema to
    refuse, naming the row.
    """
    found = {}
    for column, value in row.items():
        name = _EMA_NAMES.get(str(column), str(column))
        if DUMMY.fullmatch(name) or name in EMA_BOOKKEEPING:
            continue
        if isinstance(value, np.generic):
            value = value.item()
        param = params.SCHEMA.get(name)
        if param is not None and param.integer and isinstance(value, float) \
                and np.isfinite(value):
            value = int(np.rint(value))
        found[name] = value
    return found


_EMA_NAMES = {name.replace(".", "_"): name for name in params.SCHEMA}


def check_varies(vary: Any) -> list[Vary]:
    """Varied parameters from strings, a mapping or Vary objects; each named once.

    Accepts ``["name=LOW:HIGH", ...]``, ``{name: (low, high)}`` or :class:`Vary` objects.
    """
    if isinstance(vary, str | Vary):
        vary = [vary]
    if isinstance(vary, Mapping | Sequence) and len(vary) > MAX_VARIES:
        raise ExperimentError(f"--vary: {len(vary):,} parameters is too many; vary at most "
                              f"{MAX_VARIES} at once")
    if isinstance(vary, Mapping):
        items = []
        for name, span in vary.items():
            if not isinstance(span, Sequence) or isinstance(span, str) or len(span) != 2:
                raise ExperimentError(f"vary[{name!r}]: expected (LOW, HIGH), got {span!r}")
            items.append(make_vary(name, span[0], span[1]))
    else:
        items = [v if isinstance(v, Vary) else parse_vary(v) for v in vary or []]
    if not items:
        raise ExperimentError("--vary: give at least one name=LOW:HIGH")
    seen = set()
    for item in items:
        if item.name in seen:
            raise ExperimentError(f"--vary {item.name}: given twice; vary each parameter once")
        seen.add(item.name)
    return items


def check_outcome(outcome: str) -> str:
    """``outcome`` if it is one the summaries know, else a clear error listing them."""
    if outcome not in analysis.OUTCOMES:
        raise ExperimentError(f"outcome: unknown outcome {outcome!r}; choose one of: "
                              f"{', '.join(analysis.OUTCOMES)}")
    return outcome


def design_rng(seed: int, purpose: int) -> np.random.Generator:
    """A generator for the design itself, independent of every chunk's stream."""
    return np.random.default_rng(np.random.SeedSequence(seed, spawn_key=(_DESIGN_KEY, purpose)))


def design_points(varies: Sequence[Vary], design: str = "lhs", points: int | None = None,
                  seed: int = 0) -> np.ndarray:
    """The design's points in parameter units, shape (points, parameters).

    ``grid``: ``points`` values of each parameter, every combination (points^d rows).
    ``lhs``: a Latin hypercube of ``points`` rows. ``sobol``: the first ``points`` (a power
    of 2) of a scrambled Sobol' sequence. Random designs are seeded from ``seed``.
    """
    if design not in DESIGNS:
        raise ExperimentError(f"design: {design!r} is not allowed; choose one of: "
                              f"{', '.join(DESIGNS)}")
    points = DEFAULT_POINTS[design] if points is None else \
        engine.check_runs(points, "points", MAX_POINTS)
    d = len(varies)
    if design == "grid":
        if points < 2:
            raise ExperimentError("points: a grid needs at least 2 values per parameter")
        axes = [v.levels(points) for v in varies]
        total = math.prod(len(a) for a in axes)
        if total > MAX_POINTS:
            raise ExperimentError(f"points: a grid of {points} values for {d} parameters has "
                                  f"{total:,} points (max {MAX_POINTS:,}); use lhs or sobol")
        return np.array(list(itertools.product(*axes)), dtype=np.float64).reshape(-1, d)
    if points > MAX_POINTS:
        raise ExperimentError(f"points: {points:,} is too many (max {MAX_POINTS:,})")
    if design == "lhs":
        unit = qmc.LatinHypercube(d, rng=design_rng(seed, 1)).random(points)
    else:
        if points & (points - 1):
            raise ExperimentError(f"points: {points} is not a power of 2, which the Sobol' "
                                  f"design needs; try {1 << (points - 1).bit_length()}")
        unit = qmc.Sobol(d, scramble=True, rng=design_rng(seed, 2)).random(points)
    return np.column_stack([v.from_unit(unit[:, i]) for i, v in enumerate(varies)])


def refuse_pool(scenario: Scenario) -> None:
    """ExperimentError for a pooled view as a design's base: its points are one parameter set."""
    if scenario.pool:
        raise ExperimentError(f"scenario: {scenario.name!r} is a pooled view, whose worlds run "
                              "under several views; a design varies one view's parameters, so "
                              "give one of its views (" + ", ".join(m.name for m in scenario.pool)
                              + ") as the base")


def point_scenario(scenario: Scenario, varies: Sequence[Vary], row: Sequence[float],
                   index: int = 0) -> Scenario:
    """The scenario at one design point (pseudo-parameters left out)."""
    changes = {v.name: v.value(x) for v, x in zip(varies, row, strict=True) if not v.dummy}
    refuse_pool(scenario)
    try:
        point = scenario.with_overrides(changes, name=f"{scenario.name}@{index}")
        point.parameters  # noqa: B018 - validates the combination
    except ParameterError as error:
        where = ", ".join(f"{k}={v:g}" for k, v in changes.items())
        raise ExperimentError(f"point {index} ({where}): {error}") from None
    return point


def as_scenario(scenario: Scenario | str | Path) -> Scenario:
    """``scenario`` itself, or the preset or scenario file it names."""
    if isinstance(scenario, Scenario):
        return scenario
    from simulator.model.scenario import load

    return load(scenario)
