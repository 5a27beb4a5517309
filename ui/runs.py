"""Simulation results for the pages, cached per (scenario, worlds, seed).

``st.cache_data`` is shared by every session and hands out a copy on each hit, so the
cached values are small summaries: estimates, per-week shares, the chain funnel and the
per-world outcome columns that paired differences need (about 0.3 MB for 10,000 worlds),
and the backtests against the record of the year, never the whole batch.
"""

import threading
import time
from dataclasses import dataclass

import numpy as np
import pandas as pd
import streamlit as st

from simulator import analysis, claims, engine, experiments, ladder, record, story
from simulator.agents.command_chain import layer_names
from simulator.scenario import load
from ui.scenarios import Choice, presets

WORLD_OPTIONS = (1_000, 2_000, 5_000, 10_000, 20_000, 50_000)
DEFAULT_WORLDS = 10_000
"""Worlds per batch on every page unless the user picks another size."""
HEADLINE = ("nuclear_order", "nuclear_use", "order_blocked", "leader_ousted", "nato_involved",
            "war_ongoing")
"""The outcomes Explore shows first, in this order."""
FAN_QUANTILES = (0.05, 0.25, 0.5, 0.75, 0.95)
CHECK_RUNS, CHECK_SEED = 20_000, 1
"""The claim checks' own defaults (``claims.verdicts``), so the app shows the same verdicts."""


@dataclass(frozen=True)
class RunSummary:
    """What the pages draw from one batch.

    Attributes:
        runs: Number of worlds.
        estimates: Every outcome's estimate with its 95% interval.
        outcomes: One value per world for each outcome (for paired differences).
        highest_rung: Share of worlds whose highest rung is each rung.
        funnel: Orders issued, refused at and passed each layer, executed (all weeks).
        layers: Names of the command layers.
        weekly: Per-week shares of worlds on each rung and having seen each event.
        use_low: Lower 95% bound of the cumulative probability of use, per week.
        use_high: Upper 95% bound of the same.
        rung_quantiles: Per-week quantiles (FAN_QUANTILES) of the rung across worlds.
        mean_rung: Per-week mean rung across worlds.
    """

    runs: int
    estimates: dict[str, analysis.Estimate]
    outcomes: dict[str, np.ndarray]
    highest_rung: np.ndarray
    funnel: dict
    layers: list[str]
    weekly: dict[str, np.ndarray]
    use_low: np.ndarray
    use_high: np.ndarray
    rung_quantiles: np.ndarray
    mean_rung: np.ndarray

    def stopped_share(self) -> float:
        """Share of nuclear orders the chain stopped (nan when no order was given)."""
        issued = self.funnel["issued"]
        return 1 - self.funnel["executed"] / issued if issued else float("nan")


def _rung_fan(weekly: dict[str, np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Quantiles and mean of the rung per week, from the share of worlds on each rung."""
    shares = np.column_stack([weekly[f"rung_{r.level}"] for r in ladder.RUNGS])
    return analysis.rung_quantiles(shares, FAN_QUANTILES), shares @ np.arange(len(ladder.RUNGS))


@st.cache_data(max_entries=256, show_spinner=False)
def summary(choice: Choice, runs: int, seed: int) -> RunSummary:
    """Run ``runs`` worlds of the choice from ``seed`` (in this process) and summarise them."""
    batch = engine.run(choice.scenario(), runs, seed, workers=1)
    weekly = {name: share for name, share in batch.weekly_shares().items()
              if name.startswith("rung_") or name in analysis.PROBABILITY_OUTCOMES}
    use_so_far = analysis.cumulative_incidence(np.rint(weekly["nuclear_use"] * runs), runs)
    quantiles, mean_rung = _rung_fan(weekly)
    return RunSummary(
        runs=runs,
        estimates=batch.estimates,
        outcomes={name: batch.columns[name] for name in analysis.OUTCOMES},
        highest_rung=analysis.rung_distribution(batch.columns),
        funnel=batch.chain_funnel(),
        layers=layer_names(batch.scenario.parameters["chain.layers"]),
        weekly=weekly,
        use_low=use_so_far["ci_low"],
        use_high=use_so_far["ci_high"],
        rung_quantiles=quantiles,
        mean_rung=mean_rung,
    )


def difference(a: RunSummary, b: RunSummary, outcome: str) -> analysis.Difference:
    """Paired difference ``a - b`` of one outcome (both batches on the same seed)."""
    return analysis.paired_difference(a.outcomes[outcome], b.outcomes[outcome],
                                      binary=outcome in analysis.PROBABILITY_OUTCOMES)


def _clear(diff: analysis.Difference) -> bool:
    """Whether a paired difference is clear of the noise (its interval excludes zero)."""
    return diff.ci_low > 0 or diff.ci_high < 0


def largest_differences(labels: list[str], results: list[RunSummary], size: int = 4) -> list[dict]:
    """The probability outcomes that differ most from the first scenario, largest first.

    One row per outcome (at most ``size``): the scenario furthest from the reference on
    it, with both probabilities. Outcomes whose differences are all within the noise are
    left out. Each row also lists every scenario's difference (``all``), for the chart.
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
    found.sort(key=lambda row: -abs(row["diff"].difference))
    return found[:size]


@dataclass(frozen=True)
class ViewRow:
    """One preset in the 'nuclear use by expert view' strip."""

    preset: str
    use: analysis.Estimate
    order: analysis.Estimate
    stopped: float


@st.cache_data(max_entries=16, show_spinner=False)
def views(runs: int, seed: int) -> list[ViewRow]:
    """Every preset's P(nuclear use), P(nuclear order) and share of orders stopped."""
    rows = []
    for name in presets():
        result = summary(Choice(name), runs, seed)
        rows.append(ViewRow(name, result.estimates["nuclear_use"],
                            result.estimates["nuclear_order"], result.stopped_share()))
    return rows


@st.cache_data(max_entries=16, show_spinner=False)
def backtest(name: str, runs: int, seed: int) -> record.ViewBacktest:
    """One preset scored against the record of the year (``simulator.record``).

    Only the small ``ViewBacktest`` is cached, never the per-world columns it is made from.
    """
    scenario = load(name)
    batch = engine.run(scenario, runs, seed, workers=1)
    return record.backtest_columns(name, batch.columns, scenario.parameters["horizon_weeks"])


def outcome_table(result: RunSummary, reference: RunSummary | None = None) -> pd.DataFrame:
    """Every outcome's estimate and interval, and its paired difference from ``reference``."""
    rows = []
    for name, label in analysis.OUTCOMES.items():
        est = result.estimates[name]
        row = {"outcome": name, "label": label, "estimate": est.estimate,
               "ci_low": est.ci_low, "ci_high": est.ci_high, "worlds": est.n}
        if reference is not None:
            diff = difference(result, reference, name)
            row |= {"reference_estimate": reference.estimates[name].estimate,
                    "difference": diff.difference, "difference_ci_low": diff.ci_low,
                    "difference_ci_high": diff.ci_high, "p_value": diff.p_value}
        rows.append(row)
    return pd.DataFrame(rows)


def worlds_csv(choice: Choice, runs: int, seed: int) -> bytes:
    """Every world's outcomes as CSV; run only when the user asks for the download."""
    return engine.run(choice.scenario(), runs, seed, workers=1).to_pandas().to_csv(
        index=False).encode()


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
    """Sobol' indices of ``outcome`` over ``ranges`` (``simulator.experiments``), ranked."""
    # workers=1: in this process, so one user's analysis leaves the other core to the
    # sessions moving sliders (and no worker re-imports Streamlit as its __main__).
    result = experiments.sensitivity(
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
    """

    points: int
    predicted: float
    started: float = 0.0
    finished_at: float = 0.0
    done: int = 0
    total: int = 0
    result: pd.DataFrame | None = None
    error: BaseException | None = None

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
    from simulator import discovery as scenario_discovery

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


def sensitivity_job(choice: Choice, ranges: tuple[tuple[str, float, float], ...], outcome: str,
                    samples: int, runs_per_point: int, seed: int,
                    start: bool = True) -> SensitivityJob | None:
    """The Sobol' job for this setting: finished, running, or (``start``) started now.

    It runs ``experiments.sensitivity`` in this process (workers=1, as ``sensitivity``) in a
    background thread, so the page can draw a progress bar while it waits; its table is the
    same as ``sensitivity``'s. Without ``start``, None when nobody asked for it yet.
    """
    key = (choice, ranges, outcome, samples, runs_per_point, seed)
    jobs = _sensitivity_jobs()
    with _JOBS_LOCK:
        job = jobs.get(key)
        if job is not None and job.error is None:
            return job
        if not start:
            return None
        points = samples * (len(ranges) + 2)
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

    def compute() -> None:
        try:
            result = experiments.sensitivity(
                choice.scenario(), {name: (low, high) for name, low, high in ranges},
                outcome=outcome, samples=samples, runs_per_point=runs_per_point, seed=seed,
                workers=1, on_progress=progress)
            job.finished_at = time.perf_counter()
            job.result = result.to_pandas()
            speed.append(job.elapsed() / job.predicted * factor)
            del speed[:-8]
        except BaseException as error:  # shown by the page, logged there
            job.finished_at = time.perf_counter()
            job.error = error

    threading.Thread(target=compute, name="sensitivity", daemon=True).start()
    return job
