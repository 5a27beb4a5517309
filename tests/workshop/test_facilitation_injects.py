"""The facilitation guide's injects move P(nuclear use) the way docs/FACILITATION.md says.

The guide lists its injects in a fenced YAML block (``injects:``). Each is entered as the
facilitator's panel enters it, through ``WorkshopStore.start_next_round`` on a Baseline room
after the injects it follows, and the new round's scenario (``simulator.workshop.results``, with the
round's events) is run on the reveal's worlds and seed beside the round before. Both share
every random draw (common random numbers), so the paired difference is the inject's alone,
and an exact McNemar test tells it from simulation noise.
"""

import re
from pathlib import Path

import numpy as np
import pytest
import yaml

from simulator.model import events
from simulator.results import analysis
from simulator.running import engine
from simulator.workshop import WorkshopStore, results

GUIDE = Path(__file__).resolve().parents[2] / "docs" / "FACILITATION.md"
NOISE = 1e-3
"""A difference counts when the McNemar p-value is below this: far beyond simulation noise."""


def guide_injects() -> list[dict]:
    """The entries of the guide's ``injects:`` block."""
    blocks = re.findall(r"^```yaml\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.M | re.S)
    found = [doc for doc in map(yaml.safe_load, blocks) if isinstance(doc, dict)
             and "injects" in doc]
    assert len(found) == 1, "the guide needs one YAML block with `injects:`"
    return found[0]["injects"]


INJECTS = guide_injects()
BY_NAME = {inject["name"]: inject for inject in INJECTS}


def inject_of(entry: dict) -> dict:
    """The inject as the panel passes it to the store: parameters, then ``events``."""
    return {**entry.get("parameters", {}),
            **({events.EVENTS_KEY: entry["events"]} if "events" in entry else {})}


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    opened = WorkshopStore(f"sqlite:///{tmp_path_factory.mktemp('guide') / 'workshop.db'}")
    yield opened
    opened.close()


def entered(store: WorkshopStore, entry: dict):
    """The round before ``entry`` and the round it opens, on a fresh Baseline room."""
    room, key = store.create_room("Guide", "baseline", ["chain.layers"])
    code = room.join_code
    for name in [*entry.get("after", []), entry["name"]]:
        number = store.current_round(code).number
        store.reveal(code, key, number, lambda round_, board: {})
        store.start_next_round(code, key, number, inject_of(BY_NAME[name]), name)
    *_, before, after = store.all_rounds(code)
    return before, after


_runs: dict[str, np.ndarray] = {}
"""Per-world nuclear use by scenario hash: a round shared by several injects runs once."""


def nuclear_use(round_) -> np.ndarray:
    """Per world, nuclear use in the round's scenario (the reveal's worlds and seed)."""
    scenario = results.round_scenario(round_.preset, round_.overrides, round_.events)
    key = scenario.hash
    if key not in _runs:
        batch = engine.run(scenario, results.RUNS, results.SEED)
        _runs[key] = np.asarray(batch.columns["nuclear_use"], bool)
    return _runs[key]


@pytest.fixture(scope="module")
def effects(store) -> dict[str, analysis.Difference]:
    """Each inject's paired change in P(nuclear use) from the round before it."""
    found = {}
    for entry in INJECTS:
        before, after = entered(store, entry)
        found[entry["name"]] = analysis.paired_difference(nuclear_use(after), nuclear_use(before),
                                                          binary=True)
    return found


def test_the_guide_lists_every_inject_of_its_plans_and_each_is_well_formed():
    """Every "Inject" row of the three plans has an entry, with its event's week in the row."""
    text = GUIDE.read_text(encoding="utf-8")
    for plan, minutes in (("## 45-minute plan", "45"), ("## 60-minute plan", "60"),
                          ("## 90-minute plan", "90")):
        section = text.split(plan, 1)[1].split("\n## ", 1)[0]
        rows = re.findall(r"^\| [\d:]+ \| \d+ \| (Inject[^|]*?) \| ([^\n]*)\|$", section, re.M)
        assert rows, f"no Inject row in {plan}"
        for what, notes in rows:
            entry = BY_NAME.get(f"{minutes} minutes, {what}")
            assert entry is not None, f"{minutes} minutes, {what}: not in the injects block"
            for event in entry.get("events", []):
                assert f"week {event['week']} " in notes, (what, event)
    for entry in INJECTS:
        assert entry["expected"] in ("up", "down"), entry
        assert entry.get("events") or entry.get("parameters"), entry
        for name in entry.get("after", []):
            assert name in BY_NAME and name != entry["name"], entry
        for event in entry.get("events", []):
            assert event["kind"] in events.KINDS, event
            if event.get("label"):  # the label the guide suggests is in its prose too
                label = event["label"].lower()
                assert label in text.lower().replace(label, "", 1), event


@pytest.mark.parametrize("entry", INJECTS, ids=[inject["name"] for inject in INJECTS])
def test_each_inject_moves_p_nuclear_use_the_way_the_guide_says(store, effects, entry):
    before, after = entered(store, entry)
    wanted = [(e["kind"], e.get("side", events.KINDS[e["kind"]].sides[0]), e["week"])
              for e in entry.get("events", [])]
    # The events reach the round, added to those of the rounds before (never replacing them).
    assert [(e.kind, e.side, e.week) for e in after.events] == [
        *((e.kind, e.side, e.week) for e in before.events), *wanted]
    assert {name: after.overrides[name] for name in entry.get("parameters", {})} == {
        name: pytest.approx(value) for name, value in entry.get("parameters", {}).items()}
    change = effects[entry["name"]]
    moved = "up" if change.difference > 0 else "down"
    assert change.p_value < NOISE and moved == entry["expected"], (
        f"{entry['name']}: the guide says P(nuclear use) goes {entry['expected']}; the model "
        f"moves it {100 * change.difference:+.2f} points [{100 * change.ci_low:+.2f}, "
        f"{100 * change.ci_high:+.2f}], p={change.p_value:.2g}, on {change.n} worlds")


def test_the_isthmus_moves_the_answer_by_far_the_most(effects):
    """The guide says Inject 1 (the encirclement) moves it "by far the most": twice any other."""
    isthmus = effects["90 minutes, Inject 1"].difference
    others = [abs(d.difference) for name, d in effects.items() if name != "90 minutes, Inject 1"]
    assert isthmus > 2 * max(others), (isthmus, others)
