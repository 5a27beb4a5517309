"""Every setting of every preset matters, and each expert's view points where he said.

A setting that moves no outcome when reverted alone tells the user something the model does
not do; it must go, or stay marked ``context`` with the reason it is kept.
"""

import pytest

from simulator.model import params
from simulator.model.scenario import list_presets, load
from simulator.results import analysis
from simulator.running import engine

RUNS = 20_000
SEED = 3
SIGNIFICANT = 0.001
"""p-value below which a reverted setting counts as moving an outcome (about 17 outcomes are
tried per setting, so 0.05 would let chance through)."""

VIEWS = [name for name in list_presets() if name != "baseline"]
SETTINGS = [(view, name) for view in VIEWS for name in load(view).overrides]


def run(scenario):
    return engine.run(scenario, RUNS, SEED, workers=1).columns


@pytest.fixture(scope="module")
def views():
    return {name: run(load(name)) for name in ["baseline", *VIEWS]}


def moved_outcomes(a, b) -> dict[str, float]:
    """The outcomes whose paired difference is beyond sampling error, with their p-values."""
    moved = {}
    for outcome in analysis.OUTCOMES:
        diff = analysis.paired_difference(a[outcome], b[outcome],
                                          binary=outcome in analysis.PROBABILITY_OUTCOMES)
        if diff.p_value < SIGNIFICANT:
            moved[outcome] = diff.p_value
    return moved


@pytest.mark.parametrize("view, name", SETTINGS, ids=[f"{v}:{n}" for v, n in SETTINGS])
def test_each_preset_setting_moves_an_outcome_or_is_marked_context(views, view, name):
    scenario = load(view)
    context = scenario.provenance.get(name, {}).get("context")
    if context:
        assert len(context) > 20, f"{view}: {name} is marked context without a reason"
        return
    reverted = scenario.with_overrides({name: params.SCHEMA[name].default})
    moved = moved_outcomes(views[view], run(reverted))
    assert moved, (f"{view}: reverting {name} alone moves no outcome; remove it or mark it "
                   "`context:` with the reason it stays")


def paired(a, b, outcome):
    return analysis.paired_difference(a[outcome], b[outcome],
                                      binary=outcome in analysis.PROBABILITY_OUTCOMES)


@pytest.mark.parametrize("view", ["alperovitch", "alexander", "kemp", "hodges"])
def test_the_sceptical_views_make_nuclear_use_rarer_than_the_baseline(views, view):
    """Alperovitch (a bluff for now), Alexander (bluff or distraction), Kemp (less likely than
    not, a chain that may refuse), Hodges (no advantage, a decisive response)."""
    diff = paired(views[view], views["baseline"], "nuclear_use")
    assert diff.ci_high < 0, diff


def test_hodges_painful_response_deters_the_leader_not_only_the_officers(views):
    hodges = load("hodges")
    softer = hodges.with_overrides({name: params.SCHEMA[name].default
                                    for name in hodges.overrides if name.startswith("west.")})
    diff = paired(views["hodges"], run(softer), "nuclear_order")
    assert diff.ci_high < 0, diff


def test_the_what_if_presets_do_what_their_title_says(views):
    assert paired(views["crimea-offensive"], views["baseline"], "crimea_threatened").ci_low > 0
    demonstrations = views["black-sea-demonstration"]["use_kind"] == "demonstration"
    baseline_demonstrations = views["baseline"]["use_kind"] == "demonstration"
    assert demonstrations.mean() > 2 * baseline_demonstrations.mean()
