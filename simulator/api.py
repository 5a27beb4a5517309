"""The Python API for notebooks: ``simulator.run``, ``compare``, ``sweep``, ``sensitivity``.

Each takes a preset name, a scenario file's path or a ``Scenario``, plus optional
parameter ``changes``, and returns a result object with ``.summary()`` (plain numbers),
``.to_pandas()`` (a DataFrame) and ``.table()`` (the text the command line prints)::

    import simulator

    batch = simulator.run("kemp", runs=200_000, seed=1)
    batch.summary()["nuclear_use"]        # {'estimate': ..., 'ci_low': ..., 'ci_high': ...}
    worlds = batch.to_pandas()            # one row per world

    cmp = simulator.compare(["baseline", "kemp", "hodges"], runs=50_000, seed=1)
    cmp.to_pandas()                       # estimates and paired differences from baseline

    sw = simulator.sweep("baseline", {"chain.base_refusal": (0.01, 0.3)}, design="grid",
                         points=6, runs_per_point=5_000)
    si = simulator.sensitivity("baseline", ["chain.base_refusal=0.01:0.3",
                               "leader.resolve=0:6", "dummy=0:1"], samples=64)
    print(simulator.sensitivity("baseline", "ranges").table())  # which unknowns matter most

Same seed, same numbers: on one core, many processes or a Dask cluster
(``dask="tcp://host:8786"``).
"""

from __future__ import annotations

import datetime as dt
import warnings
from collections.abc import Mapping, Sequence
from concurrent.futures import Executor
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from simulator.errors import SimulatorError
from simulator.evidence import nowcast as nowcasts
from simulator.model.ranges import RANGES
from simulator.model.scenario import Scenario, load
from simulator.running import engine

if TYPE_CHECKING:
    from simulator.evidence import nowcast_series as series_of
    from simulator.studies import comparison, conditionals, sobol, sweeps

__all__ = ["run", "compare", "conditional", "sweep", "sensitivity", "evaluate", "discover",
           "load_results", "merge", "scenario", "nowcast", "nowcast_series"]

# The studies import scipy.stats (about half a CPU-second), which ``simulator.run`` does not
# need, so each is imported on first use (tested); their ``vary`` default is the model's.


def scenario(which: Scenario | str | Path = "baseline",
             changes: Mapping[str, Any] | None = None) -> Scenario:
    """A preset by name (``"kemp"``), a scenario file by path, or a Scenario.

    ``changes`` (``{"chain.layers": 3}``) are applied and checked against the schema.
    """
    base = which if isinstance(which, Scenario) else load(which)
    return base.with_overrides(dict(changes)) if changes else base


def run(which: Scenario | str | Path = "baseline", runs: int = 10_000, seed: int = 0, *,
        changes: Mapping[str, Any] | None = None, out: str | Path | None = None,
        fmt: str = "parquet", workers: int | None = None, dask: str | None = None,
        executor: Executor | None = None, resume: bool = False, overwrite: bool = False,
        progress: bool = False, keep_worlds: bool = True,
        uncertainty: bool = False) -> engine.Batch:
    """Run ``runs`` worlds of a scenario from ``seed`` (see ``engine.run``).

    With ``out`` the worlds stream to a results folder and the returned batch reads
    columns from it on demand; otherwise they are kept in memory, unless
    ``keep_worlds=False``: then only ``.summary()`` and the weekly curves are kept, in the
    same memory for 10**9 worlds as for 10**4.

    With ``uncertainty=True`` each block of 256 worlds draws the scenario's ranged
    parameters anew; ``batch.predictive["nuclear_use"]`` then has ``.pi_low``,
    ``.pi_high`` (the 95% predictive interval, which carries the ranges), ``.parts`` (the
    shares of the spread from simulation and from the ranges) and ``.text()``, and
    ``.summary()`` adds them to every outcome.
    """
    return engine.run(scenario(which, changes), runs, seed, out=out, fmt=fmt, workers=workers,
                      dask=dask, executor=executor, resume=resume, progress=progress,
                      overwrite=overwrite, keep_worlds=keep_worlds, uncertainty=uncertainty)


def conditional(scenarios: Sequence[Scenario | str | Path] | Scenario | str | Path = "baseline",
                *, then: str, within: int, given: str, by: int, runs: int = 100_000,
                seed: int = 0, changes: Mapping[str, Any] | None = None,
                workers: int | None = None, dask: str | None = None,
                executor: Executor | None = None) -> list[conditionals.Conditional]:
    """P(``then`` within ``within`` weeks after ``given`` | ``given`` by week ``by``).

    One answer per scenario, all on the same seed. The Swift Centre's question of Oct 2022
    ("given a Russian detonation in the next six months, a NATO country enters Ukraine
    within 90 days": 58%)::

        simulator.conditional("baseline", then="nato_involved", within=13,
                              given="nuclear_use", by=26)
    """
    from simulator.studies import conditionals

    if isinstance(scenarios, str | Path | Scenario):
        scenarios = [scenarios]
    return conditionals.ask([scenario(s, changes) for s in scenarios], then, within, given, by,
                            runs, seed, workers=workers, dask=dask, executor=executor)


def compare(scenarios: Sequence[Scenario | str | Path], runs: int = 10_000, seed: int = 0, *,
            changes: Mapping[str, Any] | None = None, out: str | Path | None = None,
            overwrite: bool = False, workers: int | None = None, dask: str | None = None,
            executor: Executor | None = None,
            progress: bool = False) -> comparison.Comparison:
    """Run scenarios on the same seed; paired differences of each from the first.

    ``changes`` apply to every scenario. ``out`` writes comparison.csv/.parquet/.json.
    """
    from simulator.studies import comparison

    if isinstance(scenarios, str | Path | Scenario):
        scenarios = [scenarios]
    return comparison.compare([scenario(s, changes) for s in scenarios], runs, seed, out=out,
                              overwrite=overwrite, workers=workers, dask=dask,
                              executor=executor, progress=progress)


def sweep(which: Scenario | str | Path, vary: Any, *, design: str = "lhs",
          points: int | None = None, runs_per_point: int = 2_000, seed: int = 0,
          changes: Mapping[str, Any] | None = None, out: str | Path | None = None,
          overwrite: bool = False, workers: int | None = None, dask: str | None = None,
          executor: Executor | None = None, progress: bool = False,
          uncertainty: bool = False) -> sweeps.Sweep:
    """Run a grid, Latin hypercube or Sobol' design over parameter ranges.

    ``vary`` is ``{"name": (low, high), ...}`` or ``["name=LOW:HIGH", ...]``. With
    ``uncertainty=True`` every point also draws the base's other ranges per block of worlds,
    and ``.predictive`` holds each point's predictive intervals.
    """
    from simulator.studies import sweeps

    return sweeps.sweep(scenario(which, changes), vary, design=design, points=points,
                        runs_per_point=runs_per_point, seed=seed, out=out, overwrite=overwrite,
                        workers=workers, dask=dask, executor=executor, progress=progress,
                        uncertainty=uncertainty)


def sensitivity(which: Scenario | str | Path, vary: Any = RANGES, *,
                outcome: str = "nuclear_use", samples: int = 64, runs_per_point: int = 2_000,
                seed: int = 0, resamples: int = 999, changes: Mapping[str, Any] | None = None,
                out: str | Path | None = None, overwrite: bool = False,
                workers: int | None = None, dask: str | None = None,
                executor: Executor | None = None,
                progress: bool = False) -> sobol.Sensitivity:
    """First-order and total Sobol' indices of ``outcome``, with bootstrap intervals.

    ``vary="ranges"`` (the default) varies the scenario's own ranges, each drawn from its
    distribution (a PERT range as a PERT): which unknowns matter most, i.e. what the
    variance behind its predictive interval is made of. It returns a
    ``studies.unknowns.Unknowns`` (``.table()`` ranks them in words) and raises
    ``ExperimentError`` for a scenario without ranges; ``changes`` fix a ranged parameter
    at a point, which leaves it out. Otherwise ``vary`` is ``["name=LOW:HIGH", ...]`` or
    ``{name: (low, high)}``, each uniform on its bounds; add ``"dummy=0:1"`` for a
    pseudo-parameter with no effect: the method should rank it last with indices of 0.
    """
    from simulator.studies import sobol, unknowns

    if isinstance(vary, str) and vary == RANGES:
        return unknowns.unknowns(scenario(which, changes), outcome=outcome, samples=samples,
                                 runs_per_point=runs_per_point, seed=seed, resamples=resamples,
                                 out=out, overwrite=overwrite, workers=workers, dask=dask,
                                 executor=executor, progress=progress)
    return sobol.sensitivity(scenario(which, changes), vary, outcome=outcome, samples=samples,
                             runs_per_point=runs_per_point, seed=seed, resamples=resamples,
                             out=out, overwrite=overwrite, workers=workers, dask=dask,
                             executor=executor, progress=progress)


def evaluate(which: Any = "baseline", design: Any = None, runs: int = 2_000,
             seed: int | Sequence[int] = 0, *, workers: int | None = None,
             dask: str | None = None, executor: Executor | None = None,
             progress: bool = False):
    """Every outcome, with its interval, at each point of your own design.

    ``which`` is the scenario the points change (as for ``run``, ``sweep`` and the rest);
    ``design`` a DataFrame (one column per parameter, one row per point) or a list of
    ``{name: value}`` mappings, taken as EMA Workbench, SALib, a Morris sampler or a
    spreadsheet produce it (``designs.peer_point``: EMA names, ``dummy`` columns, floats for
    whole numbers). Each point runs ``runs`` worlds on ``seed``: every point sees the same
    draws, so differences between rows are the parameters' doing. Returns a DataFrame: the
    point's values, ``runs``, then each outcome with ``_low``/``_high``. With several seeds
    (``seed=[1, 2, 3]``: replications), each point gets one row per seed and a ``seed``
    column, for the spread between independent replications. The order of 0.6 and before,
    ``evaluate(design, which)``, still works, with a DeprecationWarning.
    """
    from simulator.studies import evaluation
    from simulator.studies.designs import ExperimentError, peer_point, refuse_pool

    if not isinstance(which, Scenario | str | Path):  # the old order: (design, which)
        if design is not None:
            warnings.warn("evaluate(design, which) is the old order; call "
                          "evaluate(which, design), as run, sweep and sensitivity take "
                          "the scenario first", DeprecationWarning, stacklevel=2)
        which, design = ("baseline" if design is None else design), which
    if design is None:
        raise ExperimentError("design: give the points to evaluate: evaluate(which, design)")
    if not isinstance(seed, int | np.integer):
        import pandas as pd

        seeds = list(seed)
        if not seeds:
            raise ExperimentError("seed: give one seed or a list of seeds")
        return pd.concat([evaluate(which, design, runs, int(one), workers=workers, dask=dask,
                                   executor=executor, progress=progress).assign(seed=int(one))
                          for one in seeds], ignore_index=True)
    import pandas as pd

    from simulator.studies.discovery import as_points

    base = scenario(which)
    refuse_pool(base)
    points = [peer_point(point) for point in as_points(design)]
    if not points:
        raise ExperimentError("design: no points; give at least one row")
    scenarios = []
    for i, point in enumerate(points):
        try:
            scenarios.append(base.with_overrides(point))
        except SimulatorError as error:
            raise ExperimentError(f"design row {i}: {error}") from None
    runs = engine.check_runs(runs)
    with engine.open_runner(len(points) * runs, workers, dask, executor) as runner:
        found = engine.evaluate([s.parameters for s in scenarios], runs, seed, runner, progress,
                                "design points")
    return pd.DataFrame([{**point, "runs": runs,
                          **evaluation.estimate_columns(stats.estimates())}
                         for point, stats in zip(points, found, strict=True)])


def discover(which: Scenario | str | Path, vary: Any, **options) -> Any:
    """Which combinations of assumptions lead to an outcome (see ``simulator.studies.discovery``).

    ``simulator.discover("baseline", ["chain.layers=1:10", "leader.resolve=0:6"],
    outcome="nuclear_use", threshold=0.15).text()`` reads the box in plain words.
    """
    from simulator.studies import discovery

    return discovery.discover(scenario(which), vary, **options)


def merge(folders: Sequence[str | Path]):
    """Results folders of one scenario run on distinct seeds (shards), as one summary.

    Returns a ``simulator.results.merging.Merged`` (``.estimates``, ``.summary()``,
    ``.lines()``); refuses shards of other scenarios, versions or ranges, and a seed twice.
    """
    from simulator.results.merging import merge as merged

    return merged(folders)


def load_results(folder: str | Path) -> engine.Batch:
    """A results folder written by ``run`` (checked part by part), as a Batch."""
    return engine.load(folder)


def _day(value: dt.date | str) -> dt.date:
    """A date, or an ISO date text (``"2022-11-11"``)."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        raise nowcasts.NowcastError(f"as_of: {value!r} is not a date; expected YYYY-MM-DD") \
            from None


def nowcast(scenarios: Sequence[Scenario | str | Path] | Scenario | str | Path = "baseline",
            as_of: dt.date | str = "2022-11-11", weeks: int = 13,
            outcome: str = "nuclear_use", *, target_ess: int = nowcasts.TARGET_ESS,
            max_worlds: int = nowcasts.MAX_WORLDS, min_ess: float | None = None,
            seed: int = 0, changes: Mapping[str, Any] | None = None, record: Any = None,
            workers: int | None = None,
            war: bool = False) -> nowcasts.Nowcast | list[nowcasts.Nowcast]:
    """P(``outcome`` first happens within ``weeks`` of ``as_of`` | the record up to it).

    The view's worlds are weighed by how well their path up to ``as_of`` agrees with the
    record (``simulator.evidence.nowcast``; docs/howto/nowcast.md), drawn until the
    effective sample size reaches ``target_ess`` or the worlds ``max_worlds``::

        now = simulator.nowcast("baseline", "2022-11-11", weeks=13)
        now.estimate, now.ess, now.unconditioned   # given the record, its ESS, ignoring it

    One scenario gives one ``Nowcast``, a list gives a list (each on the same seeds).
    ``war=True`` asks over the whole war, 21 Sep 2022 - 17 Sep 2025 (``_whole_war``).

    Raises:
        NowcastError: a date outside the record, a window past the horizon, or a record the
            view makes too unlikely (the message names the least likely event).
    """
    day = _day(as_of)
    one = isinstance(scenarios, str | Path | Scenario)
    views, record = _whole_war([scenario(s, changes) for s in ([scenarios] if one else
                                                                scenarios)], record, war)
    found = [nowcasts.nowcast(view, day, weeks, outcome, target=target_ess, cap=max_worlds,
                              min_ess=min_ess, seed=seed, record=record, workers=workers)
             for view in views]
    return found[0] if one else found


def nowcast_series(scenarios: Sequence[Scenario | str | Path] | Scenario | str | Path,
                   weeks: int = 13, every: int = 4, outcome: str = "nuclear_use", *,
                   target_ess: int = nowcasts.TARGET_ESS, max_worlds: int = nowcasts.MAX_WORLDS,
                   seed: int = 0, changes: Mapping[str, Any] | None = None, record: Any = None,
                   workers: int | None = None,
                   war: bool = False) -> list[series_of.ViewSeries]:
    """Each view's nowcast every ``every`` weeks, beside the forecasts, and its scores.

    ``series[0].points`` is the risk over time, ``.beside`` the view's answers to the
    forecasters' questions on their dates, ``.log_score`` the prequential score (docs/howto/
    nowcast.md). ``war=True``: every date of the whole war (``_whole_war``).
    """
    from simulator.evidence import nowcast_series as series_of

    if isinstance(scenarios, str | Path | Scenario):
        scenarios = [scenarios]
    views, record = _whole_war([scenario(s, changes) for s in scenarios], record, war)
    return series_of.series(views, weeks, every, outcome, target=target_ess, cap=max_worlds,
                            seed=seed, record=record, workers=workers)


def _whole_war(views: list[Scenario], record: Any, war: bool) -> tuple[list[Scenario], Any]:
    """The views and the record as asked; over the whole war if ``war``.

    The whole war: the record year (``record``, default scenarios/record.yaml) with the
    held-out years' events and the later forecasts, each view over 156 weeks with the
    held-out events scheduled (``simulator.evidence.war``). Answers after 21 Sep 2023 are
    held-out tests (docs/HELD_OUT.md).
    """
    if not war:
        return views, record
    from simulator.evidence import war as wars

    return [wars.scenario(view) for view in views], wars.record(record)
