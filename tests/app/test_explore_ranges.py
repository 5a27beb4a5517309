"""Explore's plausible range (simulator/app/plausible.py, explore.py): the headline says, in
plain words and first, where the chance plausibly lies given the presets' ranges, beside the
simulation noise, in English and French; a run without ranges says its spread is noise only;
the expert views' table and charts show each view's range. Every number is checked against
the engine's own run with ``uncertainty=True`` (or without, for the contrasting case).
"""

import json
import re

import pytest
from support.apptest import FAST, USE, explored, headline, metrics, ok, open_app
from support.french import ENGLISH_WORDS

from simulator.app import i18n, plausible
from simulator.app.scenarios import short_name
from simulator.model.scenario import list_presets, load
from simulator.running import engine

EN, FR = i18n.TEXT["en"], i18n.TEXT["fr"]


def bounds(found, fmt=lambda v, d: f"{v:.{d}f}") -> tuple[str, str]:
    """A predictive interval's bounds in points, rounded as the page rounds the headline."""
    shown = plausible.digits(found.estimate.estimate, found.pi_high - found.pi_low)
    return fmt(100 * found.pi_low, shown), fmt(100 * found.pi_high, shown)


def captions(at) -> list[str]:
    """The page's captions and Markdown texts, in order within each kind (the plausible
    range's sentence is Markdown, its chart's caption a caption)."""
    return [markdown.value for markdown in at.markdown] + [caption.value for caption in at.caption]


def test_the_headline_gives_the_plausible_range_first_wider_than_the_noise():
    at = open_app(FAST)
    assert ok(at)
    batch = explored(load("baseline"), 2_000)
    found, est = batch.predictive["nuclear_use"], batch.estimates["nuclear_use"]
    # The engine's predictive interval is far wider than its Monte Carlo one.
    assert found.pi_high - found.pi_low > 2 * (est.ci_high - est.ci_low)
    low, high = bounds(found)
    noise = f"{100 * (est.ci_high - est.ci_low) / 2:.1f}"
    sentence = (f"About {headline(batch)}; plausibly {low}–{high}% given what we don't know "
                f"(the ranges of the assumptions); simulation noise ±{noise} points.")
    # Plain words first: right under the number, the page's first text after its lead.
    assert at.main.markdown[0].value == sentence
    assert EN["plausible.chart_caption"] in captions(at)
    # Whole percent: the plausible range is several points wide.
    assert metrics(at)[USE] == f"{round(100 * est.estimate)}%"
    # The help names both intervals with their exact bounds, for analysts.
    use = next(metric for metric in at.metric if metric.label == USE)
    assert "95% predictive interval" in use.help and "95% Monte Carlo interval" in use.help


def test_the_headline_in_french_gives_the_plausible_range_in_french():
    at = open_app({**FAST, "lang": "fr"})
    assert ok(at)
    batch = explored(load("baseline"), 2_000)
    found, est = batch.predictive["nuclear_use"], batch.estimates["nuclear_use"]
    low, high = bounds(found, lambda v, d: f"{v:.{d}f}".replace(".", ","))
    noise = f"{100 * (est.ci_high - est.ci_low) / 2:.1f}".replace(".", ",")
    value = f"{round(100 * est.estimate)}\u00a0%"
    sentence = (f"Environ {value} ; plausiblement {low} à {high}\u00a0% compte tenu de ce que "
                f"nous ignorons (les fourchettes des hypothèses) ; bruit de simulation "
                f"±{noise} points.")
    assert at.main.markdown[0].value == sentence
    assert metrics(at)[FR["explore.headline_label"].format(weeks=52)] == value
    # French complete: no English word left in any of the new texts.
    new = [FR[key] for key in FR if key.startswith("plausible.")] + [
        FR["explore.ranges"], FR["explore.ranges_help"], FR["table.use_range"],
        FR["explore.strip_caption_ranges"], FR["explore.headline_help"]]
    assert not [text for text in new if ENGLISH_WORDS.search(re.sub(r"\{\w+\}", "", text))]
    assert all(text != EN[key] for key, text in FR.items() if key.startswith("plausible.")
               and key != "plausible.range")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_without_the_ranges_the_page_says_the_spread_is_noise_only(lang):
    at = open_app({**FAST, "ranges": "false", "lang": lang})
    assert ok(at) and not at.warning
    assert at.toggle(key="ranges").value is False
    point = engine.run(load("baseline"), 2_000, 0, workers=1)  # the point values: no draws
    est = point.estimates["nuclear_use"]
    texts = i18n.TEXT[lang]
    shown = captions(at)
    start = texts["plausible.noise_only"].split("{")[0]  # "About " / "Environ "
    [sentence] = [text for text in shown if text.startswith(start)]
    assert texts["plausible.reason_off"] in sentence
    noise = f"{100 * (est.ci_high - est.ci_low) / 2:.1f}"
    assert f"±{noise if lang == 'en' else noise.replace('.', ',')} points" in sentence
    assert texts["plausible.chart_caption_noise"] in shown
    assert texts["plausible.chart_caption"] not in shown
    # Rounded to what the noise allows, from the point run; no range column in the table.
    digits = plausible.digits(est.estimate, est.ci_high - est.ci_low)
    label = texts["explore.headline_label"].format(weeks=52)
    with_unit = f"{100 * est.estimate:.{digits}f}" + ("%" if lang == "en" else "\u00a0%")
    assert metrics(at)[label] == (with_unit if lang == "en" else with_unit.replace(".", ","))
    assert texts["table.use_range"] not in at.table[0].value.columns


def test_a_moved_slider_keeps_the_other_ranges():
    at = open_app({**FAST, "chain.layers": "8"})
    assert ok(at)
    custom = load("baseline").with_overrides({"chain.layers": 8})
    assert custom.ranges  # the slider's own parameter had none to drop; the rest stay
    batch = explored(custom, 2_000)
    low, high = bounds(batch.predictive["nuclear_use"])
    assert any(f"plausibly {low}–{high}%" in text for text in captions(at))


def test_the_views_table_and_strip_show_each_views_plausible_range():
    at = open_app(FAST)
    assert ok(at)
    table = at.table[0].value
    assert EN["table.use_range"] in table.columns
    for name in list_presets():
        found = explored(load(name), 2_000).predictive["nuclear_use"]
        low, high = bounds(found)
        row = table.loc[i18n.preset_name(name, short_name(name))]
        assert row[EN["table.use_range"]] == f"{low}–{high}%"
        assert row[EN["table.use"]] == i18n.fmt_percent(found.estimate.estimate)
    strip = next(json.loads(chart.proto.spec) for chart in at.get("plotly_chart")
                 if chart.proto.spec and "bar" in chart.proto.spec)
    bar, noise = strip["data"][0], strip["data"][1]
    # The bar's whiskers reach the plausible range, the thin ones over them the noise alone.
    assert all(wide > thin for wide, thin in zip(bar["error_x"]["array"],
                                                 noise["error_x"]["array"], strict=True))
    assert EN["explore.strip_caption_ranges"].split("{")[0] in "\n".join(captions(at))


def test_the_spread_chart_shows_the_range_above_the_noise():
    at = open_app(FAST)
    batch = explored(load("baseline"), 2_000)
    found, est = batch.predictive["nuclear_use"], batch.estimates["nuclear_use"]
    spec = next(json.loads(chart.proto.spec) for chart in at.get("plotly_chart")
                if EN["plausible.chart_range"] in chart.proto.spec)
    wide, narrow = spec["data"][0], spec["data"][1]
    assert wide["x"] == pytest.approx([found.pi_low, found.pi_high])
    assert narrow["x"] == pytest.approx([est.ci_low, est.ci_high])
    assert wide["y"][0] == EN["plausible.chart_range"]
    assert narrow["y"][0] == EN["plausible.chart_noise"]


@pytest.mark.parametrize(("width", "decimals"), [(0.16, 0), (0.03, 0), (0.02, 1), (0.004, 1),
                                                 (0.002, 2), (0.0, 2)])
def test_numbers_are_never_finer_than_a_third_of_their_interval(width, decimals):
    assert plausible.decimals(width) == decimals


def test_a_small_chance_keeps_one_significant_figure():
    # 0.4% known within 3 points would read "0%": it reads "0.4%" instead.
    assert plausible.digits(0.004, 0.03) == 1
    assert plausible.digits(0.0, 0.03) == 0


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_pooled_view_shows_its_views_weights_and_plausible_range(lang):
    at = open_app({**FAST, "preset": "pooled", "lang": lang})
    assert ok(at)
    batch = explored(load("pooled"), 2_000)
    shown = metrics(at)[i18n.TEXT[lang]["explore.headline_label"].format(weeks=52)]
    assert shown.replace("\xa0", "").replace(",", ".") == headline(batch)
    shown = " ".join(caption.value for caption in at.sidebar.caption)
    start = i18n.TEXT[lang]["explore.pool"].split("{views}")[0]
    assert start in shown and "25" in shown  # each view's weight, in plain words
    assert ("barely worth mentioning" if lang == "en" else "à peine dignes") in shown
    found = batch.predictive["nuclear_use"]
    assert found.parts["disagreement"] > 0.3  # the experts' disagreement is most of it
    assert at.main.markdown[0].value.startswith("About" if lang == "en" else "Environ")
