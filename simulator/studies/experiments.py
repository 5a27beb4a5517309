"""Experiments over many scenarios: paired comparisons, parameter sweeps, Sobol' sensitivity.

Every experiment runs its scenarios on one seed, so they share common random numbers:
world i of one scenario sees the same draws as world i of another, and their difference
is the effect of the assumptions, not of noise. All of a job's chunks go through one
runner (``engine.open_runner``): in this process, a process pool, or a Dask cluster.

- ``compare``: scenarios side by side, paired differences from the first (exact McNemar
  for yes/no outcomes), and for contrast the unpaired differences.
- ``sweep``: a design over ``--vary name=LOW:HIGH`` ranges (grid, Latin hypercube or
  scrambled Sobol' points from ``scipy.stats.qmc``); each point is the scenario with those
  values, run for ``runs_per_point`` worlds; one row per point with every outcome's
  estimate and interval.
- ``sensitivity``: first-order and total Sobol' indices of one outcome
  (``scipy.stats.sobol_indices``, Saltelli 2010), with bootstrap intervals.

Integer parameters take whole values (each value of LOW..HIGH equally likely in the
random designs); per-layer parameters are varied as one value for every layer. The
pseudo-parameter ``dummy`` (``--vary dummy=0:1``) enters no scenario: the standard
sanity check that a sensitivity method ranks an input with no effect at zero.
"""

import hashlib
import itertools
import json
import math
import re
import time
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Executor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import stats
from scipy.stats import qmc

from simulator import __version__, results
from simulator.errors import ParameterError, SimulatorError
from simulator.model import params
from simulator.model.scenario import Scenario
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import experiment_folder

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


class OtherExperimentError(ExperimentError):
    """``resume`` onto a folder that holds another experiment (scenario, seed, points...)."""


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


class _UnitMap:
    """A 'distribution' for ``scipy.stats.sobol_indices``: its ``ppf`` maps [0, 1) to values."""

    def __init__(self, vary: Vary):
        self.vary = vary

    def ppf(self, u):
        return self.vary.from_unit(u)


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


def point_scenario(scenario: Scenario, varies: Sequence[Vary], row: Sequence[float],
                   index: int = 0) -> Scenario:
    """The scenario at one design point (pseudo-parameters left out)."""
    changes = {v.name: v.value(x) for v, x in zip(varies, row, strict=True) if not v.dummy}
    try:
        point = scenario.with_overrides(changes, name=f"{scenario.name}@{index}")
        point.parameters  # noqa: B018 - validates the combination
    except ParameterError as error:
        where = ", ".join(f"{k}={v:g}" for k, v in changes.items())
        raise ExperimentError(f"point {index} ({where}): {error}") from None
    return point


def _as_scenario(scenario: Scenario | str | Path) -> Scenario:
    if isinstance(scenario, Scenario):
        return scenario
    from simulator.model.scenario import load

    return load(scenario)


PARTIAL = "points.partial"
"""Folder, inside an experiment's ``out``, of the blocks of points already evaluated."""
BLOCK = 64
"""Points evaluated, and saved, together: what a killed sweep or sensitivity run can lose."""


def _block_key(parameter_sets: Sequence[Mapping[str, Any]], runs: int, seed: int) -> str:
    """What a saved block must have been computed from to be reused: points, worlds, seed, model.

    The model is its version and the machine's float32 rounding: a folder moved to a machine
    of another CPU family recomputes its blocks rather than mix two machines' bytes.
    """
    text = json.dumps([__version__, results.float32_rounding(), runs, seed,
                       [sorted(p.items()) for p in parameter_sets]],
                      sort_keys=True, default=_json_default)
    return hashlib.sha256(text.encode()).hexdigest()


def evaluate_points(parameter_sets: Sequence[Mapping[str, Any]], runs: int, seed: int,
                    runner, progress: bool, description: str, folder: Path | None = None,
                    resume: bool = False,
                    asked: dict | None = None) -> list[dict[str, analysis.Estimate]]:
    """Every outcome's estimate at each point (``engine.evaluate``), saved block by block.

    With a ``folder``, each block of ``BLOCK`` points is written to ``points.partial`` as it
    finishes; ``resume`` reuses the blocks computed from the same points, worlds and seed, so
    a killed run continues where it stopped and ends with the same numbers. What the
    experiment was ``asked`` is recorded first, for ``_prepare_out`` to check on resume.
    """
    if folder is None:
        return [s.estimates() for s in engine.evaluate(parameter_sets, runs, seed, runner,
                                                       progress, description)]
    partial = folder / PARTIAL
    partial.mkdir(parents=True, exist_ok=True)
    if asked is not None:
        experiment_folder.write_record(partial, asked)
    found: list[dict[str, analysis.Estimate]] = []
    for start in range(0, len(parameter_sets), BLOCK):
        block = parameter_sets[start:start + BLOCK]
        path = partial / f"block-{start // BLOCK:05d}.json"
        key = _block_key(block, runs, seed)
        saved = _read_block(path, key) if resume else None
        if saved is None:
            stats = engine.evaluate(block, runs, seed, runner, progress,
                                    f"{description} {start + 1}-{start + len(block)}")
            saved = [s.estimates() for s in stats]
            document = {"key": key, "estimates": [
                {name: [e.estimate, e.ci_low, e.ci_high, e.n] for name, e in point.items()}
                for point in saved]}
            text = json.dumps(document, default=_json_default)
            results._write_atomic(path, lambda tmp, text=text: tmp.write_text(text))
        found += saved
    return found


def _read_block(path: Path, key: str) -> list[dict[str, analysis.Estimate]] | None:
    """A saved block if it was computed from ``key``'s points, else None (recompute it)."""
    try:
        document = json.loads(path.read_text())
        if document.get("key") != key:
            return None
        return [{name: analysis.Estimate(*values) for name, values in point.items()}
                for point in document["estimates"]]
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        return None


def _prepare_out(out: str | Path | None, overwrite: bool, names: Iterable[str],
                 resume: bool = False, asked: dict | None = None) -> Path | None:
    """Check ``out`` can take an experiment's files before any work; None: no folder.

    A folder that exists must be empty, or with ``overwrite`` hold only what an
    experiment writes there, or with ``resume`` hold the blocks of the experiment
    ``asked`` (another one is refused, unless ``overwrite`` replaces it); nothing else
    is ever deleted.
    """
    if out is None:
        return None
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise ExperimentError(f"out: {folder} is a file, not a folder; choose another")
    if folder.exists() and any(folder.iterdir()):
        if resume and (folder / PARTIAL).is_dir():
            other = experiment_folder.other_experiment(folder, folder / PARTIAL, asked)
            if other is None:
                return folder
            if not overwrite:
                raise OtherExperimentError(other)
        if not overwrite:
            raise ExperimentError(f"out: {folder} is not empty; pass --overwrite to replace "
                                  "its results, or choose another folder")
        ours = set(names) | {results.MANIFEST, PARTIAL}
        others = sorted(p.name for p in folder.iterdir() if p.name not in ours)
        if others:
            raise ExperimentError(f"out: {folder} holds other files ({others[0]}, ...); "
                                  "--overwrite only replaces an experiment's own files")
    return folder


def _write_table(folder: Path, stem: str, frame, json_document: Any | None = None) -> None:
    """Write ``frame`` as Parquet and CSV, and a JSON document, each atomically."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame, preserve_index=False)
    results.write_table(folder / f"{stem}.parquet", table, "parquet")
    results.write_table(folder / f"{stem}.csv", table, "csv")
    if json_document is not None:
        text = json.dumps(json_document, indent=2, default=_json_default)
        results._write_atomic(folder / f"{stem}.json", lambda tmp: tmp.write_text(text))


def _json_default(value):
    if isinstance(value, np.generic):
        return value.item()
    if isinstance(value, np.ndarray):
        return value.tolist()
    return str(value)


def _scenario_info(scenario: Scenario) -> dict:
    return {"name": scenario.name, "title": scenario.title, "hash": scenario.hash,
            "overrides": dict(scenario.overrides)}


def _manifest(kind: str, scenario: Scenario, seed: int, **extra) -> dict:
    return {"kind": kind, "scenario": _scenario_info(scenario),
            "parameters": scenario.parameters, "seed": seed,
            "chunk_size": engine.CHUNK_SIZE, **extra, "versions": results.versions(),
            "provenance": results.provenance(),
            "created": results.now()}


def estimate_columns(estimates: Mapping[str, analysis.Estimate]) -> dict[str, float]:
    """Each outcome's estimate as ``name``, ``name_low``, ``name_high`` (one table row)."""
    row = {}
    for name in analysis.OUTCOMES:
        est = estimates[name]
        row[name], row[f"{name}_low"], row[f"{name}_high"] = est.estimate, est.ci_low, est.ci_high
    return row


# --- compare -------------------------------------------------------------------------------

@dataclass
class Comparison:
    """Scenarios run on the same seed, with paired differences from the first.

    Attributes:
        batches: One in-memory batch per scenario, in the order given.
        labels: Each scenario's name in the tables (made unique).
        seed: The common seed.
        runs: Worlds per scenario.
        seconds: Wall time of the simulation.
        folder: Where the table was written, if anywhere.
    """

    batches: list[engine.Batch]
    labels: list[str]
    seed: int
    runs: int
    seconds: float = 0.0
    folder: Path | None = None

    def paired(self, outcome: str, index: int) -> analysis.Difference:
        """Paired difference ``scenario[index] - scenario[0]`` of one outcome."""
        check_outcome(outcome)
        return analysis.paired_difference(self.batches[index].columns[outcome],
                                          self.batches[0].columns[outcome],
                                          binary=outcome in analysis.PROBABILITY_OUTCOMES)

    def unpaired(self, outcome: str, index: int) -> analysis.Difference:
        """The same difference as if the two batches were independent (wider interval)."""
        check_outcome(outcome)
        return analysis.unpaired_difference(self.batches[index].columns[outcome],
                                            self.batches[0].columns[outcome])

    def summary(self) -> dict:
        """Every outcome's estimates and differences from the first, as plain numbers.

        Each scenario's estimate, and its paired (and unpaired) difference from the first:
        what ``compare --json`` prints.
        """
        report = {"seed": self.seed, "runs": self.runs, "scenarios": list(self.labels),
                  "outcomes": {}}
        for name in analysis.OUTCOMES:
            row = {"estimates": {label: b.estimates[name].as_dict()
                                 for label, b in zip(self.labels, self.batches, strict=True)},
                   "paired_difference_from_first": {}, "unpaired_difference_from_first": {}}
            for i in range(1, len(self.batches)):
                row["paired_difference_from_first"][self.labels[i]] = \
                    self.paired(name, i).as_dict()
                row["unpaired_difference_from_first"][self.labels[i]] = \
                    self.unpaired(name, i).as_dict()
            report["outcomes"][name] = row
        return report

    def to_pandas(self):
        """One row per (outcome, scenario): estimate, interval, differences from the first."""
        import pandas as pd

        rows = []
        for name in analysis.OUTCOMES:
            for i, (label, batch) in enumerate(zip(self.labels, self.batches, strict=True)):
                est = batch.estimates[name]
                row = {"outcome": name, "scenario": label, "hash": batch.scenario.hash,
                       "runs": self.runs, "seed": self.seed, "estimate": est.estimate,
                       "ci_low": est.ci_low, "ci_high": est.ci_high}
                for kind, diff in (("paired", self.paired(name, i) if i else None),
                                   ("unpaired", self.unpaired(name, i) if i else None)):
                    row.update({f"{kind}_difference": diff.difference if diff else np.nan,
                                f"{kind}_ci_low": diff.ci_low if diff else np.nan,
                                f"{kind}_ci_high": diff.ci_high if diff else np.nan,
                                f"{kind}_p_value": diff.p_value if diff else np.nan})
                rows.append(row)
        return pd.DataFrame(rows)

    def table(self) -> str:
        """The comparison as the command line prints it."""
        lines = [f"seed {self.seed}, {self.runs:,} worlds each, common random numbers", ""]
        width = max(len(label) for label in self.labels) + 2
        for name in analysis.OUTCOMES:
            percent = name in analysis.PROBABILITY_OUTCOMES
            scale, unit = (100, " pts") if percent else (1, "")
            lines.append(analysis.OUTCOMES[name])
            for i, (label, batch) in enumerate(zip(self.labels, self.batches, strict=True)):
                line = f"  {label:<{width}} {batch.estimates[name].text(percent)}"
                if i:
                    diff, loose = self.paired(name, i), self.unpaired(name, i)
                    line += (f"   vs {self.labels[0]}: {diff.difference * scale:+.2f}{unit} "
                             f"[{diff.ci_low * scale:+.2f}, {diff.ci_high * scale:+.2f}] "
                             f"{diff.p_text}  (unpaired: [{loose.ci_low * scale:+.2f}, "
                             f"{loose.ci_high * scale:+.2f}])")
                lines.append(line)
        lines += ["", "Differences are paired over the same worlds (exact McNemar p for yes/no "
                  "outcomes, paired t for means); the unpaired interval is what two independent "
                  "batches would give."]
        return "\n".join(lines)

    def write(self, out: str | Path, overwrite: bool = False) -> Path:
        """Write ``comparison.csv``, ``comparison.parquet``, ``comparison.json`` and a manifest."""
        folder = _prepare_out(out, overwrite, ("comparison.csv", "comparison.parquet",
                                               "comparison.json"))
        folder.mkdir(parents=True, exist_ok=True)
        _write_table(folder, "comparison", self.to_pandas(), self.summary())
        manifest = _manifest("compare", self.batches[0].scenario, self.seed, runs=self.runs,
                             scenarios=[_scenario_info(b.scenario) for b in self.batches],
                             seconds=round(self.seconds, 3))
        results.write_manifest(folder, manifest)
        self.folder = folder
        return folder

    def __repr__(self) -> str:
        return (f"Comparison({', '.join(self.labels)}; runs={self.runs:,}, seed={self.seed}; "
                ".summary(), .to_pandas(), .table())")


def compare(scenarios: Sequence[Scenario | str], runs: int = 10_000, seed: int = 0, *,
            out: str | Path | None = None, overwrite: bool = False, workers: int | None = None,
            dask: str | None = None, executor: Executor | None = None,
            progress: bool = False) -> Comparison:
    """Run scenarios on the same seed and compare each with the first, world by world.

    Raises:
        SimulatorError: fewer than two scenarios, bad options, ``out`` in the way.
    """
    scenarios = [_as_scenario(s) for s in scenarios]
    if len(scenarios) < 2:
        raise ExperimentError("compare: give at least two scenarios")
    engine.check_runs(runs)
    _prepare_out(out, overwrite, ("comparison.csv", "comparison.parquet", "comparison.json"))
    labels, seen = [], {}
    for scenario in scenarios:
        seen[scenario.name] = seen.get(scenario.name, 0) + 1
        labels.append(scenario.name if seen[scenario.name] == 1
                      else f"{scenario.name}#{seen[scenario.name]}")
    started = time.perf_counter()
    batches = engine.run_many(scenarios, runs, seed, workers=workers, dask=dask,
                              executor=executor, progress=progress)
    result = Comparison(batches, labels, batches[0].seed, runs, time.perf_counter() - started)
    if out is not None:
        result.write(out, overwrite)
    return result


# --- sweep ---------------------------------------------------------------------------------

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

    def to_pandas(self):
        """One row per point: the varied values, then every outcome with ``_low``/``_high``."""
        import pandas as pd

        rows = []
        for i, (row, estimates) in enumerate(zip(self.values, self.estimates, strict=True)):
            rows.append({"point": i, **{v.name: v.value(x) for v, x in zip(self.varies, row,
                                                                          strict=True)},
                         "runs": self.runs_per_point, **estimate_columns(estimates)})
        return pd.DataFrame(rows)

    def summary(self) -> dict:
        """The sweep as plain numbers: its settings and every point's estimates."""
        return {"scenario": self.scenario.name, "hash": self.scenario.hash, "seed": self.seed,
                "design": self.design, "vary": [v.text for v in self.varies],
                "runs_per_point": self.runs_per_point,
                "points": [{"values": {v.name: v.value(x) for v, x in zip(self.varies, row,
                                                                          strict=True)},
                            "outcomes": {k: e.as_dict() for k, e in estimates.items()}}
                           for row, estimates in zip(self.values, self.estimates, strict=True)]}

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
            lines.append(f"{i:>5}  {cells}  {shown}")
        return "\n".join(lines)

    def __repr__(self) -> str:
        return (f"Sweep({self.scenario.name!r}, {self.design}, {len(self.values)} points x "
                f"{self.runs_per_point:,} worlds; .summary(), .to_pandas(), .table())")


def sweep(scenario: Scenario | str, vary: Any, *, design: str = "lhs", points: int | None = None,
          runs_per_point: int = 2_000, seed: int = 0, out: str | Path | None = None,
          overwrite: bool = False, resume: bool = False, workers: int | None = None,
          dask: str | None = None, executor: Executor | None = None,
          progress: bool = False) -> Sweep:
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
        on_progress: Called as ``on_progress(done, total)`` as the batches of worlds finish
            (a page's progress bar); ``done`` runs from 0 to ``total``.
    """
    scenario = _as_scenario(scenario)
    varies = check_varies(vary)
    runs_per_point = engine.check_runs(runs_per_point, "runs_per_point")
    seed = engine._check_seed(seed)
    values = design_points(varies, design, points, seed)
    settings = {"design": design, "vary": [v.text for v in varies], "points": len(values),
                "runs_per_point": runs_per_point}
    asked = experiment_folder.identity("sweep", scenario, seed, **settings)
    folder = _prepare_out(out, overwrite, ("sweep.parquet", "sweep.csv"), resume, asked)
    scenarios = [point_scenario(scenario, varies, row, i) for i, row in enumerate(values)]
    started = time.perf_counter()
    with engine.open_runner(len(values) * runs_per_point, workers, dask, executor) as runner:
        found = evaluate_points([s.parameters for s in scenarios], runs_per_point, seed, runner,
                                progress, "sweep points", folder, resume, asked)
        where = runner.where
    result = Sweep(scenario, varies, design, values, found, seed, runs_per_point,
                   time.perf_counter() - started)
    result.manifest = _manifest("sweep", scenario, seed, **settings,
                                seconds=round(result.seconds, 3), executor=where)
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        _write_table(folder, "sweep", result.to_pandas())
        results.write_manifest(folder, result.manifest)
        result.folder = folder
    return result


# --- sensitivity ---------------------------------------------------------------------------

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


def _saltelli(f_a: np.ndarray, f_b: np.ndarray, f_ab: np.ndarray) -> np.ndarray:
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


class _Reporting:
    """A runner that reports each finished task to ``on_progress(done, total)``."""

    def __init__(self, runner: engine.Runner, on_progress: Callable[[int, int], None]):
        self.runner, self.on_progress = runner, on_progress
        self.done = self.total = 0

    @property
    def where(self) -> str:
        return self.runner.where

    def start(self, tasks: int) -> None:
        self.total = tasks
        self.runner.start(tasks)
        self.on_progress(0, tasks)

    def map(self, tasks):
        for item in self.runner.map(tasks):
            self.done += 1
            self.on_progress(self.done, self.total)
            yield item


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
        first, total = _saltelli(ca, cb, cab)

    def statistic(rows):
        return _saltelli(ca[rows], cb[rows], cab[:, rows])

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
    scenario = _as_scenario(scenario)
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
    seed = engine._check_seed(seed)
    names = ("sensitivity.csv", "sensitivity.parquet", "sensitivity.json", "points.parquet",
             "points.csv")
    d = len(varies)
    settings = {"outcome": outcome, "vary": [v.text for v in varies], "samples": samples,
                "points": samples * (d + 2), "runs_per_point": runs_per_point,
                "resamples": resamples}
    asked = experiment_folder.identity("sensitivity", scenario, seed, **settings)
    folder = _prepare_out(out, overwrite, names, resume, asked)

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
        reporting = _Reporting(runner, on_progress) if on_progress else runner
        found = evaluate_points([s.parameters for s in scenarios], runs_per_point, seed,
                                reporting, progress, "sensitivity points", folder, resume,
                                asked)
        where = runner.where
    points = {"matrix": matrix, **{v.name: design[:, i] for i, v in enumerate(varies)},
              **{name: np.array([point[name].estimate for point in found])
                 for name in analysis.OUTCOMES}}
    result = _sobol(scenario, varies, outcome, points, samples, runs_per_point, seed, resamples)
    result.seconds = time.perf_counter() - started
    result.manifest = _manifest("sensitivity", scenario, seed, **settings,
                                seconds=round(result.seconds, 3), executor=where)
    if folder is not None:
        import pandas as pd

        folder.mkdir(parents=True, exist_ok=True)
        _write_table(folder, "sensitivity", result.to_pandas(), result.summary())
        _write_table(folder, "points", pd.DataFrame(result.points))
        results.write_manifest(folder, result.manifest)
        result.folder = folder
    return result


# --- Morris screening ----------------------------------------------------------------------

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
        mu: Mean signed effect (mu_star >> |mu|: effects of both signs).
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

    scenario = _as_scenario(scenario)
    varies = check_varies(vary)
    check_outcome(outcome)
    trajectories = engine.check_runs(trajectories, "trajectories", 1_000)
    if trajectories < 2:
        raise ExperimentError("trajectories: at least 2 are needed to estimate the effects")
    if levels not in (2, 4, 6, 8, 10):
        raise ExperimentError(f"levels: {levels!r} is not allowed; choose 2, 4, 6, 8 or 10")
    runs_per_point = engine.check_runs(runs_per_point, "runs_per_point")
    seed = engine._check_seed(seed)
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
    result.manifest = _manifest("morris", scenario, seed, outcome=outcome,
                                vary=[v.text for v in varies], trajectories=trajectories,
                                levels=levels, points=len(design),
                                runs_per_point=runs_per_point)
    return result
