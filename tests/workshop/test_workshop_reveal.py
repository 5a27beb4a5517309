"""The reveal's analysis (simulator/workshop/results.py, revealed.py), checked against
direct engine runs on the same seed: common random numbers, one-at-a-time attribution,
worker processes, and answers prepared as they come in.
"""

import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor

import pytest
from support.apptest import ok
from support.workshop import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _room,
    answer,
    join,
    paired,
)

from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine
from simulator.workshop import results, revealed

pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)


def test_the_reveal_uses_common_random_numbers_and_one_at_a_time_attribution(store, room):
    code, key = room
    for name, params in (("A", {"chain.layers": 2}), ("B", {"chain.layers": 4}),
                         ("C", {"west.influence": 0.9, "chain.layers": 7})):
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.1, None, params)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=2_000, allowed=ALLOWED))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    base = engine.run(load("baseline"), 2_000, results.SEED, workers=1)
    two = engine.run(load("baseline").with_overrides({"chain.layers": 2}), 2_000, results.SEED,
                     workers=1)
    row = shown.rows[0]
    assert row.use.estimate == two.estimates["nuclear_use"].estimate
    assert row.difference == analysis.paired_difference(
        two.columns["nuclear_use"], base.columns["nuclear_use"], binary=True)
    assert shown.base.estimate == base.estimates["nuclear_use"].estimate
    # C's two changes, each alone from the base, and what they do together beyond the sum.
    c = shown.rows[2]
    alone = {change.parameter: change.effect.difference for change in c.attribution}
    assert alone["chain.layers"] == pytest.approx(paired({"chain.layers": 7}))
    assert alone["west.influence"] == pytest.approx(paired({"west.influence": 0.9}))
    assert c.interaction == pytest.approx(c.difference.difference - sum(alone.values()))
    assert [ch.parameter for ch in c.attribution] == sorted(alone, key=lambda n: -abs(alone[n]))
    # The room: every parameter somebody changed, with everyone's effect; mean absolute first.
    layers = next(e for e in shown.effects if e["parameter"] == "chain.layers")
    assert layers["changed_by"] == 3
    effects = [paired({"chain.layers": n}) for n in (2, 4, 7)]
    assert layers["mean_abs"] == pytest.approx(sum(abs(e) for e in effects) / 3)
    assert [e["name"] for e in layers["individual"]] == ["A", "B", "C"]
    assert shown.moved_effects[0]["mean_abs"] >= shown.moved_effects[-1]["mean_abs"]


def test_a_large_reveal_in_worker_processes_gives_the_same_numbers(store, room, monkeypatch):
    """Past POOL_AT new scenarios the reveal uses worker processes: same worlds, same bytes."""
    code, key = room
    for i in range(4):
        _, token = store.join(code, f"P{i}")
        store.submit(code, token, 1, 0.1, None,
                     {"chain.layers": 2 + i, "west.influence": round(0.2 * i, 1)})
    round_, answers = store.current_round(code), store.submissions(code)
    results.clear_cache()
    monkeypatch.setenv(results.WORKERS_ENV, "1")
    here = results.compute(round_, answers, runs=1_000, allowed=ALLOWED)
    results.clear_cache()
    monkeypatch.setenv(results.WORKERS_ENV, "2")
    monkeypatch.setattr(results, "POOL_AT", 2)
    seen = []
    pooled = results.compute(round_, answers, runs=1_000, allowed=ALLOWED, progress=seen.append)
    assert seen and seen[-1] == pooled[answers[0].participant_id]["round"]["simulated"]
    strip = ("seconds",)
    for pid in here:
        assert {k: v for k, v in here[pid].items() if k != "round"} == \
            {k: v for k, v in pooled[pid].items() if k != "round"}
        assert {k: v for k, v in here[pid]["round"].items() if k not in strip} == \
            {k: v for k, v in pooled[pid]["round"].items() if k not in strip}
    results.clear_cache()


def _answers(store, code: str) -> tuple:
    for i, params in enumerate(({"chain.layers": 3}, {"west.influence": 0.2},
                                {"chain.layers": 7, "west.influence": 0.9})):
        _, token = store.join(code, f"P{i}")
        store.submit(code, token, 1, 0.1, None, params)
    return store.current_round(code), store.submissions(code)


def _in_process(fn, *args) -> Future:
    done = Future()
    done.set_result(fn(*args))
    return done


def _without_timing(revealed: dict) -> dict:
    return {pid: {**mine, "round": {k: v for k, v in mine["round"].items()
                                    if k not in ("seconds", "simulated")}}
            for pid, mine in revealed.items()}


def test_answers_prepared_as_they_come_leave_the_reveal_nothing_to_simulate(store, room):
    """Preparing each answer when it is submitted gives the reveal's own numbers, at once."""
    round_, answers = _answers(store, room[0])
    results.clear_cache()
    cold = results.compute(round_, answers, runs=1_000, allowed=ALLOWED)
    assert cold[answers[0].participant_id]["round"]["simulated"] == 6  # base, 3 own, 2 alone
    results.clear_cache()
    started = [results.prepare(round_, a.params, _in_process, runs=1_000) for a in answers]
    assert all(started)
    assert results.prepare(round_, answers[0].params, _in_process, runs=1_000) is None  # known
    prepared = results.compute(round_, answers, runs=1_000, allowed=ALLOWED)
    assert prepared[answers[0].participant_id]["round"]["simulated"] == 0
    assert _without_timing(prepared) == _without_timing(cold)
    results.clear_cache()


class _Watched(Future):
    """A Future that says when someone starts waiting for it."""

    def __init__(self):
        super().__init__()
        self.waited = threading.Event()

    def result(self, timeout=None):
        self.waited.set()
        return super().result(timeout)


def test_the_reveal_waits_for_a_preparation_still_running(store, room):
    round_, answers = _answers(store, room[0])
    results.clear_cache()
    running, jobs = _Watched(), []
    results.prepare(round_, answers[2].params, lambda fn, *args: jobs.append((fn, args)) or running,
                    runs=1_000)
    with ThreadPoolExecutor(1) as reveal_thread:
        reveal = reveal_thread.submit(results.compute, round_, answers[2:], runs=1_000)
        deadline = time.monotonic() + 120
        while not (running.waited.is_set() or reveal.done()) and time.monotonic() < deadline:
            running.waited.wait(0.05)
        assert running.waited.is_set() and not reveal.done()
        (fn, args), = jobs
        running.set_result(fn(*args))
        revealed = reveal.result(timeout=600)
    assert revealed[answers[2].participant_id]["round"]["simulated"] == 0
    results.clear_cache()
    assert _without_timing(results.compute(round_, answers[2:], runs=1_000)) == \
        _without_timing(revealed)
    results.clear_cache()


def test_a_failed_preparation_leaves_the_reveal_to_simulate_it(store, room):
    round_, answers = _answers(store, room[0])
    results.clear_cache()
    lost = Future()
    lost.set_exception(RuntimeError("worker died"))
    results.prepare(round_, answers[0].params, lambda fn, *args: lost, runs=1_000)
    revealed = results.compute(round_, answers[:1], runs=1_000)
    assert revealed[answers[0].participant_id]["round"]["simulated"] == 2  # base, own
    results.clear_cache()


def test_a_submitted_answer_is_simulated_for_the_reveal_in_the_background(store, room):
    code, _ = room
    results.clear_cache()
    at = answer(join(code, "Ana"), 12.5, {"chain.layers": 3})
    assert ok(at) and "Answer saved" in at.success[0].value
    round_ = store.current_round(code)
    needed = results.answer_scenarios(round_, {"chain.layers": 3})
    assert len(needed) == 3
    deadline = time.monotonic() + 300
    while not results.cached(needed) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert results.cached(needed)
    results.clear_cache()
