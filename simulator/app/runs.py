"""Simulation results for the pages, cached per (scenario, worlds, seed).

``st.cache_data`` is shared by every session and hands out a copy on each hit, so the
cached values are small summaries: estimates, per-week shares, the chain funnel and the
per-world outcome columns that paired differences need (about 0.3 MB for 10,000 worlds),
and the backtests against the record of the year, never the whole batch.

The simulations run on the process pool of ``simulator.app.compute`` (one per server, shared by
every session), which sends back the summaries alone. A run of more than DEFAULT_WORLDS worlds
can be shown first from its first FIRST_WORLDS worlds (``worlds_now``): world i is the same
world whatever the run's size, so the first estimate is exactly part of the full run.
"""

import threading
import time
import types
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from simulator.app import compute
from simulator.app.compute import FAN_QUANTILES as FAN_QUANTILES  # the charts' quantiles, shared
from simulator.app.compute import HEADLINE_OUTCOMES, RunSummary, ViewRow
from simulator.app.scenarios import Choice, presets
from simulator.evidence import claims, record
from simulator.results import analysis
from simulator.studies import sobol, story, uncertainty, unknowns

WORLD_OPTIONS = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000)
DEFAULT_WORLDS = 10_000
"""Worlds per batch on every page unless the user picks another size."""
FIRST_WORLDS = 5_000
"""Worlds of the first estimate a page shows while a longer run (over DEFAULT_WORLDS) ends."""
HEADLINE = HEADLINE_OUTCOMES
"""The outcomes Explore shows first, in this order."""
CHECK_RUNS, CHECK_SEED = 20_000, 1
"""The claim checks' own defaults (``claims.verdicts``), so the app shows the same verdicts."""


@st.cache_resource
def _jobs() -> compute.Jobs:
    """The runs started on the pool by any session (one registry per server)."""
    return compute.Jobs()


@st.cache_data(max_entries=256, show_spinner=False)
def summary(choice: Choice, runs: int, seed: int, uncertainty: bool = False) -> RunSummary:
    """Run ``runs`` worlds of the choice from ``seed`` (on the pool) and summarise them.

    ``uncertainty``: draw the scenario's ranges where it can (``compute.summarise``).
    """
    return _jobs().answer(compute.summarise, choice, runs, seed, uncertainty)


def _tasks(choices: Iterable[Choice], runs: int, seed: int, views: bool,
           uncertainty: bool = False) -> list[tuple[Callable, ...]]:
    """The pool's tasks behind ``summary`` of each choice (and ``views``, if asked)."""
    return [*((compute.summarise, choice, runs, seed, uncertainty) for choice in choices),
            *((compute.view_row, name, runs, seed, uncertainty)
              for name in presets() if views)]


def ready(choices: Iterable[Choice], runs: int, seed: int, views: bool = False,
          start: bool = True, uncertainty: bool = False) -> bool:
    """Whether ``summary`` of every choice (and ``views``) answers at once.

    With ``start``, any of their runs not started yet is started on the pool.
    """
    jobs = _jobs()
    return all([jobs.finished(*task, start=start)
                for task in _tasks(choices, runs, seed, views, uncertainty)])


def worlds_now(choices: Iterable[Choice], runs: int, seed: int, views: bool = False,
               uncertainty: bool = False) -> int:
    """How many worlds a page shows now: ``runs``, or FIRST_WORLDS while a longer run ends.

    Up to DEFAULT_WORLDS, or once the full runs finished: ``runs``. Otherwise the first
    estimate's runs are started, then the full ones (the pool takes them in that order, so
    the first estimate comes first), and the page shows FIRST_WORLDS until ``ready``.
    In-process (no pool), a page waits for the full runs, as before the pool.
    """
    choices = list(dict.fromkeys(choices))
    if runs <= DEFAULT_WORLDS or not compute.workers() \
            or ready(choices, runs, seed, views, start=False, uncertainty=uncertainty):
        return runs
    for task in _tasks(choices, FIRST_WORLDS, seed, views, uncertainty):
        _jobs().start(*task)
    # starts the full runs, behind the first estimate's
    ready(choices, runs, seed, views, uncertainty=uncertainty)
    return FIRST_WORLDS


def difference(a: RunSummary, b: RunSummary, outcome: str) -> analysis.Difference:
    """Paired difference ``a - b`` of one outcome (both batches on the same seed)."""
    return analysis.paired_difference(a.outcomes[outcome], b.outcomes[outcome],
                                      binary=outcome in analysis.PROBABILITY_OUTCOMES)


def _clear(diff: analysis.Difference) -> bool:
    """Whether a paired difference is clear of the noise (its interval excludes zero)."""
    return diff.ci_low > 0 or diff.ci_high < 0


def largest_differences(labels: list[str], results: list[RunSummary], size: int = 4,
                        first: str | None = None) -> list[dict]:
    """The probability outcomes that differ most from the first scenario, largest first.

    One row per outcome (at most ``size``): the scenario furthest from the reference on
    it, with both probabilities. Outcomes whose differences are all within the noise are
    left out. Each row also lists every scenario's difference (``all``), for the chart.
    ``first``: an outcome put first whatever its size (the page's question), if it is clear.
    """
    reference = results[0]
    found = []
    for name in analysis.PROBABILITY_OUTCOMES:
        diffs = [(label, result, difference(result, reference, name))
                 for label, result in zip(labels[1:], results[1:], strict=True)]
        clear = [d for d in diffs if _clear(d[2])]
        if not clear:
            continue
        label, result, diff = max(clear, key=lambda d: abs(d[2].difference))
        found.append({"outcome": name, "view": label, "diff": diff,
                      "p": result.estimates[name].estimate,
                      "p_ref": reference.estimates[name].estimate, "all": diffs})
    found.sort(key=lambda row: (row["outcome"] != first, -abs(row["diff"].difference)))
    return found[:size]


@dataclass(frozen=True)
class _Drawn:
    """A summary read as ``uncertainty.across_views`` reads a batch run with uncertainty."""

    scenario: types.SimpleNamespace  # its ``name``
    predictive: dict
    blocks: object  # results.stats.BlockStats
    uncertain: bool = True


def views_spread(labels: list[str], results: list[RunSummary],
                 outcome: str = "nuclear_use") -> uncertainty.ViewsSpread | None:
    """``outcome`` pooled over several views' runs, and the parts of its spread.

    The study's own computation (``simulator.studies.uncertainty.across_views``, as
    ``compare --uncertainty``) on the summaries' block statistics: the views weighed alike,
    the variance split into their disagreement, their own ranges and simulation noise.
    None unless there are two views or more and every one drew its ranges.
    """
    if len(results) < 2 or any(result.blocks is None for result in results):
        return None
    return uncertainty.across_views(
        [_Drawn(types.SimpleNamespace(name=label), result.predictive, result.blocks)
         for label, result in zip(labels, results, strict=True)], outcome)


@st.cache_data(max_entries=16, show_spinner=False)
def views(runs: int, seed: int, uncertainty: bool = False) -> list[ViewRow]:
    """Every preset's P(nuclear use), P(nuclear order) and share of orders stopped.

    The presets run side by side on the pool; ``uncertainty`` as for ``summary``.
    """
    jobs = _jobs()
    for name in presets():
        jobs.start(compute.view_row, name, runs, seed, uncertainty)
    return [jobs.answer(compute.view_row, name, runs, seed, uncertainty) for name in presets()]


@st.cache_data(max_entries=16, show_spinner=False)
def backtest(name: str, runs: int, seed: int) -> record.ViewBacktest:
    """One preset scored against the record of the year (``simulator.evidence.record``).

    Only the small ``ViewBacktest`` is cached, never the per-world columns it is made from.
    """
    return _jobs().answer(compute.backtest, name, runs, seed)


def outcome_table(result: RunSummary, reference: RunSummary | None = None) -> pd.DataFrame:
    """Every outcome's estimate and interval, and its paired difference from ``reference``.

    A run that drew the ranges adds the predictive interval (``pi_low``, ``pi_high``) of the
    outcomes it carries one for (the headline's; empty for the others).
    """
    rows = []
    for name, label in analysis.OUTCOMES.items():
        est = result.estimates[name]
        row = {"outcome": name, "label": label, "estimate": est.estimate,
               "ci_low": est.ci_low, "ci_high": est.ci_high, "worlds": est.n}
        if result.predictive is not None:
            found = result.predictive.get(name)
            row |= {"pi_low": found.pi_low if found else None,
                    "pi_high": found.pi_high if found else None}
        if reference is not None:
            diff = difference(result, reference, name)
            row |= {"reference_estimate": reference.estimates[name].estimate,
                    "difference": diff.difference, "difference_ci_low": diff.ci_low,
                    "difference_ci_high": diff.ci_high, "p_value": diff.p_value}
        rows.append(row)
    return pd.DataFrame(rows)


def worlds_csv(choice: Choice, runs: int, seed: int) -> bytes:
    """Every world's outcomes as CSV; run only when the user asks for the download."""
    return compute.call(compute.worlds_csv, choice, runs, seed)


@st.cache_data(max_entries=64, show_spinner=False)
def world_story(choice: Choice, seed: int, world: int) -> list[story.Week]:
    """The week-by-week story of one world."""
    return story.tell(choice.scenario(), seed, world)


@st.cache_data(max_entries=2, show_spinner=False)
def claim_verdicts() -> dict[str, claims.Verdict]:
    """Every claim check under its preset and its falsifier, by claim id.

    About 15 s once, then shared by all sessions.
    """
    return {v.claim.id: v for v in claims.verdicts(CHECK_RUNS, CHECK_SEED)}


@st.cache_data(max_entries=32, show_spinner=False)
def sensitivity(choice: Choice, ranges: tuple[tuple[str, float, float], ...], outcome: str,
                samples: int, runs_per_point: int, seed: int) -> pd.DataFrame:
    """Sobol' indices of ``outcome`` over ``ranges`` (``simulator.studies.sobol``), ranked."""
    # workers=1: in this process, so one user's analysis leaves the other core to the
    # sessions moving sliders (and no worker re-imports Streamlit as its __main__).
    result = sobol.sensitivity(
        choice.scenario(), {name: (low, high) for name, low, high in ranges}, outcome=outcome,
        samples=samples, runs_per_point=runs_per_point, seed=seed, workers=1)
    return result.to_pandas()


# --- Sobol' indices computed in the background, with their progress ------------------------

SECONDS_PER_POINT = 0.075
SECONDS_PER_WORLD = 0.000055
"""A point of a sensitivity design costs about SECONDS_PER_POINT + worlds x SECONDS_PER_WORLD
in this process (measured on the project's 2-core machines); the first estimate of a job's
time, corrected by the jobs that finished (``_speed``) and by the job's own progress."""
MAX_JOBS = 32


@dataclass
class SensitivityJob:
    """One Sobol' computation running in a background thread (shared by every session).

    Attributes:
        points: Model points in the design (samples x (parameters + 2)).
        predicted: Seconds it should take, from the cost model.
        done: Batches of worlds finished (``on_progress``).
        total: Batches in all (0 until the runner starts).
        result: The ranked table, once finished.
        error: The exception, if the computation failed.
        noise_share: Over the preset's ranges, at most this share of the output's variance
            is simulation noise (``unknowns.Unknowns.noise_share``); else None.
    """

    points: int
    predicted: float
    started: float = 0.0
    finished_at: float = 0.0
    done: int = 0
    total: int = 0
    result: pd.DataFrame | None = None
    error: BaseException | None = None
    noise_share: float | None = None

    @property
    def finished(self) -> bool:
        """Whether the computation ended (with a result or an error)."""
        return self.result is not None or self.error is not None

    def elapsed(self) -> float:
        """Seconds since the start (until the end once finished)."""
        return (self.finished_at or time.perf_counter()) - self.started

    def seconds_left(self) -> float:
        """Estimated seconds to the end.

        From the batches done once there are some, else from the cost model.
        """
        elapsed = self.elapsed()
        if self.done and self.total:
            by_progress = elapsed * (self.total - self.done) / self.done
            # after the last batch the indices and their bootstrap take a moment still
            return max(0.5, by_progress)
        return max(0.5, self.predicted - elapsed)

    def fraction(self) -> float:
        """Share done, for a progress bar (never 1 before the end)."""
        if self.finished:
            return 1.0
        elapsed = self.elapsed()
        return min(0.99, elapsed / (elapsed + self.seconds_left()))


_JOBS_LOCK = threading.Lock()


@st.cache_data(max_entries=16, show_spinner=False)
def discovery(choice: Choice, ranges: tuple[tuple[str, float, float], ...], outcome: str,
              points: int, runs_per_point: int, seed: int) -> dict:
    """Where ``outcome`` is high over the ranges (PRIM), as plain numbers."""
    from simulator.studies import discovery as scenario_discovery

    found = scenario_discovery.discover(
        choice.scenario(), {name: (low, high) for name, low, high in ranges}, outcome=outcome,
        points=points, runs_per_point=runs_per_point, seed=seed)
    return {**found.summary(), "ranges": {name: (low, high) for name, low, high in ranges}}


@st.cache_resource
def _sensitivity_jobs() -> dict:
    """Every session's Sobol' jobs by setting; a finished one is shown at once to anyone."""
    return {}


@st.cache_resource
def _speed() -> list[float]:
    """Measured / predicted seconds of the jobs that finished (the last few)."""
    return []


def unknown_count(choice: Choice) -> int:
    """How many of the choice's ranges a Sobol' analysis over them varies (0: none)."""
    return sum(not rng.collapsed for rng in choice.scenario().ranges.values())


def sensitivity_job(choice: Choice, ranges: tuple[tuple[str, float, float], ...] | str,
                    outcome: str, samples: int, runs_per_point: int, seed: int,
                    start: bool = True) -> SensitivityJob | None:
    """The Sobol' job for this setting: finished, running, or (``start``) started now.

    It runs ``sobol.sensitivity`` from a background thread, so the page can draw a
    progress bar while it waits; the points run on the app's shared pool (in this process
    with ``SIMULATOR_APP_WORKERS=0``), so other users' pages stay quick. Its table is the
    same as ``sensitivity``'s. ``ranges="ranges"`` varies the preset's own ranges, each
    drawn from its distribution (``unknowns.unknowns``: which unknowns matter most).
    Without ``start``, None when nobody asked for it yet.
    """
    key = (choice, ranges, outcome, samples, runs_per_point, seed)
    jobs = _sensitivity_jobs()
    with _JOBS_LOCK:
        job = jobs.get(key)
        if job is not None and job.error is None:
            return job
        if not start:
            return None
        inputs = unknown_count(choice) if ranges == unknowns.RANGES else len(ranges)
        points = samples * (inputs + 2)
        speed = _speed()
        factor = float(np.median(speed)) if speed else 1.0
        job = SensitivityJob(points, factor * points * (SECONDS_PER_POINT
                                                         + runs_per_point * SECONDS_PER_WORLD))
        job.started = time.perf_counter()
        jobs[key] = job
        finished = [k for k, j in jobs.items() if j.finished]
        for old in finished[:max(0, len(jobs) - MAX_JOBS)]:
            del jobs[old]

    def progress(done: int, total: int) -> None:
        job.done, job.total = done, total

    def analyse() -> None:
        try:
            options = {"outcome": outcome, "samples": samples, "runs_per_point": runs_per_point,
                       "seed": seed, "workers": 1, "on_progress": progress,
                       "executor": compute.SharedPool() if compute.workers() else None}
            if ranges == unknowns.RANGES:
                result = unknowns.unknowns(choice.scenario(), **options)
                job.noise_share = result.noise_share()
            else:
                result = sobol.sensitivity(
                    choice.scenario(), {name: (low, high) for name, low, high in ranges},
                    **options)
            job.finished_at = time.perf_counter()
            job.result = result.to_pandas()
            speed.append(job.elapsed() / job.predicted * factor)
            del speed[:-8]
        except BaseException as error:  # shown by the page, logged there
            job.finished_at = time.perf_counter()
            job.error = error

    threading.Thread(target=analyse, name="sensitivity", daemon=True).start()
    return job
