"""Compare draws the ranges, as Explore does (simulator/app/compare.py): every number equals
the engine's ``run_many(..., uncertainty=True)`` on the same seed and worlds, each scenario's
plausible range is said beside its estimate, the differences stay paired, several expert views
get one sentence on where they disagree (``studies.uncertainty.across_views``), a range the
user set on Explore travels in the spec; ``compare_ranges=false`` gives the point runs.
"""

import pytest
from support.apptest import assert_safe, ok, open_app, page_path, warnings

from simulator.app import i18n, plausible, widgets
from simulator.app.scenarios import Choice
from simulator.model.scenario import load
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import uncertainty

EN, FR = i18n.TEXT["en"], i18n.TEXT["fr"]
SPEC = "kemp: chain.base_refusal~0..0.6"  # a range set on Explore, opened in Compare
NAMES = ["baseline", "hodges", "kemp", SPEC]
LABELS = ["Baseline", "Hodges", "Kemp", SPEC]


def scenario(spec: str):
    return Choice.parse(spec).scenario()


@pytest.fixture(scope="module")
def drawn():
    """The page and the engine's runs of the same scenarios, seed and worlds."""
    at = open_app({"scenarios": NAMES, "compare_worlds": "2000"}, page_path("compare"))
    batches = engine.run_many([scenario(spec) for spec in NAMES], 2_000, 0, workers=1,
                              uncertainty=True)
    return at, batches


def range_text(found) -> str:
    shown = plausible.digits(found.estimate.estimate, found.pi_high - found.pi_low)
    return f"{100 * found.pi_low:.{shown}f}–{100 * found.pi_high:.{shown}f}%"


def test_each_scenarios_plausible_range_is_said_beside_its_estimate(drawn):
    at, batches = drawn
    assert ok(at) and not at.warning
    lines = next(m.value for m in at.markdown if m.value.startswith("- **Baseline**: About"))
    for label, batch in zip(LABELS, batches, strict=True):
        found = batch.predictive["nuclear_use"]
        assert f"**{widgets.plain(label)}**: About" in lines
        assert f"plausibly {range_text(found)} given what we don't know" in lines
    side_by_side = at.table[0].value
    for label, batch in zip(LABELS, batches, strict=True):
        for name in ("nuclear_use", "nuclear_order"):
            est, found = batch.estimates[name], batch.predictive[name]
            assert side_by_side.loc[i18n.outcome(name), label] == (
                f"{widgets.estimate_text(name, est)}; plausibly {range_text(found)}")
        territory = batch.estimates["territory_km2"]
        assert side_by_side.loc["Territory retaken by Ukraine (km²)", label] == \
            territory.text(False)


def test_the_users_range_moves_the_plausible_range_as_on_explore(drawn):
    _, batches = drawn
    kemp, custom = batches[2].predictive["nuclear_use"], batches[3].predictive["nuclear_use"]
    assert custom.pi_high - custom.pi_low > kemp.pi_high - kemp.pi_low
    # Explore's run of the same setting (compute.summarise) gives the same numbers.
    from simulator.app import compute
    explore = compute.summarise(Choice.parse(SPEC), 2_000, 0, uncertainty=True)
    assert explore.predictive["nuclear_use"] == custom


def test_the_differences_stay_paired_on_the_drawn_runs(drawn):
    at, batches = drawn
    differences = at.table[1].value
    for label, batch in zip(LABELS[1:], batches[1:], strict=True):
        diff = analysis.paired_difference(batch.columns["nuclear_use"],
                                          batches[0].columns["nuclear_use"], binary=True)
        assert differences.loc["P(nuclear use)", label].startswith(
            widgets.points(diff.difference))
    caption = " ".join(c.value for c in at.caption)
    assert EN["compare.digest_caption_ranges"] in caption


def test_where_the_expert_views_disagree_in_one_sentence(drawn):
    at, batches = drawn
    spread = uncertainty.across_views(batches[1:3], "nuclear_use")  # Hodges and Kemp
    [sentence] = [m.value for m in at.markdown if m.value.startswith("Where the views disagree")]
    parts = spread.parts
    assert "these 2 expert views" in sentence
    shown = plausible.digits(spread.estimate, spread.pi_high - spread.pi_low)
    assert f"about {i18n.fmt_percent(spread.estimate, shown)}" in sentence
    assert f"plausibly {100 * spread.pi_low:.{shown}f}–{100 * spread.pi_high:.{shown}f}%" \
        in sentence
    assert f"{parts['disagreement']:.0%} is the views' disagreement" in sentence
    assert f"{parts['assumptions']:.0%} their own ranges" in sentence


def test_with_the_ranges_off_compare_shows_the_point_runs():
    at = open_app({"scenarios": ["baseline", "kemp"], "compare_worlds": "2000",
                   "compare_ranges": "false"}, page_path("compare"))
    assert ok(at) and not at.warning
    assert at.toggle(key="compare_ranges").value is False
    batches = engine.run_many([load("baseline"), load("kemp")], 2_000, 0, workers=1)
    side_by_side = at.table[0].value
    for label, batch in zip(["Baseline", "Kemp"], batches, strict=True):
        assert side_by_side.loc["P(nuclear use)", label] == widgets.estimate_text(
            "nuclear_use", batch.estimates["nuclear_use"])
    assert EN["compare.ranges_off"] in [c.value for c in at.caption]
    assert not [m for m in at.markdown if "plausibly" in m.value or "disagree" in m.value]


def test_compare_with_ranges_in_french():
    at = open_app({"scenarios": ["baseline", "hodges", "kemp"], "compare_worlds": "2000",
                   "lang": "fr"}, page_path("compare"))
    assert ok(at)
    texts = "\n".join(m.value for m in at.markdown)
    assert texts.count(f"**{FR['format.colon']} Environ") == 3  # each scenario, words first
    assert "plausiblement" in texts and "Là où les points de vue divergent" in texts
    assert "plausiblement" in at.table[0].value.iloc[0, 0]
    assert at.toggle(key="compare_ranges").label == FR["explore.ranges"]


def test_a_hostile_range_in_a_spec_is_refused_and_shown_inert():
    hostile = "kemp: west.influence~<img src=x>..[x](javascript:alert(1))"
    at = open_app({"scenarios": ["baseline", "kemp", hostile], "compare_worlds": "1000"},
                  page_path("compare"))
    assert_safe(at)
    assert "is not a scenario" in warnings(at) and "two plain numbers" in warnings(at)
