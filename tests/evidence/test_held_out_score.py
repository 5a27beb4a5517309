"""The held-out years can be posed: their events scheduled, their record scored.

Small runs only: the score that counts is read once, at 100,000 worlds, and reported in
docs/HELD_OUT.md with its commit (never tuned to).
"""

import numpy as np
import pytest

from simulator import cli
from simulator.evidence import held_out
from simulator.model.scenario import load


@pytest.fixture(scope="module")
def held():
    return held_out.load()


def test_every_scheduled_entry_becomes_an_event_within_the_horizon(held):
    scenario = held_out.scenario_for(load("kemp"), held)
    assert scenario.parameters["horizon_weeks"] == 156
    assert len(scenario.events) == len(held.schedule) == 9
    assert {e.label for e in scenario.events} == {entry["label"] for entry in held.schedule}
    kursk = next(e for e in scenario.events if e.label == "kursk-incursion")
    assert (kursk.kind, kursk.size, kursk.week) == ("incursion", 1000, 97)
    # the view's own values stay: only the horizon and the events are added
    assert scenario.parameters["chain.layers"] == load("kemp").parameters["chain.layers"]


def test_the_score_is_the_share_of_worlds_matching_every_event(held):
    [score] = held_out.score([load("baseline")], runs=2_000, seed=3, workers=1, held=held)
    shares = [e.estimate for e in score.per_event.values()]
    assert score.joint.estimate <= min(shares)
    assert score.log_score == pytest.approx(np.log((score.joint.estimate * 2_000 + 0.5) / 2_001))
    # a world given the Kursk incursion keeps it in its ledger (500-2000 km2 at the peak;
    # the worlds that miss are those where incursions of their own took it past 2000)
    assert score.per_event["kursk-held-in-2024"].estimate >= 0.8
    # 2024 is inside the horizon, so the ground changed in it is always known
    assert score.per_event["russian-net-gains-2024"].n == 2_000


def test_without_the_scheduled_incursion_the_ledger_event_fails_in_most_worlds(held):
    """The falsifying contrast: the Kursk entry is read from the schedule, not assumed."""
    bare = held_out.HeldOut(held.horizon, tuple(e for e in held.schedule
                                                if e["kind"] != "incursion"), held.events)
    [score] = held_out.score([load("baseline")], runs=2_000, seed=3, workers=1, held=bare)
    assert score.per_event["kursk-held-in-2024"].estimate <= 0.5


def test_the_command_prints_each_event_and_the_joint_share(capsys):
    assert cli.main(["heldout", "baseline", "--runs", "1000", "--workers", "1"]) == 0
    out = capsys.readouterr().out
    assert "no-nuclear-use-2023-2025" in out and "every event (joint)" in out
