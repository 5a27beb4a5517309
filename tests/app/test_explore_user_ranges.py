"""A key assumption set as a range on Explore (simulator/app/key_ranges.py): under its slider,
"As a range" shows two handles that start at the preset's own range; the run draws the
user's beta-PERT in its place, so the headline's plausible range widens with a wide range
and narrows with a collapsed one, exactly as the engine's own run of the same scenario
``with_ranges``; a range that leaves out the point is said in words and not used; pooled
views and structural assumptions take none; English and French.
"""

import re

import pytest
from support.apptest import FAST, explored, ok, open_app
from support.french import ENGLISH_WORDS

from simulator.app import i18n, key_ranges, plausible
from simulator.app.scenarios import Choice, user_range
from simulator.errors import SimulatorError
from simulator.model import params
from simulator.model.scenario import load

EN, FR = i18n.TEXT["en"], i18n.TEXT["fr"]
NAME = "chain.base_refusal"  # Kemp gives it a range: 5-15%, most likely 8%


def sentence(batch) -> str:
    """Explore's headline sentence for an engine run that drew the ranges."""
    found, est = batch.predictive["nuclear_use"], batch.estimates["nuclear_use"]
    shown = plausible.digits(found.estimate.estimate, found.pi_high - found.pi_low)
    low, high = (f"{100 * bound:.{shown}f}" for bound in (found.pi_low, found.pi_high))
    p = i18n.fmt_percent(est.estimate, shown)
    return (f"About {p}; plausibly {low}–{high}% given what we don't know (the ranges of the "
            f"assumptions); simulation noise ±{100 * (est.ci_high - est.ci_low) / 2:.1f} points.")


def width(batch) -> float:
    found = batch.predictive["nuclear_use"]
    return found.pi_high - found.pi_low


def with_user_range(low: float, high: float):
    """Kemp with the user's range on NAME, as the engine runs it."""
    kemp = load("kemp")
    return kemp.with_ranges({NAME: user_range(NAME, low, high, kemp.parameters[NAME])})


def kemp_with_range_on() -> object:
    at = open_app({**FAST, "preset": "kemp"})
    at.toggle(key=key_ranges.switch_key(NAME)).set_value(True).run()
    return at


def test_the_handles_start_at_the_presets_range_and_change_nothing_until_moved():
    at = kemp_with_range_on()
    assert ok(at) and not at.sidebar.warning
    assert at.slider(key=key_ranges.bounds_key(NAME)).value == (0.05, 0.15)
    assert at.main.markdown[0].value == sentence(explored(load("kemp"), 2_000))
    assert not at.info  # nothing changed from the preset


def test_a_wide_user_range_widens_the_plausible_range_as_the_engine_does():
    at = kemp_with_range_on()
    at.slider(key=key_ranges.bounds_key(NAME)).set_value((0.0, 0.6)).run()
    assert ok(at)
    wide, kemp = explored(with_user_range(0.0, 0.6), 2_000), explored(load("kemp"), 2_000)
    assert width(wide) > width(kemp) + 0.05
    assert at.main.markdown[0].value == sentence(wide)
    # Said among the changes, and the run is paired with the preset's.
    [changed] = [info.value for info in at.info]
    assert "drawn from **0%** to **60%**" in changed  # in the unit the slider shows


def test_a_collapsed_user_range_narrows_the_plausible_range_as_the_engine_does():
    at = kemp_with_range_on()
    at.slider(key=key_ranges.bounds_key(NAME)).set_value((0.08, 0.08)).run()
    assert ok(at)
    point, kemp = explored(with_user_range(0.08, 0.08), 2_000), explored(load("kemp"), 2_000)
    assert width(point) < width(kemp)
    assert at.main.markdown[0].value == sentence(point)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_range_that_leaves_out_the_point_is_said_in_words_and_not_used(lang):
    at = open_app({**FAST, "preset": "kemp", "lang": lang})
    at.toggle(key=key_ranges.switch_key(NAME)).set_value(True).run()
    at.slider(key=key_ranges.bounds_key(NAME)).set_value((0.3, 0.6)).run()
    assert ok(at)
    [warning] = [w.value for w in at.sidebar.warning]
    point = "8%" if lang == "en" else "8\u00a0%"
    assert point in warning and warning.startswith(i18n.TEXT[lang]["explore.range_outside"][:10])
    # The preset's own range still holds: the headline is the preset's.
    at_preset = open_app({**FAST, "preset": "kemp", "lang": lang})
    assert at.main.markdown[0].value == at_preset.main.markdown[0].value


def test_without_a_preset_range_the_handles_start_around_the_point():
    param = params.SCHEMA[NAME]
    assert key_ranges.default_bounds(param, 0.4) == (0.3, 0.5)  # +-25% of the point
    assert key_ranges.default_bounds(param, 0.0) == (0.0, 0.05)  # at least 5% of the scale
    assert key_ranges.default_bounds(param, 0.98) == (0.73, 1.0)  # within the limits
    at = open_app(FAST)  # the baseline gives the refusal no range
    at.toggle(key=key_ranges.switch_key(NAME)).set_value(True).run()
    assert ok(at)
    point = load("baseline").parameters[NAME]
    assert at.slider(key=key_ranges.bounds_key(NAME)).value == key_ranges.default_bounds(
        param, point)


def test_a_moved_slider_is_the_ranges_mode_and_the_reset_switches_it_off():
    at = kemp_with_range_on()
    at.slider(key=NAME).set_value(0.1).run()  # the point moves; the handles (5-15%) hold it
    assert ok(at)
    moved = load("kemp").with_overrides({NAME: 0.1})
    moved = moved.with_ranges({NAME: user_range(NAME, 0.05, 0.15, 0.1)})
    assert at.main.markdown[0].value == sentence(explored(moved, 2_000))
    at.button(key="reset").click().run()
    assert at.toggle(key=key_ranges.switch_key(NAME)).value is False
    assert at.main.markdown[0].value == sentence(explored(load("kemp"), 2_000))


def test_structural_assumptions_and_pooled_views_take_no_range():
    at = open_app(FAST)
    keys = {toggle.key for toggle in at.sidebar.toggle}
    assert key_ranges.switch_key("west.influence") in keys
    assert key_ranges.switch_key("chain.layers") not in keys
    assert key_ranges.switch_key("horizon_weeks") not in keys
    at = open_app({**FAST, "preset": "pooled"})
    assert ok(at)
    assert not [t for t in at.sidebar.toggle if t.key.startswith("range_on.")]
    assert EN["explore.key_ranges_pool"] in " ".join(c.value for c in at.sidebar.caption)
    with pytest.raises(SimulatorError, match="pooled"):
        Choice.of("pooled", {}, {NAME: (0.0, 0.5)})


def test_a_setting_with_ranges_travels_in_its_spec():
    choice = Choice.of("kemp", {"west.influence": 0.8}, {NAME: (0.0, 0.6)})
    assert choice.spec == "kemp: west.influence=0.8; chain.base_refusal~0..0.6"
    assert Choice.parse(choice.spec) == choice and not choice.is_preset
    assert choice.scenario().ranges[NAME].kind == "pert"
    assert choice.scenario().ranges[NAME].why == "set by the user"
    for bad in ("kemp: chain.base_refusal~0.3..0.6",  # leaves out the point (8%)
                "kemp: chain.base_refusal~x..y", "kemp: chain.layers~3..6",
                "kemp: chain.base_refusal~0..2", "kemp: nobody~0..1"):
        with pytest.raises(SimulatorError):
            Choice.parse(bad)


def test_the_range_controls_in_french():
    at = open_app({**FAST, "preset": "kemp", "lang": "fr"})
    at.toggle(key=key_ranges.switch_key(NAME)).set_value(True).run()
    at.slider(key=key_ranges.bounds_key(NAME)).set_value((0.0, 0.6)).run()
    assert ok(at)
    assert at.toggle(key=key_ranges.switch_key(NAME)).label == FR["explore.as_range"]
    assert at.main.markdown[0].value.startswith("Environ")
    [changed] = [info.value for info in at.info]
    assert "tirée entre **0\u00a0%** et **60\u00a0%**" in changed
    new = [key for key in EN if key.startswith(("explore.as_range", "explore.range_",
                                                "explore.key_ranges", "explore.changed_range"))]
    assert len(new) == 8
    texts = [re.sub(r"\{\w+\}", "", FR[key]) for key in new]
    assert all(FR[key] != EN[key] for key in new)
    assert not [text for text in texts if ENGLISH_WORDS.search(text)]


def test_open_in_compare_carries_the_range_and_the_switch():
    from urllib.parse import parse_qs

    at = kemp_with_range_on()
    at.slider(key=key_ranges.bounds_key(NAME)).set_value((0.0, 0.6)).run()
    [link] = [el.proto for el in at.get("page_link") if el.proto.page == "compare"]
    query = parse_qs(link.query_string)
    assert "kemp: chain.base_refusal~0..0.6" in query["scenarios"]
    assert "compare_ranges" not in query  # drawn, as Compare's default
    at.toggle(key="ranges").set_value(False).run()
    [link] = [el.proto for el in at.get("page_link") if el.proto.page == "compare"]
    assert parse_qs(link.query_string)["compare_ranges"] == ["false"]
