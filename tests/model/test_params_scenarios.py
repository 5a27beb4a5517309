"""The parameter schema and scenario files: valid input works, bad input says what is wrong."""

from dataclasses import replace

import pytest

from simulator.errors import ParameterError
from simulator.model import params
from simulator.model.agents.command_chain import layer_bases
from simulator.model.scenario import ScenarioError, from_text, list_presets, load

REQUIRED = ["horizon_weeks", "chain.layers", "chain.base_refusal", "chain.units",
            "leader.bluff_share", "leader.nuclear_threshold", "leader.rationality",
            "battlefield.momentum", "west.decisive_response"]


def test_required_parameters_exist_with_their_ranges():
    for name in REQUIRED:
        assert name in params.SCHEMA
    layers = params.SCHEMA["chain.layers"]
    assert (layers.low, layers.high, layers.default, layers.integer) == (1, 10, 5, True)


def test_every_parameter_has_unit_help_and_a_default_in_range():
    for p in params.SCHEMA.values():
        assert p.unit and p.help, p.name
        assert p.low <= p.default <= p.high, p.name
        assert p.actor in params.ACTORS, p.name


def test_every_parameter_has_its_help_in_french():
    """The French pages read ``help_fr`` from the schema; none may fall back to English."""
    for p in params.SCHEMA.values():
        assert p.help_fr.strip(), p.name
        assert p.help_fr != p.help, p.name


def test_the_schema_lists_each_actor_together_in_the_actors_order():
    """SCHEMA joins one table per actor; menus and random designs rely on its order."""
    actors = [p.actor for p in params.SCHEMA.values()]
    assert list(dict.fromkeys(actors)) == list(params.ACTORS)
    assert list(params.SCHEMA)[:2] == ["horizon_weeks", "leader.rationality"]
    assert list(params.SCHEMA)[-1] == "accidents.deescalation"
    assert len(params.SCHEMA) == 108


def test_unknown_parameter_suggests_the_nearest_name():
    with pytest.raises(ParameterError, match="did you mean 'chain.layers'"):
        params.validate({"chain.layer": 3})


@pytest.mark.parametrize("name, value, message", [
    ("chain.layers", 11, "out of range; expected a whole number from 1 to 10"),
    ("chain.layers", 2.5, "not a whole number"),
    ("leader.bluff_share", -0.1, "out of range; expected a number from 0 to 1"),
    ("leader.bluff_share", "lots", "is not a number"),
    ("chain.base_refusal", [0.1, 2.0], "out of range"),
])
def test_bad_values_name_the_field_and_the_range(name, value, message):
    with pytest.raises(ParameterError, match=message) as error:
        params.validate({name: value})
    assert error.value.field == name


def test_per_layer_refusal_needs_one_value_per_layer():
    values = params.validate({"chain.layers": 3, "chain.base_refusal": [0.1, 0.2, 0.3]})
    assert layer_bases(values) == [0.1, 0.2, 0.3]
    with pytest.raises(ParameterError, match="2 values but chain.layers is 3"):
        params.validate({"chain.layers": 3, "chain.base_refusal": [0.1, 0.2]})


def test_command_line_assignments_are_parsed_and_checked():
    assert params.parse_assignment("chain.layers=4") == ("chain.layers", 4)
    assert params.parse_assignment("chain.base_refusal=0.1,0.2") == ("chain.base_refusal",
                                                                       [0.1, 0.2])
    with pytest.raises(ParameterError, match="expected name=value"):
        params.parse_assignment("chain.layers")


def test_presets_exist_and_load():
    expected = {"baseline", "alperovitch", "alexander", "hodges", "kemp",
                "black-sea-demonstration", "crimea-offensive"}
    assert expected <= set(list_presets())
    for name in expected:
        scenario = load(name)
        assert scenario.title
        assert len(scenario.hash) == 16
        for key, source in scenario.provenance.items():
            assert source["claims"] or source["why"], (name, key)


def test_a_scenario_survives_a_round_trip_through_yaml():
    scenario = load("kemp").with_overrides({"chain.units": 4})
    again = from_text(scenario.to_yaml())
    assert again.parameters == scenario.parameters
    assert again.hash == scenario.hash


def test_hash_changes_with_the_parameters():
    assert load("kemp").hash != load("kemp").with_overrides({"chain.units": 4}).hash
    assert load("baseline").hash == load("baseline").hash


@pytest.mark.parametrize("text, message", [
    ("name: x\nparameters:\n  chain.layers: [1,\n", "not valid YAML \\(line"),
    ("- just\n- a list\n", "expected a mapping"),
    ("name: x\nparamters: {}\n", "unknown key 'paramters'"),
    ("parameters:\n  chain.layer: 3\n", "parameters.chain.layer: unknown parameter; did you mean"),
    ("parameters:\n  chain.layers: 0\n", "parameters.chain.layers: 0 is out of range"),
    ("parameters:\n  chain.layers: {valeu: 3}\n", "unknown key 'valeu'"),
    ("extends: nosuch\n", "unknown preset 'nosuch'"),
])
def test_bad_scenario_files_get_clear_errors(text, message):
    with pytest.raises(ScenarioError, match=message):
        from_text(text, source="bad.yaml")


def test_unknown_preset_lists_the_presets():
    with pytest.raises(ScenarioError, match="choose one of: baseline"):
        load("kemps")


def test_a_setting_kept_for_context_carries_its_reason_through_a_round_trip():
    text = ("name: mine\nparameters:\n  chain.units:\n    value: 3\n    why: shown\n"
            "    context: Kept so users see the parallel units, though 3 equals the baseline.\n")
    scenario = from_text(text)
    assert scenario.provenance["chain.units"]["context"].startswith("Kept so users")
    again = from_text(scenario.to_yaml())
    assert again.provenance["chain.units"] == scenario.provenance["chain.units"]


def test_every_reason_in_a_shipped_preset_has_its_french():
    for name in list_presets():
        for key, source in load(name).provenance.items():
            if source.get("why"):
                assert source.get("why_fr", "").strip(), (name, key)
                assert source["why_fr"] != source["why"], (name, key)


def test_a_french_reason_is_kept_through_a_round_trip_and_leaves_the_hash_alone():
    english = "name: mine\nparameters:\n  chain.units:\n    value: 4\n    why: shown\n"
    text = english + "    why_fr: montré\n"
    scenario = from_text(text)
    assert scenario.provenance["chain.units"]["why_fr"] == "montré"
    again = from_text(scenario.to_yaml())
    assert again.provenance["chain.units"] == scenario.provenance["chain.units"]
    assert scenario.hash == from_text(english).hash == again.hash
    assert "why_fr" not in from_text(english).provenance["chain.units"]


def test_a_french_reason_must_be_text():
    text = "parameters:\n  chain.units:\n    value: 4\n    why_fr: [a, b]\n"
    with pytest.raises(ScenarioError, match=r"chain\.units\.why_fr: expected text"):
        from_text(text, source="bad.yaml")


def test_ranges_leave_every_presets_hash_and_values_alone():
    """Only --uncertainty runs draw the ranges: a point run of a preset is what it was."""
    for name in list_presets():
        scenario = load(name)
        pointed = replace(scenario, ranges={})
        assert scenario.hash == pointed.hash, name
        assert scenario.parameters == pointed.parameters, name
        assert from_text(scenario.to_yaml()).hash == scenario.hash, name
