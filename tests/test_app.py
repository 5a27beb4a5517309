"""The Streamlit app, run headless with AppTest: every page renders, the numbers shown are
the engine's numbers, links reproduce a view, and impossible link values fall back with a
visible warning.

Charts are opaque to AppTest, so the numbers behind them are checked through the metrics,
tables and captions the pages show, against direct calls to the simulator.
"""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from simulator import analysis, claims, engine, experiments, ladder, params, record, story
from simulator.scenario import list_presets, load
from ui import i18n, widgets

APP = str(Path(__file__).resolve().parent.parent / "app.py")
TITLES = {"ui/compare.py": "compare.title", "ui/sensitivity.py": "sensitivity.title",
          "ui/one_world.py": "world.title", "ui/claims.py": "claims.title",
          "ui/calibration.py": "calibration.title"}
PAGES = list(TITLES)
FAST = {"worlds": "2000"}
"""Explore with 2,000 worlds: the same code paths as 10,000, five times faster."""


def open_app(query: dict | None = None, page: str | None = None) -> AppTest:
    """Run the app (optionally on ``page``) as if opened from a link with ``query``."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params.update(query or {})
    at.run()
    if page is None:
        return at
    # AppTest always starts on the default page; the link's values go along to the next.
    at.switch_page(page)
    at.query_params.clear()
    at.query_params.update(query or {})
    return at.run()


def ok(at: AppTest) -> bool:
    """No exception: none shown, and none caught by the page guard (app.py shows those as
    a short error message and logs the traceback)."""
    starts = tuple(i18n.TEXT[lang]["error.unexpected"].split("{")[0] for lang in i18n.LANGUAGES)
    return not at.exception and not [e for e in at.error if e.value.startswith(starts)]


def metrics(at: AppTest) -> dict[str, str]:
    """Shown metric values by label."""
    return {metric.label: metric.value for metric in at.metric}


def warnings(at: AppTest) -> str:
    """Every warning on the page, as one text."""
    return "\n".join(warning.value for warning in at.warning)


def shown(p: float) -> str:
    """A probability as the app formats it."""
    return widgets.percent(p)


# --- every page -------------------------------------------------------------------------

def test_explore_renders_the_engine_numbers_by_default():
    at = open_app()
    assert ok(at)
    batch = engine.run(load("baseline"), 10_000, 0, workers=1)
    labels = {"nuclear_order": "P(nuclear order)", "nuclear_use": "P(nuclear use)",
              "order_blocked": "P(blocked by the chain)", "leader_ousted": "P(leader ousted)",
              "nato_involved": "P(NATO involvement)",
              "war_ongoing": "P(war still on at the horizon)"}
    assert metrics(at) == {label: shown(batch.estimates[name].estimate)
                           for name, label in labels.items()}
    use = batch.estimates["nuclear_use"]
    captions = [caption.value for caption in at.caption]
    assert f"95% interval {shown(use.ci_low)} – {shown(use.ci_high)}" in captions
    assert at.selectbox(key="preset").value == "baseline"
    assert at.slider(key="chain.layers").value == 5
    assert not at.warning


@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_without_exception(page):
    at = open_app(page=page)
    assert ok(at)
    assert at.title


# --- Explore: sliders move the numbers the way the model says ---------------------------

def test_a_slider_changes_the_numbers_as_the_engine_does():
    at = open_app(FAST)
    before = metrics(at)["P(nuclear use)"]
    at.slider(key="chain.layers").set_value(8).run()
    assert ok(at)
    preset = engine.run(load("baseline"), 2_000, 0, workers=1)
    custom = engine.run(load("baseline").with_overrides({"chain.layers": 8}), 2_000, 0, workers=1)
    use = next(metric for metric in at.metric if metric.label == "P(nuclear use)")
    assert use.value == shown(custom.estimates["nuclear_use"].estimate) != before
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
    assert metrics(at)["P(nuclear use)"] == shown(
        engine.run(load("kemp"), 2_000, 0, workers=1).estimates["nuclear_use"].estimate)


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
    uses = {name: engine.run(load(name), 2_000, 0, workers=1) for name in list_presets()}
    lowest = min(uses, key=lambda name: (uses[name].estimates["nuclear_use"].estimate,
                                         uses[name].estimates["nuclear_order"].estimate))
    text = "\n".join(markdown.value for markdown in at.markdown)
    speaker = load(lowest).speaker.split()[-1]
    assert f"Least likely: {speaker}" in text
    funnel = uses[lowest].chain_funnel()
    if funnel["issued"]:  # a view may give no order at all in a small run
        stopped = 1 - funnel["executed"] / funnel["issued"]
        assert f"stops {shown(stopped)} of the orders" in text


# --- links ------------------------------------------------------------------------------

def test_a_link_opens_with_its_values():
    at = open_app({"preset": "kemp", "chain.layers": "3", "worlds": "2000", "seed": "7"})
    assert ok(at) and not at.warning
    assert at.selectbox(key="preset").value == "kemp"
    assert at.slider(key="chain.layers").value == 3
    assert at.number_input(key="seed").value == 7
    expected = engine.run(load("kemp").with_overrides({"chain.layers": 3}), 2_000, 7, workers=1)
    assert metrics(at)["P(nuclear use)"] == shown(expected.estimates["nuclear_use"].estimate)


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
    assert metrics(at)["P(nuclear use)"] == shown(
        engine.run(load("baseline"), 10_000, 0, workers=1).estimates["nuclear_use"].estimate)


def test_french_labels():
    at = open_app({**FAST, "lang": "fr"})
    assert ok(at)
    assert at.title[0].value == "Quelle probabilité d'emploi nucléaire ?"
    assert "P(emploi nucléaire)" in metrics(at)
    assert at.slider(key="chain.layers").label.startswith("Niveaux qui doivent accepter")


@pytest.mark.parametrize("page", PAGES)
def test_every_page_opens_in_the_language_of_its_link(page):
    at = open_app({"lang": "fr"}, page)
    assert ok(at)
    assert at.radio(key="lang").value == "fr"
    assert at.title[0].value == i18n.TEXT["fr"][TITLES[page]]
    at = open_app({"lang": "de"}, page)
    assert "lang=de" in warnings(at) and at.radio(key="lang").value == "en"


def test_every_label_exists_in_both_languages():
    assert set(i18n.TEXT["fr"]) == set(i18n.TEXT["en"])
    assert set(i18n.PARAMETERS) == set(params.SCHEMA)
    assert set(i18n.OUTCOMES) == set(analysis.OUTCOMES)
    assert set(i18n.ACTORS) >= set(params.by_actor())
    assert len(i18n.RUNGS) == len(ladder.RUNGS)


# --- Compare ----------------------------------------------------------------------------

def test_compare_shows_paired_differences_of_a_saved_setting():
    spec = "kemp: chain.layers=3"
    at = open_app({"scenarios": ["kemp", spec], "compare_worlds": "2000"}, "ui/compare.py")
    assert ok(at) and not at.warning
    kemp = engine.run(load("kemp"), 2_000, 0, workers=1)
    custom = engine.run(load("kemp").with_overrides({"chain.layers": 3}), 2_000, 0, workers=1)
    side_by_side, differences = (table.value for table in at.table[:2])
    assert side_by_side.loc["P(nuclear use)", "Kemp"] == widgets.estimate_text(
        "nuclear_use", kemp.estimates["nuclear_use"])
    assert side_by_side.loc["P(nuclear use)", spec] == widgets.estimate_text(
        "nuclear_use", custom.estimates["nuclear_use"])
    territory = custom.estimates["territory_km2"]
    assert side_by_side.loc["Territory retaken by Ukraine (km²)", spec] == territory.text(False)
    diff = analysis.paired_difference(custom.columns["nuclear_use"], kemp.columns["nuclear_use"],
                                      binary=True)
    assert differences.loc["P(nuclear use)", spec].startswith(widgets.points(diff.difference))
    # One page per scenario: the custom one lists its changed layers and Kemp's claims.
    description = at.table[3].value
    assert "3" in description.filter(like="chain.layers", axis=0).iloc[0].tolist()


def test_compare_warns_about_a_scenario_it_cannot_read():
    at = open_app({"scenarios": ["baseline", "kemp: chain.layers=70", "nobody"],
                   "compare_worlds": "1000"}, "ui/compare.py")
    assert ok(at)
    text = warnings(at)
    assert "chain.layers=70" in text and "out of range" in text and "nobody" in text
    assert "at least two" in at.info[0].value


# --- Sensitivity ------------------------------------------------------------------------

def test_sensitivity_warns_about_impossible_link_values():
    at = open_app({"sobol_preset": "nobody", "sobol_samples": "100",
                   "sobol_parameters": ["chain.layers", "chain.nonsense"]}, "ui/sensitivity.py")
    assert ok(at)
    text = warnings(at)
    assert "sobol_preset=nobody" in text and "sobol_samples=100" in text
    assert "chain.nonsense" in text


def test_sensitivity_ranks_the_real_indices_like_the_engine():
    query = {"sobol_parameters": ["chain.layers", "leader.bluff_share"], "sobol_samples": "32",
             "sobol_runs": "250", "sobol_spread": "1.0"}
    at = open_app(query, "ui/sensitivity.py")
    at.button[0].click().run()
    assert ok(at)
    table = at.dataframe[0].value
    assert set(table["parameter"]) == {"chain.layers", "leader.bluff_share"}
    assert list(table["total"]) == sorted(table["total"], reverse=True)
    direct = experiments.sensitivity(load("baseline"), {"chain.layers": (1, 10),
                                     "leader.bluff_share": (0.0, 1.0)}, samples=32,
                                     runs_per_point=250, seed=0, workers=1).to_pandas()
    assert list(table["total"]) == pytest.approx(list(direct["total"]))


# --- One world --------------------------------------------------------------------------

def test_one_world_tells_the_linked_world():
    at = open_app({"story_preset": "kemp", "story_seed": "3", "world": "42"}, "ui/one_world.py")
    assert ok(at) and not at.warning
    weeks = story.tell(load("kemp"), 3, 42)
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "World 42" in text
    assert all(week.text() in text for week in weeks)


def test_one_world_jumps_to_worlds_with_use_and_with_refusal():
    at = open_app(page="ui/one_world.py")
    columns = engine.run(load("baseline"), 10_000, 0, workers=1).columns
    at.button[0].click().run()
    assert at.number_input(key="world").value == story.find_world(columns, "nuclear_use")
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "Nuclear use in week" in text
    at.number_input(key="world").set_value(0).run()
    at.button[1].click().run()
    assert at.number_input(key="world").value == story.find_world(columns, "order_blocked")
    assert "The chain refused" in "\n".join(markdown.value for markdown in at.markdown)


def test_one_world_warns_about_a_world_out_of_range():
    at = open_app({"world": "123456", "story_preset": "nobody"}, "ui/one_world.py")
    assert ok(at)
    assert "world=123456" in warnings(at) and "story_preset=nobody" in warnings(at)
    assert at.number_input(key="world").value == 0


# --- Claims -----------------------------------------------------------------------------

def test_claims_search_and_check_results():
    at = open_app({"q": "cinq niveaux"}, "ui/claims.py")
    assert ok(at)
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "kemp-five-levels" in text and "il y a environ cinq niveaux" in text
    assert at.caption[0].value.startswith(f"1 of {len(claims.load_claims())} claims.")

    at = open_app({"speakers": "Col. Richard Kemp", "checked_only": "true"}, "ui/claims.py")
    registry = [c for c in claims.load_claims() if c.speaker == "Col. Richard Kemp" and c.check]
    verdicts = {v.claim.id: v for v in claims.verdicts(claims=registry)}
    text = "\n".join(markdown.value for markdown in at.markdown)
    for claim in registry:
        verdict = verdicts[claim.id]
        word = "holds" if verdict.holds.passed else "does not hold"
        assert f"Check under the `{claim.check.preset}` preset: {word}" in text
        assert verdict.holds.detail in text
        setting = claim.check.falsifier.describe(claim.check.preset)
        assert f"Must fail under `{setting}`, the view argued against: fails there" in text
        assert verdict.falsified.detail in text


def test_claims_quote_first_in_french_and_warn_about_unknown_speakers():
    at = open_app({"lang": "fr", "q": "cinq niveaux", "speakers": "Nobody"}, "ui/claims.py")
    assert ok(at)
    assert "speakers=Nobody" in warnings(at)
    parts = [markdown.value for markdown in at.markdown]
    quote = next(i for i, part in enumerate(parts) if "il y a environ cinq niveaux" in part)
    assert parts[quote + 1].startswith("**Paraphrase (en anglais)**")


# --- Calibration ------------------------------------------------------------------------

def table_with(at: AppTest, column: str):
    """The first table shown with ``column`` among its columns."""
    return next(table.value for table in at.table if column in table.value.columns)


def test_calibration_sets_each_preset_beside_the_forecasts():
    at = open_app(page="ui/calibration.py")
    assert ok(at)
    forecasts = table_with(at, "Question")
    model = table_with(at, "Chance each view gave to what happened (no use within 52 weeks)")
    the_record = record.default()
    assert list(forecasts["Question"]) == [f.question for f in the_record.forecasts]
    assert {"Samotsvety Forecasting", "Swift Centre", "Metaculus community"} <= set(
        forecasts["Source"])
    assert "Metaculus Pro forecasters" not in set(forecasts["Source"])  # a test, not use
    assert "3 Oct 2022" in set(forecasts["Date"])
    rows = forecasts.set_index("Question")
    for forecast in the_record.forecasts:
        scored = rows.loc[forecast.question, "Scored"]
        assert scored == "Yes" if forecast.scored else forecast.why_not_scored in scored
    swift = rows.loc[next(f.question for f in the_record.forecasts if f.id == "swift-2022-10")]
    assert (swift["Forecast"], swift["Horizon"]) == ("9% (5–20%)", "30 Apr 2023")
    kemp = engine.run(load("kemp"), 10_000, 0, workers=1).estimates["nuclear_use"]
    row = model.set_index("View").loc["Kemp"]
    assert row["P(nuclear use)"].startswith(shown(kemp.estimate))
    assert "no Russian nuclear detonation" in at.success[0].value


def test_what_happened_scores_each_view_against_the_record():
    at = open_app(page="ui/calibration.py")
    assert ok(at)
    assert [header.value for header in at.header] == ["What happened"]
    the_record = record.default()
    # The baseline's joint probability is the record's backtest of the same worlds.
    batch = engine.run(load("baseline"), 10_000, 0, workers=1)
    direct = record.backtest_columns("baseline", batch.columns,
                                     load("baseline").parameters["horizon_weeks"])
    ranking = table_with(at, "P(the recorded year)")
    assert ranking.loc["Baseline", "P(the recorded year)"] == shown(direct.joint.estimate)
    assert ranking.loc["Baseline", "Log score"] == f"{direct.log_score:.2f}"
    assert ranking.loc["Baseline", "Mean Brier score on the forecast questions"] == \
        f"{direct.brier:.4f}"
    assert set(ranking.index) == {"Baseline", "Kemp", "Hodges", "Alperovitch", "Alexander",
                                  "Black sea demonstration", "Crimea offensive"}
    joints = [float(p.rstrip("%")) for p in ranking["P(the recorded year)"]]
    assert joints == sorted(joints, reverse=True)
    # Every scored event, with its date, source and each view's probability; no context event.
    events = table_with(at, "Event")
    def dated(e):
        return f"{e.label} ({e.date.day} {e.date:%b %Y})"

    assert list(events["Event"]) == [dated(e) for e in the_record.scored_events]
    assert "Ukraine Crisis Media Center, 10 Oct 2022" in set(events["Source"])
    assert "A nuclear weapon is used: no" in set(events["How it maps onto the model"])
    by_event = events.set_index("Event")["Baseline"]
    for event in the_record.scored_events:
        assert by_event[dated(event)] == shown(direct.events[event.id].estimate)
    # One row per scored forecast: the forecaster's p and Brier beside each view's p.
    scores = table_with(at, "Forecaster's p")
    assert len(scores) == len(the_record.scored_forecasts) + 1  # + the mean Brier row
    answers = {score.forecast.id: score for score in direct.forecasts}
    for i, forecast in enumerate(the_record.scored_forecasts):
        row = scores.iloc[i]
        assert row["Forecaster's p"] == shown(forecast.probability)
        assert row["Forecaster's Brier score"] == f"{forecast.brier:.4f}"
        assert row["Baseline"] == shown(answers[forecast.id].estimate.estimate)
    assert scores.iloc[-1]["Baseline"] == f"{direct.brier:.4f}"
    text = "\n".join(info.value for info in at.info)
    assert "One history is one draw" in text and "never used to fit the model" in text


def test_what_happened_in_french():
    at = open_app({"lang": "fr"}, "ui/calibration.py")
    assert ok(at)
    assert [header.value for header in at.header] == ["Ce qui s'est passé"]
    events = table_with(at, "Événement (en anglais)")
    assert "Une arme nucléaire est employée : non" in set(events["Traduction dans le modèle"])
    assert table_with(at, "P(l'année observée)").index.name == "Point de vue"


def test_a_crafted_link_cannot_inject_markdown_into_the_warning():
    at = open_app({"chain.layers": "[click](http://evil.example)", "preset": "`x` **y**"})
    assert ok(at)
    text = warnings(at)
    # the raw value only inside a code span (inert), the error's copy of it escaped
    assert "`chain.layers=[click](http://evil.example)`" in text
    assert text.count("](http") == 1
    # no link; a word joiner after the scheme stops GitHub's bare-URL autolink
    assert "\\[click\\]\\(http\\:\u2060\\/\\/evil\\.example\\)" in text
    # a backtick in the value cannot close the code span early: a longer fence
    assert "``preset=`x` **y**``" in text
    # (tests/test_app_hostile_urls.py tries every hostile value on every page)
