"""The Explore page (simulator/app/explore.py), run headless with AppTest: the numbers shown
are the engine's numbers, sliders and presets move them as the engine does, links
reproduce a view, and impossible link values fall back with a visible warning.

AppTest shows a chart only as the JSON Streamlit sends; the numbers behind the charts are
checked through the metrics, tables and captions the page shows, against direct calls to
the simulator, and the JSON sent is checked to be exactly the chart specs the page builds.
"""

import pytest
from support.apptest import (
    FAST,
    USE,
    explored,
    headline,
    markdown_text,
    metrics,
    ok,
    open_app,
    shown,
    warnings,
)

from simulator.app import i18n, widgets
from simulator.model import params
from simulator.model.agents.command_chain import layer_names
from simulator.model.scenario import list_presets, load
from simulator.results import analysis


def test_explore_renders_the_engine_numbers_by_default():
    at = open_app()
    assert ok(at)
    batch = explored(load("baseline"), 10_000)
    labels = {"nuclear_order": "P(nuclear order)", "nuclear_use": USE,
              "order_blocked": "P(blocked by the chain)", "leader_ousted": "P(leader ousted)",
              "nato_involved": "P(NATO involvement)",
              "war_ongoing": "P(war still on at the horizon)"}
    assert metrics(at) == {label: headline(batch, name) for name, label in labels.items()}
    # The whole-percent headline comes with its plausible range, whose bounds it lies within.
    assert metrics(at)[USE] == f"{round(100 * batch.estimates['nuclear_use'].estimate)}%"
    assert at.selectbox(key="preset").value == "baseline"
    assert at.slider(key="chain.layers").value == 5
    assert not at.warning


def test_a_slider_changes_the_numbers_as_the_engine_does():
    at = open_app(FAST)
    before = metrics(at)[USE]
    at.slider(key="chain.layers").set_value(8).run()
    assert ok(at)
    preset = explored(load("baseline"), 2_000)
    custom = explored(load("baseline").with_overrides({"chain.layers": 8}), 2_000)
    use = next(metric for metric in at.metric if metric.label == USE)
    assert use.value == headline(custom) != before
    # The change is the paired difference from the preset on the same worlds.
    diff = analysis.paired_difference(custom.columns["nuclear_use"], preset.columns["nuclear_use"],
                                      binary=True)
    assert use.delta == widgets.points(diff.difference)
    # More layers that must agree cannot make use more likely.
    assert custom.estimates["nuclear_use"].estimate <= preset.estimates["nuclear_use"].estimate
    assert any("Layers that must agree" in info.value for info in at.info)


def test_reset_puts_the_sliders_back_to_the_preset():
    at = open_app({**FAST, "preset": "kemp"})
    at.slider(key="chain.base_refusal").set_value(0.5).run()
    assert at.info
    at.button(key="reset").click().run()
    assert at.slider(key="chain.base_refusal").value == pytest.approx(0.08)
    assert not at.info
    assert metrics(at)[USE] == headline(explored(load("kemp"), 2_000))


def test_choosing_a_preset_moves_the_sliders_to_its_values():
    at = open_app(FAST)
    at.slider(key="chain.layers").set_value(2).run()
    at.selectbox(key="preset").set_value("kemp").run()
    assert at.slider(key="chain.layers").value == 5
    assert at.slider(key="chain.base_refusal").value == pytest.approx(0.08)
    assert at.slider(key="west.influence").value == pytest.approx(0.7)
    assert not at.info  # nothing changed from the new preset


def test_the_least_likely_view_and_its_mechanism_are_named():
    at = open_app(FAST)
    uses = {name: explored(load(name), 2_000) for name in list_presets()}
    lowest = min(uses, key=lambda name: (uses[name].estimates["nuclear_use"].estimate,
                                         uses[name].estimates["nuclear_order"].estimate))
    text = "\n".join(markdown.value for markdown in at.markdown)
    speaker = load(lowest).speaker.split()[-1]
    assert f"Least likely: {speaker}" in text
    funnel = uses[lowest].chain_funnel()
    if funnel["issued"]:  # a view may give no order at all in a small run
        stopped = 1 - funnel["executed"] / funnel["issued"]
        assert f"stops {shown(stopped)} of the orders" in text


def test_a_link_opens_with_its_values():
    at = open_app({"preset": "kemp", "chain.layers": "3", "worlds": "2000", "seed": "7"})
    assert ok(at) and not at.warning
    assert at.selectbox(key="preset").value == "kemp"
    assert at.slider(key="chain.layers").value == 3
    assert at.number_input(key="seed").value == 7
    expected = explored(load("kemp").with_overrides({"chain.layers": 3}), 2_000, 7)
    assert metrics(at)[USE] == headline(expected)


def test_impossible_link_values_fall_back_with_a_warning():
    at = open_app({"preset": "nobody", "chain.layers": "70", "leader.bluff_share": "lots",
                   "worlds": "7", "seed": "-1"})
    assert ok(at)
    text = warnings(at)
    for key in ("preset=nobody", "chain.layers=70", "leader.bluff_share=lots", "worlds=7",
                "seed=-1"):
        assert key in text
    assert "out of range" in text and "from 1 to 10" in text
    assert at.selectbox(key="preset").value == "baseline"
    assert at.slider(key="chain.layers").value == 5
    assert at.slider(key="leader.bluff_share").value == pytest.approx(0.5)
    assert metrics(at)[USE] == headline(explored(load("baseline"), 10_000))


def test_french_labels():
    at = open_app({**FAST, "lang": "fr"})
    assert ok(at)
    assert at.title[0].value == "Quelle probabilité d'emploi nucléaire ?"
    assert i18n.TEXT["fr"]["explore.headline_label"].format(weeks=52) in metrics(at)
    assert "P(ordre nucléaire)" in metrics(at)
    assert at.slider(key="chain.layers").label.startswith("Niveaux qui doivent accepter")


@pytest.mark.parametrize("name", ["baseline", "hodges", "crimea-offensive"])
def test_the_headline_says_what_stops_nuclear_use_most(name):
    at = open_app({**FAST, "preset": name})
    assert ok(at)
    batch = explored(load(name), 2_000)
    ordered = batch.columns["nuclear_order"].astype(bool)
    used = batch.columns["nuclear_use"].astype(bool)
    text = markdown_text(at)
    if used.mean() >= 0.5:
        assert "little stops it" in text
    elif (~ordered).mean() >= (ordered & ~used).mean():
        assert "**What stops it most:** **the leader himself**" in text
        never = widgets.rounded(1 - ordered.mean())
        assert f"In {never} of worlds he never gives a nuclear order" in text
    else:
        assert "**What stops it most:** **the command chain**" in text
    assert "Why so low" not in text
    funnel = batch.chain_funnel()
    names = layer_names(load(name).parameters["chain.layers"])
    assert f"**{names[int(funnel['refused_at'].argmax())]}**" in text
    assert f"{widgets.rounded(1 - funnel['executed'] / funnel['issued'])} of the orders" in text


def test_the_analysts_panel_makes_its_sliders_only_when_open():
    """A visitor's first paint waits for the key assumptions alone; the link keeps the panel
    open, and a link setting an analysts' parameter opens it with that value."""
    at = open_app(FAST)
    assert ok(at)
    assert {slider.key for slider in at.slider} == KEY_SLIDERS
    assert "All parameters (for analysts)" in [expander.label for expander in at.expander]
    at = open_app({**FAST, "analysts": "true"})
    assert ok(at) and set(params.SCHEMA) <= {slider.key for slider in at.slider}
    at = open_app({**FAST, "chain.weight_futility": "1.5"})
    assert ok(at) and not at.warning
    assert at.slider(key="chain.weight_futility").value == pytest.approx(1.5)
    custom = explored(load("baseline").with_overrides({"chain.weight_futility": 1.5}), 2_000)
    assert metrics(at)[USE] == headline(custom)


def test_key_assumptions_come_first_and_every_parameter_stays_reachable():
    at = open_app({**FAST, "analysts": "true"})
    assert ok(at)
    keys = [slider.key for slider in at.slider]
    assert set(params.SCHEMA) <= set(keys)  # every parameter, in the analysts' expander
    key_assumptions = keys[:keys.index(next(k for k in keys if k not in KEY_SLIDERS))]
    assert 8 <= len(key_assumptions) <= 10 and set(key_assumptions) == KEY_SLIDERS
    assert len(keys) == len(set(keys))  # none shown twice
    for slider in at.slider:
        if slider.key in KEY_SLIDERS:
            # plain words: no dotted name in the label, a help text that is not the label
            assert slider.key not in slider.label and slider.key not in slider.help
            assert slider.label not in slider.help.split("\n")[0]
    expanders = [expander.label for expander in at.expander]
    assert "All parameters (for analysts)" in expanders
    assert "20,000 worlds and seed 2022" in "\n".join(c.value for c in at.caption)


KEY_SLIDERS = {"leader.bluff_share", "leader.nuclear_threshold", "chain.layers",
               "chain.base_refusal", "west.influence", "battlefield.momentum",
               "battlefield.nuclear_effect", "west.decisive_response", "horizon_weeks"}


def test_a_key_assumption_link_sets_its_slider_and_the_headline_follows():
    at = open_app({**FAST, "leader.bluff_share": "1"})
    assert ok(at) and not at.warning
    assert at.slider(key="leader.bluff_share").value == pytest.approx(1.0)
    custom = explored(load("baseline").with_overrides({"leader.bluff_share": 1.0}), 2_000)
    assert metrics(at)[USE] == headline(custom)
    at = open_app({**FAST, "horizon_weeks": "26"})
    label = i18n.TEXT["en"]["explore.headline_label"].format(weeks=26)
    short = explored(load("baseline").with_overrides({"horizon_weeks": 26}), 2_000)
    assert metrics(at)[label] == headline(short)


def test_explore_sends_our_chart_specs_to_the_browser():
    """What Streamlit sends for each chart is the spec as built: should a Streamlit upgrade
    stop calling the figure's to_dict() (charts.show), this fails rather than the pages
    drawing empty charts."""
    import json

    import plotly.io as pio

    from simulator.app import charts, runs
    from simulator.app.scenarios import Choice

    at = open_app({"preset": "kemp", "chain.layers": "3", "worlds": "2000", "seed": "7"})
    assert ok(at)
    choice = Choice.of("kemp", {"chain.layers": 3})
    result = runs.summary(choice, 2_000, 7, uncertainty=True)
    reference = runs.summary(Choice("kemp"), 2_000, 7, uncertainty=True)
    rows = runs.views(2_000, 7, uncertainty=True)
    current = (i18n.TEXT["en"]["view.this_setting"], result.estimates["nuclear_use"],
               result.predictive["nuclear_use"])
    expected = [charts.spread(result), charts.views_strip(rows, current, "kemp"),
                charts.highest_rung(result, reference),
                *([charts.chain_funnel(result)] if result.funnel["issued"] else []),
                charts.cumulative_use(result, reference), charts.rung_fan(result)]
    sent = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    assert len(sent) == len(expected)
    for spec, ours in zip(sent, expected, strict=True):
        assert spec["data"] and spec["layout"]["height"] == ours["layout"]["height"]
        assert spec == json.loads(pio.to_json(ours, validate=False))
    assert all(json.loads(chart.proto.config) == charts.CHART_CONFIG
               for chart in at.get("plotly_chart"))


def test_the_small_words_say_what_they_mean():
    """Help that works on touch, kinds of views named apart, the change's interval named as
    95%, the answer copied atop a phone's drawer, units that read right for one."""
    at = open_app(FAST)
    assert ok(at)
    captions = "\n".join(caption.value for caption in at.caption)
    assert "Hover" not in captions and "Tap or point at (?)" in captions
    assert "Experts' views: " in captions and "no one's view: " in captions
    assert "README" not in captions and "tables" not in captions
    use = metrics(at)[USE]
    assert f"**{USE}: {use}**" in markdown_text(at)  # the drawer's copy of the answer
    layers = at.slider(key="chain.layers")
    assert (layers.proto.format % 1) == "layers: 1"
    at.slider(key="chain.layers").set_value(3).run()
    metric = next(metric for metric in at.metric if metric.label == USE)
    assert metric.proto.delta_description.startswith("vs preset, 95% interval [")


def test_a_browsers_first_run_sends_the_answer_then_the_next_run_the_whole_page(monkeypatch):
    """A plain visit's first run in a browser stops after the answer's words (no chart, no
    other outcome) and the sidebar's heading (no slider yet: every control is at the view's
    value), with the component that reruns the page once they are drawn; the next run,
    whatever starts it, draws everything, with the same answer. AppTest sends no
    User-Agent: a browser is faked."""
    from simulator.app import first_paint

    monkeypatch.setattr(first_paint, "browser", lambda: True)
    at = open_app()
    assert ok(at)
    batch = explored(load("baseline"), 10_000)
    assert metrics(at) == {USE: headline(batch)}
    assert "plausibly" in markdown_text(at)  # the range in words comes with it
    assert not at.get("plotly_chart") and not at.slider
    assert at.sidebar.selectbox(key="preset").value == "baseline"
    at.run()  # as the component's signal does
    assert ok(at)
    assert len(metrics(at)) == 6 and metrics(at)[USE] == headline(batch)
    assert len(at.get("plotly_chart")) == 6
    assert at.slider(key="chain.layers").value == 5
    at.slider(key="chain.layers").set_value(6).run()  # later runs too
    assert len(at.get("plotly_chart")) == 6


@pytest.mark.parametrize("query", [{"chain.layers": "6"}, {"worlds": "2000"}])
def test_a_link_with_a_setting_gets_its_sliders_in_the_first_run(monkeypatch, query):
    """A link that sets something paints its sliders with the answer: the answer is the
    link's, which only the widgets read from it."""
    from simulator.app import first_paint

    monkeypatch.setattr(first_paint, "browser", lambda: True)
    at = open_app(query)
    assert ok(at)
    assert not at.get("plotly_chart") and at.slider(key="chain.layers")
    first = metrics(at)
    at.run()
    assert ok(at) and metrics(at)[USE] == first[USE]


def test_a_link_notice_shown_once_is_not_taken_away_by_the_first_paint(monkeypatch):
    """A bad link value is named once (it leaves the link): that run draws the whole page."""
    from simulator.app import first_paint

    monkeypatch.setattr(first_paint, "browser", lambda: True)
    at = open_app({"chain.layers": "70", "seeed": "7"})
    assert ok(at)
    assert "chain.layers=70" in warnings(at) and "seeed" in warnings(at)
    assert len(at.get("plotly_chart")) == 6 and len(metrics(at)) == 6
