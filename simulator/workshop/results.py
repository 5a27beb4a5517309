"""Workshop results: the reveal's simulation, and the stored results read back for the board.

No Streamlit here: `compute` is the callback `WorkshopStore.reveal` runs; ``revealed.round_results``
(the module beside this one) turns a round's stored submissions into what the board, the
participant page and the report show. Everything is computed once, at the reveal, and
stored with the submissions, so a restart or a reload shows the same numbers without running
anything again.

How the reveal works (and why it is cheap and fair):

- Every scenario of a round runs ``RUNS`` worlds on the same ``SEED``: the same worlds with the
  same random draws (common random numbers). Two participants' results differ only because
  their assumptions differ, and each participant's paired difference from the round's base
  scenario has a narrow interval.
- **Attribution per participant.** For each of a participant's own changes, the base scenario
  is run with that change alone, and compared world by world with the base: how much that
  change alone moves the result. What the changes do together beyond the sum of their separate
  effects is the *interaction* (their total change minus the sum). One at a time from the
  base: honest about what it is, not a variance decomposition.
- **The room's assumptions.** For each parameter, the one-at-a-time effects of everyone who
  changed it: how many changed it, the mean absolute effect, the mean signed effect and the
  range. Three participants who each moved a different slider get three named rows with their
  effects; forty get the distribution.
- All the scenarios of a reveal (the base, every participant's, every one-at-a-time point) run
  together through `simulator.running.engine.run_many` (identical parameter sets once), and
  per-world outcomes are cached in this process, so a reveal after a restart of the page or a
  second round that repeats settings runs only what is new.
- **The model's own uncertainty.** When the round's base keeps ranges from its preset (the
  parameters the round did not set), it also runs once with ``uncertainty=True``: each block
  of 256 worlds draws its own assumptions from the ranges, which gives the 95% predictive
  interval the board sets beside the participants' own plausible ranges (and beside the
  Monte Carlo intervals, which are simulation noise only).
- **Prepared as the answers come in.** `prepare` starts, in the background, the scenarios one
  answer will need as soon as it is submitted; the reveal then finds them cached (or waits
  for those still running) and only does the arithmetic. Same seed, same worlds: the numbers
  are those of a reveal that ran everything itself.
"""

import json
import math
import os
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from functools import partial
from threading import Lock
from typing import Any

import numpy as np

from simulator.errors import SimulatorError
from simulator.evidence import record
from simulator.model.events import Event
from simulator.model.scenario import Scenario, load
from simulator.results import analysis
from simulator.results.batch import Batch
from simulator.running import engine, executor
from simulator.settings import current as current_settings
from simulator.workshop import dated
from simulator.workshop.labels import scalar

RUNS = 10_000
"""Worlds per scenario: P(use) near 7% to about +/-0.5 points; about 0.3 s a scenario."""
SEED = 0
"""One seed for every scenario of every round: common random numbers within and across rounds."""
RESULTS_VERSION = 3
"""Layout of the stored results dicts (``version`` key). 2: attribution per participant.
3: the round's ``predictive`` interval (the base across its preset's ranges), or None; and
``dated`` (`simulator.workshop.dated.summary`), None for a round without a date."""
GROUP = 6
"""Scenarios per `engine.run_many` call (the progress bar moves after each group)."""
POOL_AT = 12
"""A reveal with at least this many new scenarios runs them in worker processes."""
WORKERS_ENV = "WORKSHOP_REVEAL_WORKERS"
"""Environment variable: worker processes for a large reveal (1: in the app's process).
Default (unset or 0): 2, or 1 on a one-core machine. Read through ``simulator.settings``."""
CACHE_ENTRIES = 600
"""Per-world outcomes kept in memory (about 20 kB a scenario at 10,000 worlds)."""


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
    forecast: record.Forecast | None = None
    """The record's forecast (its id and dates): ``simulator.workshop.references``' texts."""

    @property
    def label(self) -> str:
        """Source, date and horizon, as the charts name it (unique per forecast)."""
        return f"{self.source}, {self.date}" + (f" → {self.horizon}" if self.horizon else "")

    @classmethod
    def of(cls, forecast: record.Forecast) -> "Reference":
        """A forecast of the record (``scenarios/record.yaml``) as the workshop shows it."""
        return cls(forecast.forecaster, _day(forecast.made), forecast.question,
                   forecast.figure("range "),
                   forecast.probability, forecast.low, forecast.high, _day(forecast.horizon),
                   forecast)


def _day(day) -> str:
    return f"{day.day} {day:%b %Y}"


REFERENCES = tuple(Reference.of(forecast) for forecast in record.default().scored_forecasts)
"""The forecasts of the time that the model can answer (unconditional, on nuclear use)."""
OUTCOME = "No Russian nuclear detonation (use or test) from 2022 through early 2026."


# --- the reveal ----------------------------------------------------------------------------

def round_scenario(preset: str, overrides: Mapping[str, Any],
                   scheduled: Sequence = ()) -> Scenario:
    """The round's base: the room's preset with the round's overrides (injects included).

    ``scheduled``: the events the round's injects scheduled (``Round.events``), added after
    the preset's own.
    """
    scenario = load(preset).with_overrides(dict(overrides))
    return scenario.with_events(list(scheduled)) if scheduled else scenario


def participant_scenario(preset: str, overrides: Mapping[str, Any],
                         changes: Mapping[str, Any], scheduled: Sequence = ()) -> Scenario:
    """A participant's scenario: the round's base with their own values on top.

    An event of the round after the participant's own horizon (they shortened it) is left
    out: it would come after the last week simulated, so it cannot change anything before.

    Raises:
        ParameterError: the values do not fit together (e.g. a per-layer list in the preset
            and another number of layers); the participant page checks this before submitting.
    """
    scenario = load(preset).with_overrides({**overrides, **changes})
    if not scheduled:
        return scenario
    horizon = scenario.parameters["horizon_weeks"]
    return scenario.with_events([event for event in scheduled if _week(event) < horizon])


def _week(event: Event | Mapping[str, Any]) -> int:
    """An event's week; one given by its date is kept (the scenario's checks read it)."""
    week = event.week if isinstance(event, Event) else event.get("week", -1)
    return week if isinstance(week, int) else -1


def own_changes(base_values: Mapping[str, Any], chosen: Mapping[str, Any]) -> dict[str, Any]:
    """The values of ``chosen`` that differ from the base (as the sliders show them)."""
    return {name: value for name, value in chosen.items()
            if name in base_values and not math.isclose(scalar(value), scalar(base_values[name]),
                                                         rel_tol=0, abs_tol=1e-9)}


Worlds = tuple[analysis.Estimate, np.ndarray, np.ndarray, np.ndarray]
"""What a reveal keeps of a scenario: P(nuclear use), per-world use, first refusing layer and
the week of the first use (-1: none; a dated round reads it from its day)."""


def _plan(round_, base_values: Mapping[str, Any],
          changes: Mapping[str, Any]) -> tuple[Scenario, dict[str, Scenario | None]]:
    """One answer's scenario, and the base with each of its changes alone.

    A change only valid together with another (a per-layer value for another number of
    layers) has None.

    Raises:
        SimulatorError, ValueError: the answer's values do not fit together.
    """
    scenario = participant_scenario(round_.preset, round_.overrides, changes, round_.events)
    singles: dict[str, Scenario | None] = {}
    for name, value in own_changes(base_values, changes).items():
        try:
            singles[name] = participant_scenario(round_.preset, round_.overrides, {name: value},
                                                 round_.events)
        except (SimulatorError, ValueError):
            singles[name] = None
    return scenario, singles


def answer_scenarios(round_, changes: Mapping[str, Any]) -> list[Scenario]:
    """The scenarios the reveal simulates for one answer.

    The round's base, the answer's own scenario, and the base with each change alone.
    """
    base = round_scenario(round_.preset, round_.overrides, round_.events)
    try:
        scenario, singles = _plan(round_, base.parameters, changes)
    except (SimulatorError, ValueError):  # the reveal reports it; nothing to simulate
        return [base]
    return [base, scenario, *(one for one in singles.values() if one is not None)]


_cache: OrderedDict[tuple, Any] = OrderedDict()
"""Per-world outcomes (`Worlds`) by `_key`, and predictive intervals by `_predictive_key`."""
_preparing: dict[tuple, Future] = {}
"""Scenarios `prepare` started and not yet cached, by key: the reveal waits for them."""
_cache_lock = Lock()


def cached(scenarios: Sequence[Scenario], runs: int = RUNS, seed: int = SEED) -> bool:
    """Whether every scenario's worlds are kept here, so a reveal would not run them again."""
    with _cache_lock:
        return all(_key(s, runs, seed) in _cache for s in scenarios)


def clear_cache() -> None:
    """Forget the per-world outcomes kept from earlier reveals (tests)."""
    with _cache_lock:
        _cache.clear()
        _preparing.clear()


def _keep(entries: Sequence[tuple[tuple, Worlds]]) -> None:
    """Cache simulated scenarios, forgetting the oldest past ``CACHE_ENTRIES``."""
    with _cache_lock:
        for key, worlds in entries:
            _cache[key] = worlds
            _cache.move_to_end(key)
        while len(_cache) > CACHE_ENTRIES:
            _cache.popitem(last=False)


def simulate(scenarios: Sequence[Scenario], runs: int = RUNS, seed: int = SEED,
             ranged: Sequence[Scenario] = ()) -> list[tuple[tuple, Any]]:
    """Run ``scenarios`` (and ``ranged`` across their ranges) here: what the cache keeps.

    This is what `prepare` sends to a worker process; only the per-world outcomes and the
    predictive intervals travel.
    """
    batches = engine.run_many(list(scenarios), runs, seed, workers=1) if scenarios else []
    return [*((_key(scenario, runs, seed), _worlds(batch))
              for scenario, batch in zip(scenarios, batches, strict=True)),
            *((_predictive_key(scenario, runs, seed), model_interval(scenario, runs, seed))
              for scenario in ranged)]


def model_interval(scenario: Scenario, runs: int = RUNS, seed: int = SEED,
                   pool: Any = None) -> dict[str, Any]:
    """P(nuclear use) of ``scenario`` across its ranges: the 95% predictive interval.

    Each block of 256 worlds draws its own values of the ranged parameters (``engine.run``
    with ``uncertainty=True``), on the same seed as the reveal's point runs. The interval
    says where the model's answer plausibly lies given what the preset leaves open; its
    Monte Carlo interval (``ci_low``/``ci_high``) is simulation noise only.

    Returns:
        ``pi_low``, ``pi_high``, the estimate and its Monte Carlo interval (``estimate``,
        ``ci_low``, ``ci_high``, ``n``), the shares of the spread (``simulation``,
        ``assumptions``) and ``ranges`` (how many parameters were ranged); or, when there is
        no interval to give (no range left, too few worlds), only ``note``, saying why.
    """
    if not scenario.has_ranges:
        return {"note": "the round's setting keeps no range from its preset"}
    try:
        batch = engine.run(scenario, runs, seed, workers=1 if pool is None else None,
                           executor=pool, keep_worlds=False, uncertainty=True)
    except SimulatorError as error:
        return {"note": str(error)}
    found = batch.predictive["nuclear_use"]
    return _numbers({**found.estimate.as_dict(), "pi_low": found.pi_low,
                     "pi_high": found.pi_high, **found.parts,
                     "ranges": len(scenario.ranges) or max(len(m.ranges) for m in scenario.pool)})


def _worlds(batch: Batch) -> Worlds:
    return (batch.estimates["nuclear_use"], np.asarray(batch.columns["nuclear_use"], bool),
            np.asarray(batch.columns["blocked_layer"], np.int16),
            np.asarray(batch.columns["use_week"], np.int16))


def prepare(round_, changes: Mapping[str, Any],
            start: Callable[..., Future], runs: int = RUNS, seed: int = SEED) -> Future | None:
    """Start simulating what the reveal will need for one answer, so the reveal is instant.

    Args:
        round_: The round answered (its preset and overrides make the base).
        changes: The participant's own values.
        start: Runs ``fn(*args)`` somewhere and returns its Future (the app's process pool;
            ``submit``-like).
        runs: Worlds per scenario (the reveal's).
        seed: The reveal's seed.

    Returns:
        The started Future, or None if everything is cached or running already. A failure
        costs nothing but time: the reveal then simulates what is missing itself.
    """
    todo: dict[tuple, Scenario] = {}
    ranged: dict[tuple, Scenario] = {}
    needed = answer_scenarios(round_, changes)
    for scenario in needed:
        key = _key(scenario, runs, seed)
        with _cache_lock:
            if key not in _cache and key not in _preparing:
                todo.setdefault(key, scenario)
    base = needed[0]  # the round's base: its interval across the preset's ranges too
    key = _predictive_key(base, runs, seed)
    with _cache_lock:
        if base.has_ranges and key not in _cache and key not in _preparing:
            ranged[key] = base
    if not todo and not ranged:
        return None
    future = start(simulate, list(todo.values()), runs, seed, list(ranged.values()))
    with _cache_lock:
        for key in (*todo, *ranged):
            _preparing[key] = future
    future.add_done_callback(partial(_prepared, (*todo, *ranged)))
    return future


def _prepared(keys: tuple[tuple, ...], future: Future) -> None:
    """A preparation finished: cache what it simulated (nothing if it failed)."""
    with _cache_lock:
        for key in keys:
            if _preparing.get(key) is future:
                del _preparing[key]
    if not future.cancelled() and future.exception() is None:
        _keep(future.result())


def _wait_for_prepared(keys: Sequence[tuple]) -> None:
    """Wait for the preparations running ``keys`` and cache their results (failures ignored)."""
    with _cache_lock:
        running = {id(f): f for key in keys if (f := _preparing.get(key)) is not None}
    for future in running.values():
        try:
            _keep(future.result())
        except Exception:  # noqa: BLE001 - a lost worker or a broken pool: simulate it here
            pass


def reveal_workers() -> int:
    """Worker processes for a large reveal (``WORKSHOP_REVEAL_WORKERS``, default 2).

    Raises:
        SettingError: the variable is not a whole number >= 0 (its message names it).
    """
    chosen = current_settings().reveal_workers
    return chosen if chosen else min(2, os.cpu_count() or 1)


def _key(scenario: Scenario, runs: int, seed: int) -> tuple:
    """The cache's key of a scenario's worlds: its hash (its parameters, or a pool's views)."""
    return scenario.hash, runs, seed


def _predictive_key(scenario: Scenario, runs: int, seed: int) -> tuple:
    """The cache's key of a scenario's predictive interval: its parameters and its ranges."""
    ranges = json.dumps([{name: rng.as_dict() for name, rng in drawn.items()} for drawn in
                         (scenario.ranges, *(member.ranges for member in scenario.pool))],
                        sort_keys=True)
    return "predictive", *_key(scenario, runs, seed), ranges


class _Runs:
    """Runs scenarios on one seed, each distinct parameter set once, and keeps the worlds."""

    def __init__(self, runs: int, seed: int, progress: Callable[[int], None] | None):
        self.runs, self.seed = runs, seed
        self._progress = progress
        self.simulated = 0
        self.distinct: set[tuple] = set()

    def run(self, scenarios: Sequence[Scenario], ranged: Sequence[Scenario] = ()) -> None:
        """Simulate those of ``scenarios`` not simulated (or cached) yet, in groups.

        ``ranged``: scenarios whose predictive interval is needed too (`model_interval`),
        run after the groups, on the same pool if there is one.
        """
        keys = [_key(scenario, self.runs, self.seed) for scenario in scenarios]
        intervals = [_predictive_key(scenario, self.runs, self.seed) for scenario in ranged]
        self.distinct.update(keys)
        _wait_for_prepared([*keys, *intervals])
        todo: dict[tuple, Scenario] = {}
        for key, scenario in zip(keys, scenarios, strict=True):
            with _cache_lock:
                known = key in _cache
            if not known:
                todo.setdefault(key, scenario)
        pending = list(todo.items())
        workers = reveal_workers() if len(pending) >= POOL_AT else 1
        # one pool for every group, replaced if a worker dies (a reveal must not fail for it)
        pool = executor.RenewingPool(workers) if workers > 1 else None
        try:
            size = GROUP * workers
            for start in range(0, len(pending), size):
                group = pending[start:start + size]
                batches = engine.run_many([s for _, s in group], self.runs, self.seed,
                                          workers=1 if pool is None else None, executor=pool)
                _keep([(key, _worlds(batch))
                       for (key, _), batch in zip(group, batches, strict=True)])
                self.simulated += len(group)
                if self._progress is not None:
                    self._progress(self.simulated)
            for key, scenario in zip(intervals, ranged, strict=True):
                with _cache_lock:
                    known = key in _cache
                if not known:
                    _keep([(key, model_interval(scenario, self.runs, self.seed, pool))])
        finally:
            if pool is not None:
                pool.shutdown(cancel_futures=True)

    def interval(self, scenario: Scenario) -> dict[str, Any]:
        """`model_interval` of ``scenario``, from the cache (run again if evicted)."""
        key = _predictive_key(scenario, self.runs, self.seed)
        with _cache_lock:
            found = _cache.get(key)
        if found is None:
            self.run([], [scenario])
            with _cache_lock:
                found = _cache[key]
        return found

    def __call__(self, scenario: Scenario) -> Worlds:
        """``(P(nuclear use), per-world nuclear_use, per-world blocked_layer)``."""
        key = _key(scenario, self.runs, self.seed)
        with _cache_lock:
            found = _cache.get(key)
        if found is None:  # evicted meanwhile (a very large room): run it again
            self.run([scenario])
            with _cache_lock:
                found = _cache[key]
        return found


def _numbers(values: Mapping[str, Any]) -> dict[str, Any]:
    """``values`` with NaN replaced by None: the store keeps strict JSON."""
    return {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in values.items()}


def _model_refusing_layer(blocked: np.ndarray, layers: int) -> tuple[int | None, list[float]]:
    """The layer that most often refused first, and each layer's share of worlds."""
    shares = analysis.blocked_layers({"blocked_layer": blocked}, layers)
    if not shares.any():
        return None, [float(s) for s in shares]
    return int(np.argmax(shares)) + 1, [float(s) for s in shares]


def _stored_value(value: Any) -> Any:
    return list(value) if isinstance(value, list | tuple) else value


def compute(round_, submissions: Sequence, runs: int = RUNS, seed: int = SEED,
            allowed: Sequence[str] = (),
            progress: Callable[[int], None] | None = None) -> dict[int, dict[str, Any]]:
    """The reveal: every participant's scenario, their attribution, and the room's analysis.

    Args:
        round_: The ``workshop.Round`` being revealed (preset and overrides).
        submissions: Its ``workshop.Submission`` list.
        runs: Worlds per scenario.
        seed: The seed every scenario shares.
        allowed: The parameters the room lets participants change (listed even if unmoved).
        progress: Called with the number of scenarios simulated so far.

    Returns:
        ``{participant_id: results}``. Each results dict holds the participant's own numbers
        (``nuclear_use``, ``difference`` from the base, ``attribution``: one entry per own
        change, ``interaction``) and, under ``round``, the round's numbers (the same for every
        participant: the store keeps results per submission, and this way a round's results
        are stored and read in one piece), among them ``predictive``: the base across its
        preset's ranges (`model_interval`).
    """
    started = time.perf_counter()
    simulate = _Runs(runs, seed, progress)
    base_scenario = round_scenario(round_.preset, round_.overrides, round_.events)
    base_values = base_scenario.parameters
    plans: dict[int, tuple[Scenario, dict[str, Scenario | None]]] = {}
    own: dict[int, dict[str, Any]] = {}
    for submission in submissions:
        try:
            plans[submission.participant_id] = _plan(round_, base_values, submission.params)
        except (SimulatorError, ValueError) as error:
            own[submission.participant_id] = {"error": str(error)}
    simulate.run([base_scenario, *(s for s, _ in plans.values()),
                  *(one for _, singles in plans.values() for one in singles.values()
                    if one is not None)], [base_scenario] if submissions else [])
    base_est, base_use, _, _ = simulate(base_scenario)
    day = getattr(round_, "as_of", None)
    by_parameter: dict[str, list[dict[str, Any]]] = {name: [] for name in allowed}
    for submission in submissions:
        pid = submission.participant_id
        if pid not in plans:
            continue
        scenario, singles = plans[pid]
        estimate, use, blocked, use_week = simulate(scenario)
        layers = scenario.parameters["chain.layers"]
        refusing, shares = _model_refusing_layer(blocked, layers)
        total = analysis.paired_difference(use, base_use, binary=True)
        attribution = []
        for name, single in singles.items():
            entry = {"parameter": name, "value": _stored_value(submission.params[name]),
                     "base_value": _stored_value(base_values[name]), "effect": None}
            if single is not None:
                _, single_use, _, _ = simulate(single)
                entry["effect"] = _numbers(
                    analysis.paired_difference(single_use, base_use, binary=True).as_dict())
                by_parameter.setdefault(name, []).append(
                    {"participant_id": pid, "name": submission.display_name,
                     "value": entry["value"], "difference": entry["effect"]["difference"]})
            attribution.append(entry)
        attribution.sort(key=lambda e: -abs(e["effect"]["difference"]) if e["effect"] else 0)
        separate = sum(e["effect"]["difference"] for e in attribution if e["effect"])
        own[pid] = {
            "nuclear_use": _numbers(estimate.as_dict()),
            "difference": _numbers(total.as_dict()),
            "attribution": attribution,
            "interaction": total.difference - separate if attribution else 0.0,
            "model_refusing_layer": refusing,
            "refusing_layer_shares": shares,
            "layers": layers,
            "from_day": None if day is None else _numbers(dated.from_day(
                use_week, day, base_values["horizon_weeks"]).as_dict()),
        }
    effects = []
    for name, entries in by_parameter.items():
        differences = [e["difference"] for e in entries]
        values = [scalar(e["value"]) for e in entries]
        effects.append({
            "parameter": name,
            "base_value": _stored_value(base_values[name]),
            "changed_by": len(entries),
            "mean_abs": float(np.mean(np.abs(differences))) if entries else 0.0,
            "mean": float(np.mean(differences)) if entries else 0.0,
            "min": min(differences, default=0.0),
            "max": max(differences, default=0.0),
            "low_value": min(values, default=None),
            "high_value": max(values, default=None),
            "individual": entries,
        })
    effects.sort(key=lambda e: (e["changed_by"] == 0, -e["mean_abs"], e["parameter"]))
    summary = {
        "version": RESULTS_VERSION,
        "runs": runs,
        "seed": seed,
        "base": _numbers(base_est.as_dict()),
        "predictive": simulate.interval(base_scenario) if submissions else None,
        # a dated round: the base given the record up to its day (about a second)
        "dated": dated.summary(getattr(round_, "as_of", None), base_scenario, seed)
        if submissions else None,
        "base_layers": base_values["chain.layers"],
        "horizon_weeks": base_values["horizon_weeks"],
        "effects": effects,
        "scenarios_run": len(simulate.distinct),
        "simulated": simulate.simulated,
        "seconds": round(time.perf_counter() - started, 2),
    }
    return {pid: {**results, "round": summary} for pid, results in own.items()}


def scenarios_to_run(submissions: Sequence, allowed: Sequence[str] = ()) -> int:
    """An upper bound on the scenarios a reveal simulates (for its progress bar)."""
    return 1 + sum(1 + len(s.params) for s in submissions)
