"""The Calibration page (simulator/app/calibration.py), run headless with AppTest: each
preset beside the forecasts, and what happened scored against the record.
"""

import json
import re

import pytest
from streamlit.testing.v1 import AppTest
from support.apptest import ok, open_app, page_path, shown

from simulator.evidence import record
from simulator.model.scenario import load
from simulator.running import engine


def table_with(at: AppTest, column: str):
    """The first table shown with ``column`` among its columns."""
    return next(table.value for table in at.table if column in table.value.columns)


@pytest.mark.slow  # 8-21 s, among make test's slowest: make test-slow (CI) runs it
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
    # every view but the pool weighed by this very record (fitted to it, it would test nothing)
    assert set(ranking.index) == {"Baseline", "Kemp", "Hodges", "Alperovitch", "Alexander",
                                  "Black Sea demonstration", "Crimea offensive",
                                  "Experts pooled (equal weights)"}
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


def calibration_chart(at: AppTest) -> dict:
    """The spec of the chart of forecasts (the one with a row label per forecast)."""
    specs = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    return next(spec for spec in specs if spec["layout"].get("annotations"))


def test_each_forecast_is_drawn_beside_the_models_answer_to_the_same_window():
    at = open_app(page=page_path("calibration"))
    assert ok(at)
    chart = calibration_chart(at)
    the_record = record.default()
    # shortest window first, on the top row
    scored = sorted(the_record.scored_forecasts, key=lambda f: (f.horizon, f.made))
    batch = engine.run(load("baseline"), 10_000, 0, workers=1)
    answers = {score.forecast.id: score for score in record.backtest_columns(
        "baseline", batch.columns, load("baseline").parameters["horizon_weeks"]).forecasts}
    traces = {trace["name"]: trace for trace in chart["data"]}
    forecast = traces["Forecast of the time (published range)"]
    baseline = traces["Model: the baseline (95% interval)"]
    views = next(trace for name, trace in traces.items() if name.startswith("Model: range of"))
    rows = sorted(range(len(scored)), key=lambda i: -forecast["y"][i])  # top row first
    assert [forecast["x"][i] for i in rows] == [f.probability for f in scored]
    for i, f in zip(rows, scored, strict=True):
        answer = answers[f.id]
        assert baseline["y"][i] == forecast["y"][i] == views["y"][i]
        assert baseline["x"][i] == answer.estimate.estimate  # the same window, not 52 weeks
        assert baseline["error_x"]["array"][i] == answer.estimate.ci_high - answer.estimate.estimate
        assert views["base"][i] <= baseline["x"][i] <= views["base"][i] + views["x"][i]
    # Each row is labelled with who, the window and the model weeks that answer it.
    labels = sorted(chart["layout"]["annotations"], key=lambda a: -a["y"])
    for label, f in zip(labels, scored, strict=True):
        assert f.forecaster.split(" (")[0] in label["text"]
        assert f"to {f.horizon.day} {f.horizon:%b %Y}" in label["text"]
        week = answers[f.id].horizon_week
        assert f"its first {week} weeks" in label["text"] or (
            answers[f.id].truncated and f"its {week} weeks, the whole run" in label["text"])
        assert all(len(line) <= 52 for line in re.sub(r"</?b>", "", label["text"]).split("<br>"))
    # Every line has a name in the legend: the outcome's line too, no unnamed shape.
    assert all(trace.get("name") for trace in chart["data"])
    outcome = traces["What happened: no use (0%)"]
    assert set(outcome["x"]) == {0.0} and outcome["line"]["dash"] == "dot"
    assert not chart["layout"].get("shapes")
    # Labels above the rows, not as tick labels that would squeeze the plot on a phone.
    assert chart["layout"]["yaxis"]["visible"] is False
    caption = next(c.value for c in at.caption if c.value.startswith("One row per forecast"))
    assert "95% interval" in caption and "simulation noise" in caption


def test_the_forecasts_chart_in_french():
    at = open_app({"lang": "fr"}, page_path("calibration"))
    assert ok(at)
    chart = calibration_chart(at)
    names = {trace["name"] for trace in chart["data"]}
    assert {"Prévision de l'époque (fourchette publiée)", "Ce qui s'est passé : aucun emploi (0 %)",
            "Modèle : la référence (intervalle à 95 %)"} <= names
    text = "\n".join(a["text"] for a in chart["layout"]["annotations"])
    assert "du 3 oct. 2022 au 3 nov. 2022" in text and "premières semaines" in text


def test_the_intro_says_what_the_page_shows_each_forecast_beside_the_same_window():
    """Not a 52-week model any more: each forecast beside the model's answer to its window."""
    for lang, same_window in (("en", "within the same window"), ("fr", "dans la même fenêtre")):
        at = open_app({"lang": lang}, page_path("calibration"))
        assert ok(at)
        intro = at.markdown[0].value
        assert same_window in intro and "52" not in intro, intro
