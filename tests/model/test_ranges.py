"""Ranges: what a view allows for a parameter, read from scenario files and drawn per block.

A bad range must be refused naming its field (in a file, through ``with_ranges`` and on the
command line); a good one survives a round trip, is inherited through ``extends``, is dropped
when a user sets the value, and draws the same quantiles in a block whatever else is drawn.
"""

import re
import subprocess
import sys

import numpy as np
import pytest
import yaml
from scipy import stats

from simulator.cli.entry import main
from simulator.model import params, world
from simulator.model.ranges import (
    BLOCK_WORLDS,
    KINDS,
    STRUCTURAL,
    Range,
    block_uniforms,
    world_values,
)
from simulator.model.scenario import SCENARIO_DIR, ScenarioError, from_text, list_presets, load

GOOD = ("name: mine\nparameters:\n  leader.resolve:\n    value: 2.5\n"
        "    range: {kind: pert, low: 1.5, high: 4, why: the modeller's guess}\n")


def entry(name: str, value: str, range_text: str) -> str:
    """A scenario text giving ``name`` the point ``value`` and the ``range:`` mapping."""
    return f"name: mine\nparameters:\n  {name}:\n    value: {value}\n    range: {range_text}\n"


BAD = [
    ("leader.resolve", "2.5", "{kind: pret, low: 1, high: 4, why: w}",
     r"parameters\.leader\.resolve\.range\.kind: unknown kind 'pret'; did you mean 'pert'"),
    ("leader.resolve", "2.5", "{kind: unifrom, low: 1, high: 4, why: w}",
     r"parameters\.leader\.resolve\.range\.kind: unknown kind 'unifrom'; did you mean 'uniform'"),
    ("leader.resolve", "2.5", "{kind: pert, low: 1, high: 4, why: w, mode: 2}",
     r"parameters\.leader\.resolve\.range: unknown key 'mode'; allowed: kind, low, high"),
    ("leader.resolve", "2.5", "{kind: pert, low: '1', high: 4, why: w}",
     r"parameters\.leader\.resolve\.range\.low: '1' is not a plain number"),
    ("leader.resolve", "2.5", "{kind: pert, low: 1, high: [4], why: w}",
     r"parameters\.leader\.resolve\.range\.high: \[4\] is not a plain number"),
    ("leader.resolve", "2.5", "{kind: pert, low: 1, high: .nan, why: w}",
     r"parameters\.leader\.resolve\.range\.high: .*nan.* is not a plain number"),
    ("leader.resolve", "2.5", "{kind: pert, low: 1, high: 1_0, why: w}",
     r"parameters\.leader\.resolve\.range\.high: '1_0' is not a plain number"),
    ("leader.resolve", "2.5", "{kind: pert, low: 3, high: 4, why: w}",
     r"parameters\.leader\.resolve\.range\.low: the value \(mode\) must lie between low and high"),
    ("leader.resolve", "2.5", "{kind: pert, low: 1, high: 2, why: w}",
     r"parameters\.leader\.resolve\.range\.high: the value \(mode\) must lie between low and "
     r"high"),
    ("leader.resolve", "2.5", "{kind: pert, low: 3, high: 2, why: w}",
     r"parameters\.leader\.resolve\.range\.low: low 3 is above high 2"),
    ("leader.resolve", "2.5", "{kind: pert, low: -1, high: 4, why: w}",
     r"parameters\.leader\.resolve\.range\.low: -1 is outside the parameter's own range; "
     r"expected a number from 0 to 10"),
    ("leader.resolve", "2.5", "{kind: pert, low: 1, high: 11, why: w}",
     r"parameters\.leader\.resolve\.range\.high: 11 is outside the parameter's own range"),
    ("chain.layers", "5", "{kind: pert, low: 3, high: 6, why: w}",
     r"parameters\.chain\.layers\.range: a structural parameter cannot have a range: it "
     r"shapes the model"),
    ("horizon_weeks", "52", "{kind: uniform, low: 40, high: 60, why: w}",
     r"parameters\.horizon_weeks\.range: a structural parameter"),
    ("chain.base_refusal", "[0.05, 0.05, 0.05, 0.05, 0.05]",
     "{kind: pert, low: 0.01, high: 0.1, why: w}",
     r"parameters\.chain\.base_refusal\.range: a per-layer list value cannot have a range"),
    ("leader.resolve", "2.5", "{kind: pert, low: 1, high: 4}",
     r"parameters\.leader\.resolve\.range\.why: is missing or empty"),
    ("leader.resolve", "2.5", "{kind: pert, low: 1, high: 4, why: '  '}",
     r"parameters\.leader\.resolve\.range\.why: is missing or empty"),
    ("leader.resolve", "2.5", "{kind: pert, high: 4, why: w}",
     r"parameters\.leader\.resolve\.range: 'low' is missing"),
    ("leader.resolve", "2.5", "[1, 4]",
     r"parameters\.leader\.resolve\.range: \[1, 4\] is not allowed; expected a mapping"),
    ("chain.purge_weeks", "4", "{kind: pert, low: 2.5, high: 8, why: w}",
     r"parameters\.chain\.purge_weeks\.range\.low: 2\.5 is not a whole number"),
]


@pytest.mark.parametrize("name, value, range_text, message", BAD)
def test_a_bad_range_in_a_file_is_refused_naming_its_field(name, value, range_text, message):
    with pytest.raises(ScenarioError, match=r"^scenarios/x\.yaml: " + message):
        from_text(entry(name, value, range_text), source="scenarios/x.yaml")


@pytest.mark.parametrize("name, value, range_text, message", BAD)
def test_validate_exits_2_on_a_bad_range_naming_its_field(name, value, range_text, message,
                                                          tmp_path, capsys):
    path = tmp_path / "x.yaml"
    path.write_text(entry(name, value, range_text), encoding="utf-8")
    assert main(["validate", str(path)]) == 2
    err = capsys.readouterr().err
    assert re.search(f"^error: {re.escape(str(path))}: {message}", err), err
    assert "Traceback" not in err


def test_the_command_line_exits_2_on_a_bad_range(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text(entry("leader.resolve", "2.5", "{kind: pret, low: 1, high: 4, why: w}"),
                    encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "simulator", "validate", str(path)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "parameters.leader.resolve.range.kind: unknown kind 'pret'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_good_range_is_read_with_the_value_as_its_mode():
    scenario = from_text(GOOD)
    assert scenario.ranges == {"leader.resolve": Range("pert", 1.5, 4.0, 2.5,
                                                       "the modeller's guess")}
    assert scenario.overrides == {"leader.resolve": 2.5}
    assert scenario.hash == from_text(GOOD.split("    range")[0]).hash


def test_an_integer_parameter_draws_whole_numbers():
    text = entry("chain.max_reissues", "2", "{kind: pert, low: 0, high: 5, why: w}")
    rng = from_text(text).ranges["chain.max_reissues"]
    assert rng.integer
    drawn = rng.values(np.linspace(0, 0.999, 50))
    assert np.all(drawn == np.rint(drawn)) and set(drawn) > {1.0, 2.0, 3.0}


def test_a_range_without_a_value_is_around_the_inherited_value():
    """The baseline states ranges on defaults without making them overrides."""
    text = ("parameters:\n  leader.resolve:\n"
            "    range: {kind: uniform, low: 1, high: 3, why: w, why_fr: f}\n")
    scenario = from_text(text)
    assert scenario.overrides == {}
    assert scenario.ranges["leader.resolve"].mode == params.SCHEMA["leader.resolve"].default
    assert scenario.hash == from_text("{}").hash


def test_ranges_survive_a_round_trip_through_yaml():
    scenario = load("kemp")
    again = from_text(scenario.to_yaml())
    assert again.ranges == scenario.ranges
    assert again.parameters == scenario.parameters and again.hash == scenario.hash
    assert again.ranges["chain.base_refusal"].why_fr == scenario.ranges["chain.base_refusal"].why_fr


def test_ranges_are_inherited_through_extends(tmp_path):
    parent = tmp_path / "parent.yaml"
    parent.write_text("parameters:\n"
                      "  leader.resolve:\n    value: 2.5\n"
                      "    range: {kind: pert, low: 1.5, high: 4, why: parent}\n"
                      "  leader.face_cost:\n    value: 3\n"
                      "    range: {kind: uniform, low: 2, high: 5, why: parent}\n"
                      "  west.influence:\n    value: 0.6\n"
                      "    range: {kind: uniform, low: 0.5, high: 0.8, why: parent}\n",
                      encoding="utf-8")
    child = from_text(f"extends: {parent}\nparameters:\n"
                      "  leader.face_cost: 4\n"
                      "  west.influence:\n    value: 0.7\n"
                      "    range: {kind: triangular, low: 0.6, high: 0.9, why: child}\n")
    assert child.ranges["leader.resolve"].why == "parent"
    assert "leader.face_cost" not in child.ranges  # a new value without a range: a point
    assert child.ranges["west.influence"] == Range("triangular", 0.6, 0.9, 0.7, "child")
    assert load("crimea-offensive").ranges.keys() == load("baseline").ranges.keys() - {
        "battlefield.south_share"}
    assert load("black-sea-demonstration").ranges.keys() >= load("baseline").ranges.keys()


def test_a_value_the_user_sets_drops_its_range():
    scenario = load("kemp")
    changed = scenario.with_overrides({"chain.base_refusal": 0.1})
    assert "chain.base_refusal" in scenario.ranges
    assert "chain.base_refusal" not in changed.ranges
    assert changed.ranges.keys() == scenario.ranges.keys() - {"chain.base_refusal"}


def test_with_ranges_adds_checked_ranges_and_leaves_the_hash_alone():
    base = load("baseline")
    added = base.with_ranges({"leader.resolve": Range("triangular", 1.0, 3.0, 2.0, "w")})
    assert added.ranges["leader.resolve"].kind == "triangular"
    assert added.hash == base.hash and added.parameters == base.parameters
    assert added.with_ranges({}) is added
    reissues = base.with_ranges({"chain.max_reissues": Range("pert", 1, 3, 2, "w")})
    assert reissues.ranges["chain.max_reissues"].integer


@pytest.mark.parametrize("name, rng, message", [
    ("leader.resolve", Range("beta", 1.0, 3.0, 2.0, "w"), r"leader\.resolve\.range\.kind"),
    ("leader.resolve", Range("pert", 3.0, 4.0, 3.5, "w"),
     r"leader\.resolve\.range\.low: the value \(mode\) must lie"),
    ("leader.resolve", Range("pert", 1.0, 3.0, 2.5, "w"), r"leader\.resolve\.range\.mode"),
    ("leader.resolve", Range("pert", 1.0, 30.0, 2.0, "w"), r"leader\.resolve\.range\.high"),
    ("leader.resolve", Range("pert", 1.0, 3.0, 2.0, ""), r"leader\.resolve\.range\.why"),
    ("chain.layers", Range("pert", 3.0, 6.0, 5.0, "w"), r"chain\.layers\.range: a structural"),
    ("chain.layer", Range("pert", 3.0, 6.0, 5.0, "w"), r"chain\.layer: unknown parameter"),
    ("leader.resolve", (1, 3), r"leader\.resolve\.range: \(1, 3\) is not a Range"),
])
def test_with_ranges_refuses_a_bad_range_naming_the_parameter(name, rng, message):
    with pytest.raises(ScenarioError, match=message):
        load("baseline").with_ranges({name: rng})


def test_structural_parameters_are_the_models():
    assert STRUCTURAL == world.STRUCTURAL


def test_a_blocks_uniforms_do_not_depend_on_the_other_blocks_or_parameters():
    """Common random numbers: block b's quantile is a function of (seed, name, b) only."""
    together = block_uniforms(11, "leader.resolve", 0, 40)
    for b in (0, 7, 39):
        assert block_uniforms(11, "leader.resolve", b, 1)[0] == together[b]
    assert np.array_equal(block_uniforms(11, "leader.resolve", 5, 10), together[5:15])
    assert not np.array_equal(block_uniforms(11, "west.influence", 0, 40), together)
    assert not np.array_equal(block_uniforms(12, "leader.resolve", 0, 40), together)
    ranges = {"leader.resolve": Range("pert", 1.0, 4.0, 2.0, "w"),
              "west.influence": Range("uniform", 0.2, 0.8, 0.5, "w")}
    alone = world_values({"leader.resolve": ranges["leader.resolve"]}, 11, 3 * BLOCK_WORLDS, 10)
    both = world_values(ranges, 11, 0, 5 * BLOCK_WORLDS)
    assert np.array_equal(alone["leader.resolve"],
                          both["leader.resolve"][3 * BLOCK_WORLDS:3 * BLOCK_WORLDS + 10])
    assert len(set(both["leader.resolve"][:BLOCK_WORLDS])) == 1  # one value per block
    assert len(set(both["leader.resolve"][::BLOCK_WORLDS])) == 5


@pytest.mark.parametrize("kind", KINDS)
def test_a_collapsed_range_gives_its_point(kind):
    rng = Range(kind, 0.3, 0.3, 0.3, "w")
    assert rng.collapsed and rng.distribution() is None
    assert np.all(rng.values(np.linspace(0, 0.999, 20)) == 0.3)
    drawn = world_values({"west.influence": rng}, 5, 100, 1000)["west.influence"]
    assert np.all(drawn == 0.3)


@pytest.mark.parametrize("kind, reference", [
    ("uniform", stats.uniform(loc=0.1, scale=0.5)),
    ("triangular", stats.triang(c=0.2, loc=0.1, scale=0.5)),
    ("pert", stats.beta(1 + 4 * 0.2, 1 + 4 * 0.8, loc=0.1, scale=0.5)),
])
def test_drawn_values_stay_in_bounds_with_scipys_mean(kind, reference):
    rng = Range(kind, 0.1, 0.6, 0.2, "w")
    drawn = rng.values(block_uniforms(3, "west.influence", 0, 20_000))
    assert drawn.min() >= 0.1 and drawn.max() <= 0.6
    standard_error = reference.std() / np.sqrt(drawn.size)
    assert abs(drawn.mean() - reference.mean()) < 4 * standard_error
    if kind == "pert":  # the PERT mean: (low + 4 mode + high) / 6
        assert reference.mean() == pytest.approx((0.1 + 4 * 0.2 + 0.6) / 6)


def test_every_range_of_a_shipped_preset_has_a_why_and_lies_within_its_parameter():
    for name in list_presets():
        scenario = load(name)
        values = scenario.parameters
        for key, rng in scenario.ranges.items():
            param = params.SCHEMA[key]
            assert key not in STRUCTURAL, (name, key)
            assert rng.kind in KINDS, (name, key)
            assert param.low <= rng.low <= rng.mode <= rng.high <= param.high, (name, key)
            assert rng.mode == values[key], (name, key)
            assert rng.why.strip() and rng.why_fr.strip() and rng.why_fr != rng.why, (name, key)


def test_the_experts_ranges_cite_their_claims_and_the_baselines_are_the_modellers():
    claims = yaml.safe_load((SCENARIO_DIR / "claims.yaml").read_text(encoding="utf-8"))
    known = {claim["id"] for claim in claims["claims"]}
    baseline = load("baseline")
    assert baseline.ranges, "the baseline states the modeller's ranges"
    for key, rng in baseline.ranges.items():
        param = params.SCHEMA[key]
        assert not param.claims or param.fitted, key  # only where no claim gives the number
        assert "modeller" in rng.why, key
    for name in ("alperovitch", "alexander", "hodges", "kemp"):
        scenario = load(name)
        own = {key: rng for key, rng in scenario.ranges.items() if key in scenario.overrides}
        assert own, name
        for key, rng in own.items():
            cited = {word.strip(",:;") for word in rng.why.split()} & known
            allowed = set(scenario.provenance[key]["claims"]) | set(params.SCHEMA[key].claims)
            assert cited and cited <= allowed, (name, key, cited)
