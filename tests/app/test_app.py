"""The Streamlit app, run headless with AppTest: every page renders, the numbers shown are
the engine's numbers, links reproduce a view, and impossible link values fall back with a
visible warning.

AppTest shows a chart only as the JSON Streamlit sends; the numbers behind the charts are
checked through the metrics, tables and captions the pages show, against direct calls to
the simulator, and the JSON sent is checked to be exactly the chart specs the pages build.
"""

from pathlib import Path
from urllib.parse import parse_qsl

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import metrics, ok, page_path

from simulator import locales
from simulator.app import i18n, widgets
from simulator.evidence import claims, record
from simulator.model import ladder, params
from simulator.model.agents.command_chain import layer_names
from simulator.model.scenario import list_presets, load
from simulator.results import analysis
from simulator.running import engine
from simulator.studies import sobol, story

APP = str(Path(__file__).resolve().parents[2] / "app.py")
TITLES = {page_path("compare"): "compare.title", page_path("sensitivity"): "sensitivity.title",
          page_path("one_world"): "world.title", page_path("claims"): "claims.title",
          page_path("calibration"): "calibration.title", page_path("about"): "about.title"}
PAGES = list(TITLES)
FAST = {"worlds": "2000"}
"""Explore with 2,000 worlds: the same code paths as 10,000, five times faster."""
USE = i18n.TEXT["en"]["explore.headline_label"].format(weeks=52)
"""Explore's headline: P(nuclear use) within the (baseline's) horizon, in plain words."""


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
    labels = {"nuclear_order": "P(nuclear order)", "nuclear_use": USE,
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
    before = metrics(at)[USE]
    at.slider(key="chain.layers").set_value(8).run()
    assert ok(at)
    preset = engine.run(load("baseline"), 2_000, 0, workers=1)
    custom = engine.run(load("baseline").with_overrides({"chain.layers": 8}), 2_000, 0, workers=1)
    use = next(metric for metric in at.metric if metric.label == USE)
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
    assert metrics(at)[USE] == shown(
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
    assert metrics(at)[USE] == shown(expected.estimates["nuclear_use"].estimate)


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
    assert metrics(at)[USE] == shown(
        engine.run(load("baseline"), 10_000, 0, workers=1).estimates["nuclear_use"].estimate)


def test_french_labels():
    at = open_app({**FAST, "lang": "fr"})
    assert ok(at)
    assert at.title[0].value == "Quelle probabilité d'emploi nucléaire ?"
    assert i18n.TEXT["fr"]["explore.headline_label"].format(weeks=52) in metrics(at)
    assert "P(ordre nucléaire)" in metrics(at)
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
    assert all(i18n.has(f"outcome.{name}") for name in analysis.OUTCOMES)
    assert all(i18n.has(f"actor.{name}") for name in params.by_actor())
    french = locales.catalogue("fr")
    assert all((f"rung.{rung.level}", rung.label) in french for rung in ladder.RUNGS)
    assert all((f"parameter.{name}", label) in french for name, label in i18n.PARAMETERS.items())


# --- Compare ----------------------------------------------------------------------------

def test_compare_shows_paired_differences_of_a_saved_setting():
    spec = "kemp: chain.layers=3"
    at = open_app({"scenarios": ["kemp", spec], "compare_worlds": "2000"}, page_path("compare"))
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
                   "compare_worlds": "1000"}, page_path("compare"))
    assert ok(at)
    text = warnings(at)
    assert "chain.layers=70" in text and "out of range" in text and "nobody" in text
    assert "at least two" in at.info[0].value


# --- Sensitivity ------------------------------------------------------------------------

def test_sensitivity_warns_about_impossible_link_values():
    at = open_app({"sobol_preset": "nobody", "sobol_samples": "100",
                   "sobol_parameters": ["chain.layers", "chain.nonsense"]},
                  page_path("sensitivity"))
    assert ok(at)
    text = warnings(at)
    assert "sobol_preset=nobody" in text and "sobol_samples=100" in text
    assert "chain.nonsense" in text


def test_sensitivity_ranks_the_real_indices_like_the_engine():
    query = {"sobol_parameters": ["chain.layers", "leader.bluff_share"], "sobol_samples": "32",
             "sobol_runs": "250", "sobol_spread": "1.0"}
    at = open_app(query, page_path("sensitivity"))
    at.button[0].click().run()
    assert ok(at)
    table = at.dataframe[0].value
    assert set(table["parameter"]) == {"chain.layers", "leader.bluff_share"}
    assert list(table["total"]) == sorted(table["total"], reverse=True)
    direct = sobol.sensitivity(load("baseline"), {"chain.layers": (1, 10),
                                     "leader.bluff_share": (0.0, 1.0)}, samples=32,
                                     runs_per_point=250, seed=0, workers=1).to_pandas()
    assert list(table["total"]) == pytest.approx(list(direct["total"]))


# --- One world --------------------------------------------------------------------------

def test_one_world_tells_the_linked_world():
    at = open_app({"story_preset": "kemp", "story_seed": "3", "world": "42"},
                  page_path("one_world"))
    assert ok(at) and not at.warning
    weeks = story.tell(load("kemp"), 3, 42)
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "World 42" in text
    assert all(week.text() in text for week in weeks)


def test_one_world_jumps_to_worlds_with_use_and_with_refusal():
    at = open_app(page=page_path("one_world"))
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
    at = open_app({"world": "123456", "story_preset": "nobody"}, page_path("one_world"))
    assert ok(at)
    assert "world=123456" in warnings(at) and "story_preset=nobody" in warnings(at)
    assert at.number_input(key="world").value == 0


# --- Claims -----------------------------------------------------------------------------

def test_claims_search_and_check_results():
    at = open_app({"q": "cinq niveaux"}, page_path("claims"))
    assert ok(at)
    text = "\n".join(markdown.value for markdown in at.markdown)
    assert "kemp-five-levels" in text and "il y a environ cinq niveaux" in text
    assert at.caption[0].value.startswith(f"1 of {len(claims.load_claims())} claims.")

    at = open_app({"speakers": "Col. Richard Kemp", "checked_only": "true"}, page_path("claims"))
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
    at = open_app({"lang": "fr", "q": "cinq niveaux", "speakers": "Nobody"}, page_path("claims"))
    assert ok(at)
    assert "speakers=Nobody" in warnings(at)
    parts = [markdown.value for markdown in at.markdown]
    quote = next(i for i, part in enumerate(parts) if "il y a environ cinq niveaux" in part)
    claim = next(c for c in claims.load_claims() if "il y a environ cinq niveaux" in c.quote)
    assert parts[quote + 1] == f"**Paraphrase** : {claim.paraphrase_fr}"  # its French, beside it


# --- Calibration ------------------------------------------------------------------------

def table_with(at: AppTest, column: str):
    """The first table shown with ``column`` among its columns."""
    return next(table.value for table in at.table if column in table.value.columns)


def test_calibration_sets_each_preset_beside_the_forecasts():
    at = open_app(page=page_path("calibration"))
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
    at = open_app(page=page_path("calibration"))
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
    at = open_app({"lang": "fr"}, page_path("calibration"))
    assert ok(at)
    assert [header.value for header in at.header] == ["Ce qui s'est passé"]
    events = table_with(at, "Événement")  # the events are translated: no "(en anglais)"
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
    # (tests/app/test_app_hostile_urls.py tries every hostile value on every page)


# --- the student-ready pages --------------------------------------------------------------

def markdown_text(at: AppTest) -> str:
    """Every Markdown element on the page, as one text."""
    return "\n".join(markdown.value for markdown in at.markdown)


@pytest.mark.parametrize("name", ["baseline", "hodges", "crimea-offensive"])
def test_the_headline_says_what_stops_nuclear_use_most(name):
    at = open_app({**FAST, "preset": name})
    assert ok(at)
    batch = engine.run(load(name), 2_000, 0, workers=1)
    ordered = batch.columns["nuclear_order"].astype(bool)
    used = batch.columns["nuclear_use"].astype(bool)
    text = markdown_text(at)
    if used.mean() >= 0.5:
        assert "little stops it" in text
    elif (~ordered).mean() >= (ordered & ~used).mean():
        assert "what stops it most is **the leader himself**" in text
        assert f"In {shown(1 - ordered.mean())} of worlds he never gives a nuclear order" in text
    else:
        assert "what stops it most is **the command chain**" in text
    funnel = batch.chain_funnel()
    names = layer_names(load(name).parameters["chain.layers"])
    assert f"**{names[int(funnel['refused_at'].argmax())]}**" in text
    assert f"{shown(1 - funnel['executed'] / funnel['issued'])} of the orders" in text


def test_key_assumptions_come_first_and_every_parameter_stays_reachable():
    at = open_app(FAST)
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
    custom = engine.run(load("baseline").with_overrides({"leader.bluff_share": 1.0}), 2_000, 0,
                        workers=1)
    assert metrics(at)[USE] == shown(custom.estimates["nuclear_use"].estimate)
    at = open_app({**FAST, "horizon_weeks": "26"})
    label = i18n.TEXT["en"]["explore.headline_label"].format(weeks=26)
    short = engine.run(load("baseline").with_overrides({"horizon_weeks": 26}), 2_000, 0,
                       workers=1)
    assert metrics(at)[label] == shown(short.estimates["nuclear_use"].estimate)


def test_about_page_links_to_explore_settings_that_work():
    at = open_app(page=page_path("about"))
    assert ok(at)
    assert at.title[0].value == "About the model"
    links = [link.proto for link in at.get("page_link")]
    explore = [link for link in links if link.page == ""]  # the default page
    assert len(explore) >= 3
    assert {link.page for link in links} == {"", "claims"}
    for link in explore:  # each setting opens Explore without a warning
        query = dict(parse_qsl(link.query_string))
        assert query
        linked = open_app({**FAST, **query})
        assert ok(linked) and not linked.warning
        for key, value in query.items():
            if key in params.SCHEMA:
                assert linked.slider(key=key).value == pytest.approx(float(value))
            else:
                assert linked.selectbox(key=key).value == value
    assert "not a forecast" in "\n".join(info.value for info in at.info)


def test_about_page_in_french():
    at = open_app({"lang": "fr"}, page_path("about"))
    assert ok(at)
    assert at.title[0].value == "À propos du modèle"
    assert "n'est pas une prévision" in "\n".join(info.value for info in at.info)


def test_claims_name_the_articles_and_state_each_check_as_a_sentence():
    at = open_app({"q": "moins probable que plus probable"}, page_path("claims"))
    assert ok(at)
    text = markdown_text(at)
    assert ".txt" not in text and "The Sun Online" in text
    claim = claims.by_id()["kemp-less-likely"]
    verdict = next(iter(claims.verdicts(claims=[claim])))
    use, there = verdict.holds, verdict.falsified
    low, high = (shown(end) for end in use.interval)
    assert (f"Under **Kemp**'s view, P(nuclear use) is {shown(use.estimate)} [{low}, {high}]: "
            f"between 1% and 50% — holds") in text
    assert f"under the **Crimea offensive** setting it would be {shown(there.estimate)}" in text
    assert "fails, as it should" in text
    assert "Details for analysts" in [expander.label for expander in at.expander]


# --- charts: readable axes for every preset -----------------------------------------------

def _numeric(values) -> bool:
    import numpy as np

    array = np.asarray(values if values is not None else [])
    return array.size > 0 and np.issubdtype(array.dtype, np.number)


def _axes_problems(spec: dict) -> list[str]:
    """Numeric axes without explicit ticks, with a tick label twice, or cutting a dot."""
    problems = []
    layout = spec["layout"]
    for trace in spec["data"]:
        for letter in ("x", "y"):
            values = trace.get(letter)
            if not _numeric(values):
                continue
            anchor = trace.get(f"{letter}axis") or letter
            name = anchor.replace(letter, f"{letter}axis")
            axis = layout.get(name, {})
            if axis.get("visible") is False:
                continue
            if axis.get("ticktext") is None or axis.get("tickvals") is None:
                problems.append(f"{name}: no explicit ticks")
                continue
            if len(set(axis["ticktext"])) != len(axis["ticktext"]):
                problems.append(f"{name}: repeated tick labels {list(axis['ticktext'])}")
            low, high = axis["range"]
            if not all(low <= v <= high for v in axis["tickvals"]):
                problems.append(f"{name}: ticks outside the range")
            plotted = [float(v) for v in values if v == v]
            error = trace.get(f"error_{letter}")
            if error is not None and error.get("array") is not None:
                plotted += [v + e for v, e in zip(values, error["array"], strict=True)]
            if "markers" in (trace.get("mode") or ""):
                if any(not low < v for v in plotted):  # a dot on the edge is half cut
                    problems.append(f"{name}: a marker on or beyond the lower edge")
            if any(v > high * (1 + 1e-9) for v in plotted):
                problems.append(f"{name}: data beyond the upper edge")
    return problems


@pytest.fixture(scope="module")
def summaries():
    """Every preset's summary (2,000 worlds, seed 0) and the strip's rows."""
    from simulator.app import runs
    from simulator.app.scenarios import Choice, presets

    summaries = {name: runs.summary(Choice(name), 2_000, 0) for name in presets()}
    rows = [runs.ViewRow(name, s.estimates["nuclear_use"], s.estimates["nuclear_order"],
                         s.stopped_share()) for name, s in summaries.items()]
    return summaries, rows


def _every_chart(summaries: dict, rows: list, everything: bool = False) -> dict[str, dict]:
    """Every chart of simulator/app/charts.py for every preset, by "preset/chart".

    ``everything``: also the charts without ticks to check (a world's rungs) and the charts'
    variants without a reference.
    """
    from simulator.app import charts, runs
    from simulator.app.scenarios import Choice

    other = summaries["baseline"]
    specs = {}
    for name, result in summaries.items():
        specs |= {
            f"{name}/highest_rung": charts.highest_rung(result, other),
            f"{name}/cumulative_use": charts.cumulative_use(result, other),
            f"{name}/rung_fan": charts.rung_fan(result),
            f"{name}/views_strip": charts.views_strip(
                rows, ("Yours", result.estimates["nuclear_use"]), name),
            f"{name}/calibration": charts.calibration(
                [(name, result.estimates["nuclear_use"])], [("forecast", 0.09, 0.05, 0.2)]),
            f"{name}/use_profile": charts.use_profile(
                result.weekly["nuclear_use"], [("forecast", 30, 0.09, 0.05, 0.2)], name),
        }
        if result.funnel["issued"]:
            specs[f"{name}/funnel"] = charts.chain_funnel(result)
        if everything:
            specs |= {
                f"{name}/highest_rung alone": charts.highest_rung(result),
                f"{name}/cumulative_use alone": charts.cumulative_use(result),
                f"{name}/views_strip alone": charts.views_strip(rows, None, name),
                f"{name}/world_rungs": charts.world_rungs(runs.world_story(Choice(name), 0, 0)),
            }
    return specs


def test_every_chart_for_every_preset_has_distinct_readable_ticks(summaries):
    from simulator.app import charts

    summaries, rows = summaries
    problems = {}
    for chart, spec in _every_chart(summaries, rows).items():
        if found := _axes_problems(spec):
            problems[chart] = found
    assert not problems
    # The strip draws bars (as its caption says), with the chosen view highlighted.
    strip = charts.views_strip(rows, None, "kemp")
    assert strip["data"][0]["type"] == "bar"
    colours = dict(zip(strip["data"][0]["y"], strip["data"][0]["marker"]["color"], strict=True))
    assert colours["<b>Kemp</b>"] == charts.CURRENT
    assert sum(colour == charts.CURRENT for colour in colours.values()) == 1


@pytest.mark.parametrize("language", i18n.LANGUAGES)
def test_every_chart_is_valid_by_plotlys_schema(summaries, language, monkeypatch):
    """The charts are plain dicts, sent to the browser unvalidated (see charts.show): Plotly
    validates each of them here, for every preset, in every language."""
    import plotly.graph_objects as go
    import plotly.io as pio

    monkeypatch.setattr(i18n, "language", lambda: language)
    specs = _every_chart(*summaries, everything=True)
    for chart, spec in specs.items():
        assert set(spec) == {"data", "layout"} and spec["data"], chart
        assert all("type" in trace for trace in spec["data"]), chart
        go.Figure(spec)  # raises ValueError on any property Plotly does not know
        pio.to_json(spec, validate=False)  # as Streamlit sends it
    separators = {"en": ".,", "fr": ", "}[language]  # Plotly's decimal and thousands marks
    assert all(spec["layout"].get("separators", ".,") == separators for spec in specs.values())
    # The check can fail: a misspelt property, or a value of the wrong kind, is refused.
    spec = specs["baseline/rung_fan"]
    for broken in ({**spec, "layout": {**spec["layout"], "heigth": 380}},
                   {**spec, "data": [{**spec["data"][0], "line": {"dash": "dotty"}}]}):
        with pytest.raises(ValueError):
            go.Figure(broken)


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
    result = runs.summary(choice, 2_000, 7)
    reference = runs.summary(Choice("kemp"), 2_000, 7)
    rows = runs.views(2_000, 7)
    current = (i18n.TEXT["en"]["view.this_setting"], result.estimates["nuclear_use"])
    expected = [charts.views_strip(rows, current, "kemp"),
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


def test_tick_labels_stay_distinct_for_tiny_and_large_ranges():
    from simulator.app import charts

    for top in (0.0, 1e-4, 0.0004, 0.003, 0.0123, 0.07, 0.4, 0.999, 1.0):
        ticks = charts.linear_ticks(top, percent=True)
        assert len(set(ticks["ticktext"])) == len(ticks["ticktext"]) >= 2
        assert ticks["range"][0] < 0 <= ticks["tickvals"][0] and ticks["range"][1] >= top
        assert len(ticks["tickvals"]) <= 7


# === Student-ready Compare, Sensitivity and One world (digest, plain words, progress) ======

def _texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_story_shows_the_chosen_option_with_the_odds_it_had():
    """A rare choice is shown with its own (small) probability, never beside '0%'."""
    import re

    rare = []
    for world in range(40):
        for week in story.tell(load("baseline"), 0, world):
            leader = next(f for f in week.facts if "odds" in f.values)
            odds = dict(leader.values["odds"])
            # the option taken is among the odds, with the probability it was taken with
            assert odds[week.choice] == pytest.approx(week.choice_probability)
            assert week.choice_probability > 0
            if week.choice_probability < 0.005:
                rare.append(week)
    assert rare, "40 worlds of 52 weeks hold at least one rare draw"
    for week in rare:
        text = week.text()
        option = story.OPTIONS[week.choice]
        shown = re.search(re.escape(option) + r" ([\d.]+)%", text)
        assert shown and float(shown.group(1)) > 0, text
        assert "a rare draw" in text


def test_story_is_told_in_french_from_the_same_facts():
    weeks = story.tell(load("kemp"), 3, 42)
    at = open_app({**FAST, "lang": "fr"})  # a session in French
    assert at.radio(key="lang").value == "fr"
    # the French sentences, with the English formats (a French date has a '. ': '21 sept. 2022')
    english = story.ENGLISH
    french = story.Wording(sentences=i18n.story_wording("fr").sentences,
                           option=i18n.story_wording("fr").option)
    for week in weeks:
        assert week.text(english).startswith(f"Week {week.week} (")
        assert week.text(french).startswith(f"Semaine {week.week} (")
        assert len(week.text(french).split(". ")) == len(week.text(english).split(". "))
    summary = story.summary(weeks)
    assert summary[-1].key in ("sum_end", "sum_end_lost")
    assert summary[-1].values["week"] == weeks[-1].week


def test_compare_opens_with_a_digest_in_points_and_folds_the_tables():
    at = open_app({"scenarios": ["baseline", "hodges", "kemp"], "compare_worlds": "2000"},
                  page_path("compare"))
    assert ok(at)
    batches = {name: engine.run(load(name), 2_000, 0, workers=1) for name in
               ("baseline", "hodges", "kemp")}
    digest = next(m.value for m in at.markdown if "points" in m.value and "likely" in m.value)
    lines = digest.splitlines()
    assert 1 <= len(lines) <= 4
    # each line: the view furthest from the baseline on that outcome, in points and percents
    for line in lines:
        outcome = next(name for name in analysis.PROBABILITY_OUTCOMES
                       if i18n.TEXT["en"][f"compare.outcome_plain.{name}"] in line)
        view = "hodges" if "**Hodges**" in line else "kemp"
        diff = analysis.paired_difference(batches[view].columns[outcome],
                                          batches["baseline"].columns[outcome], binary=True)
        assert f"{abs(100 * diff.difference):.1f} points" in line or \
            f"{abs(100 * diff.difference):.2f} points" in line
        assert ("less likely" in line) == (diff.difference < 0)
        assert widgets.percent(batches[view].estimates[outcome].estimate) in line
    # the full tables sit in an expander, with no scientific notation anywhere
    expander = next(e for e in at.get("expander") if e.label.startswith("All outcomes"))
    assert len(expander.table) == 2
    for table in at.table[:2]:
        assert not table.value.map(lambda cell: "e-0" in str(cell) or "e+0" in str(cell)
                                   ).to_numpy().any()


def test_compare_chart_shows_differences_of_the_digest_outcomes_only():
    from simulator.app import compare_charts, runs
    from simulator.app.scenarios import Choice

    choices = [Choice(name) for name in ("baseline", "hodges", "alexander")]
    results = [runs.summary(choice, 2_000, 0) for choice in choices]
    labels = ["Baseline", "Hodges", "Alexander"]
    rows = runs.largest_differences(labels, results)
    assert rows and [abs(r["diff"].difference) for r in rows] == sorted(
        (abs(r["diff"].difference) for r in rows), reverse=True)
    chart_rows = [{"outcome": i18n.outcome(r["outcome"]), "view": label,
                   "difference": d.difference, "low": d.ci_low, "high": d.ci_high}
                  for r in rows for label, _, d in r["all"]]
    figure = compare_charts.differences(chart_rows, "Baseline")
    shown = {y for trace in figure.data for y in trace.y}
    assert shown == {i18n.outcome(r["outcome"]) for r in rows}
    for trace in figure.data:  # differences, not levels: "war still on" at ~90% is not drawn
        assert max(abs(x) for x in trace.x) < 0.5
    assert "points" in figure.layout.xaxis.title.text


def test_sensitivity_reports_progress_and_gives_the_same_indices():
    calls = []
    vary = {"chain.base_refusal": (0.0, 0.3), "leader.bluff_share": (0.0, 1.0)}
    with_progress = sobol.sensitivity(load("baseline"), vary, samples=8, runs_per_point=250,
                                      seed=0, workers=1,
                                      on_progress=lambda d, t: calls.append((d, t)))
    without = sobol.sensitivity(load("baseline"), vary, samples=8, runs_per_point=250,
                                seed=0, workers=1)
    assert calls[0][0] == 0 and calls[-1][0] == calls[-1][1] >= 1
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    assert list(with_progress.total_order) == pytest.approx(list(without.total_order))


def test_sensitivity_defaults_are_quick_and_shown_in_plain_words():
    at = open_app(page=page_path("sensitivity"))
    assert ok(at)
    names = at.multiselect(key="sobol_parameters").value
    samples = at.select_slider(key="sobol_samples").value
    worlds = at.select_slider(key="sobol_runs").value
    assert samples * (len(names) + 2) <= 160 and worlds <= 500  # under ten seconds
    at.button[0].click().run()
    assert ok(at)
    table = at.table[0].value
    assert set(table["Assumption"]) == {i18n.parameter(name) for name in names}
    assert not any("." in name for name in table["Assumption"])  # no raw ids
    text = _texts(at)
    assert "first-order" in text and "negative" in text and "noise" in text
    # the raw indices for analysts, with plain column names
    raw = at.dataframe[0].value
    assert list(raw["parameter"]) == [n for n in raw["parameter"] if n in names]
    # a changed selection goes to the link as ids, not as the shown words
    at.multiselect(key="sobol_parameters").set_value(["chain.layers", "leader.bluff_share"]).run()
    assert at.query_params["sobol_parameters"] == ["chain.layers", "leader.bluff_share"]


def test_one_world_tells_what_happened_first_then_the_weeks_that_changed():
    at = open_app({"story_preset": "kemp"}, page_path("one_world"))
    at.button[1].click().run()  # a world where the chain refused an order
    assert ok(at)
    world = at.number_input(key="world").value
    weeks = story.tell(load("kemp"), 0, world)
    summary = at.markdown[[m.value for m in at.markdown].index("**What happened in this world**")
                          + 1].value
    refused = [w for w in weeks if "refused" in w.events]
    first = refused[0]
    layer = next(f for f in first.facts if f.key.startswith("chain_refused")).values["blocked"][0]
    assert f"In week {first.week} (" in summary and f"{layer} refused it" in summary
    changed = "\n".join(m.value for m in at.markdown if m.value.startswith("- "))
    for week in weeks:
        if not week.changed:
            # an uneventful week is only in the folded list of every week
            assert changed.count(week.text()) == 1
        else:
            assert changed.count(week.text()) == 2


def test_a_sensitivity_job_runs_in_the_background_with_an_estimate_of_the_time_left():
    import time

    from simulator.app import runs
    from simulator.app.scenarios import Choice

    ranges = (("chain.base_refusal", 0.0, 0.3), ("leader.bluff_share", 0.0, 1.0))
    setting = (Choice("baseline"), ranges, "nuclear_use", 16, 250, 0)
    assert runs.sensitivity_job(*setting, start=False) is None  # nobody asked yet
    job = runs.sensitivity_job(*setting)
    assert runs.sensitivity_job(*setting) is job  # one job per setting, shared
    seen = []
    deadline = time.monotonic() + 300
    while not job.finished and time.monotonic() < deadline:
        seen.append((job.fraction(), job.seconds_left()))
        time.sleep(0.05)
    assert job.finished and job.error is None
    assert seen and all(0 <= fraction < 1 and left > 0 for fraction, left in seen)
    assert job.fraction() == 1 and job.done == job.total >= 1
    direct = sobol.sensitivity(load("baseline"), {n: (lo, hi) for n, lo, hi in ranges},
                               samples=16, runs_per_point=250, seed=0, workers=1)
    assert list(job.result["total"]) == pytest.approx(list(direct.to_pandas()["total"]))


def test_sensitivity_finds_what_leads_to_use_in_plain_words():
    at = open_app({"sobol_parameters": ["chain.base_refusal", "leader.bluff_share",
                                        "battlefield.momentum"]}, page_path("sensitivity"))
    at.button(key="discover_run").click().run()
    assert ok(at)
    text = "\n".join(m.value for m in at.markdown)
    assert "mostly where:" in text
    assert "chain.base_refusal" not in text and "leader.bluff_share" not in text
    assert any(label in text for label in (i18n.parameter("leader.bluff_share"),
                                            i18n.parameter("battlefield.momentum"),
                                            i18n.parameter("chain.base_refusal")))
    caption = "\n".join(c.value for c in at.caption)
    assert "of the settings give a result above" in caption
