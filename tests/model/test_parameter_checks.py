"""Every parameter mapping the model is given is checked, and numbers are read only from digits.

A full mapping from a user's code, a misspelt key or a value out of range is refused with
the field and what is allowed, as a preset's overrides are; a partial mapping is the
baseline with those values changed. Text becomes a number only when written with the
ASCII digits 0-9, whether it comes from --set, a preset file or a link.
"""

import pytest

from simulator.app.scenarios import Choice
from simulator.errors import ParameterError
from simulator.model import params
from simulator.model.scenario import ScenarioError, from_text
from simulator.model.world import EscalationModel

BASELINE = params.defaults()


@pytest.mark.parametrize("parameters, field, message", [
    ({**BASELINE, "leader.resolve": -5}, "leader.resolve",
     "-5 is out of range; expected a number from 0 to 10"),
    ({**BASELINE, "leader.resolv": 3}, "leader.resolv",
     "unknown parameter; did you mean 'leader.resolve'?"),
    ({**BASELINE, "chain.units": 2.5}, "chain.units", "2.5 is not a whole number from 1 to 20"),
    ({**BASELINE, "horizon_weeks": "1_0"}, "horizon_weeks", "'1_0' is not a number"),
])
def test_a_model_checks_every_value_it_is_given(parameters, field, message):
    with pytest.raises(ParameterError, match=message) as error:
        EscalationModel(parameters)
    assert error.value.field == field


def test_a_partial_mapping_is_refused_naming_what_is_missing():
    changes = {"chain.units": 2, "horizon_weeks": 6}
    with pytest.raises(ParameterError, match=r"missing from the parameters given \(missing: "
                                             r"leader.rationality, leader.resolve, .* and \d+ "
                                             r"more\); .*params.validate\(changes\)") as error:
        EscalationModel(changes, n_worlds=200, rng=3)
    assert error.value.field == "leader.rationality"
    one_short = {**BASELINE}
    del one_short["west.influence"]
    with pytest.raises(ParameterError, match=r"^west.influence: missing .*\(missing: "
                                             r"west.influence\)"):
        EscalationModel(one_short)
    # What the message suggests runs, and equals the defaults with those changes.
    full = EscalationModel(params.validate(changes), n_worlds=200, rng=3).run().outcomes()
    assert full["nuclear_use"].shape == (200,)


def test_validate_checks_its_base_as_it_checks_overrides():
    with pytest.raises(ParameterError, match="leader.resolve: -5 is out of range; expected a "
                                             "number from 0 to 10"):
        params.validate({}, base={**BASELINE, "leader.resolve": -5})
    with pytest.raises(ParameterError, match="did you mean 'chain.layers'"):
        params.validate({}, base={"chain.layer": 3})
    checked = params.validate({}, base={"chain.layers": "3", "chain.units": 4})
    # every parameter, and the scheduled events (none here)
    assert checked == {**BASELINE, "chain.layers": 3, "chain.units": 4, "events": ()}
    kept = params.validate({}, base=BASELINE)  # valid values keep their type: hashes hold
    assert [type(kept[name]) for name in BASELINE] == [type(v) for v in BASELINE.values()]


@pytest.mark.parametrize("text", ["1_0", "٣", "１２", "1_000.5", "0x5", "2,5", "inf", "nan"])
def test_numbers_from_the_command_line_are_written_with_ascii_digits(text):
    with pytest.raises(ParameterError, match="expected a whole number from 1 to 10, written "
                                             "with the digits 0-9") as error:
        params.parse_assignment(f"chain.layers={text}")
    assert error.value.field == "chain.layers"
    for written, value in [(" 4 ", 4), ("+4", 4), ("4.0", 4), ("04", 4), ("4e0", 4)]:
        assert params.parse_assignment(f"chain.layers={written}") == ("chain.layers", value)
    for written, value in [(".5", 0.5), ("2.", 2.0), ("1e-3", 0.001), ("-0", 0.0)]:
        assert params.parse_assignment(f"leader.resolve={written}") == ("leader.resolve", value)


@pytest.mark.parametrize("value, message", [
    ("1_0", "'1_0' is not a number; expected a whole number from 1 to 20, written with"),
    ("٣", "'٣' is not a number; expected a whole number from 1 to 20, written with"),
    ("0x5", "'0x5' is not a number"),
    ("1:05", "'1:05' is not a number"),
    ("'1_0'", "'1_0' is not a number"),
])
def test_numbers_in_a_preset_file_are_written_with_ascii_digits(value, message):
    with pytest.raises(ScenarioError) as error:
        from_text(f"parameters:\n  chain.units: {value}\n", source="mine.yaml")
    assert str(error.value).startswith("mine.yaml: parameters.chain.units: "), error.value
    assert message in str(error.value)


def test_a_leading_zero_in_a_preset_file_is_still_decimal():
    scenario = from_text("parameters:\n  chain.units: 010\n  leader.resolve: 03.5\n")
    assert scenario.overrides == {"chain.units": 10, "leader.resolve": 3.5}  # YAML 1.1: 8


def test_numbers_in_a_link_are_written_with_ascii_digits():
    with pytest.raises(ParameterError, match="chain.layers: '1_0' is not a number"):
        Choice.parse("baseline: chain.layers=1_0")
    with pytest.raises(ParameterError, match="chain.units: '٣' is not a number"):
        Choice.parse("kemp: chain.units=٣")
    assert Choice.parse("kemp: chain.units=3").overrides == (("chain.units", 3),)


@pytest.mark.parametrize("assignment, message", [
    ("chain.layers=" + "9" * 5000,
     "chain.layers: a number of 5,000 digits is out of range; expected a whole number from "
     "1 to 10"),
    ("leader.resolve=-" + "9" * 400 + ".5",
     "leader.resolve: a number of 400 digits is out of range; expected a number from 0 to 10"),
    ("leader.resolve=1e999", "leader.resolve: '1e999' is out of range; expected a number from "
                             "0 to 10"),
])
def test_a_number_too_large_for_a_float_is_out_of_range_not_inf(assignment, message):
    with pytest.raises(ParameterError) as error:
        params.parse_assignment(assignment)
    assert str(error.value) == message


@pytest.mark.parametrize("value", ["1_000", "٣٠٠٠", "１２", "1e3", "2.0"])
def test_command_line_sizes_and_seeds_are_whole_numbers_in_ascii_digits(value, capsys):
    from simulator import cli

    for option in ("--runs", "--seed", "--workers"):
        with pytest.raises(SystemExit) as stop:
            cli.main(["run", "baseline", option, value, "--quiet"])
        assert stop.value.code == 2
        assert f"argument {option}: {value!r} is not a whole number" in capsys.readouterr().err


def test_a_command_line_number_of_5000_digits_is_out_of_range(capsys):
    from simulator import cli

    with pytest.raises(SystemExit):
        cli.main(["run", "baseline", "--seed", "9" * 5000])
    assert "a number of 5,000 digits is out of range" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        cli.main(["discover", "baseline", "--vary", "leader.resolve=0:6", "--threshold", "٠.5"])
    assert "is not a number written with the digits 0-9" in capsys.readouterr().err


def test_a_link_number_is_read_only_in_ascii_digits():
    from simulator.app import widgets

    check = widgets.check_number(0.1, 1.0)
    check("0.5")
    for raw in ("٠.٥", "0_5", "０.５"):
        with pytest.raises(ValueError):
            check(raw)
