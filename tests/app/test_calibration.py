"""The Calibration page (simulator/app/calibration.py), run headless with AppTest: each
preset beside the forecasts, and what happened scored against the record.
"""

from streamlit.testing.v1 import AppTest
from support.apptest import ok, open_app, page_path, shown

from simulator.evidence import record
from simulator.model.scenario import load
from simulator.running import engine


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
    # every view but the pool weighed by this very record (fitted to it, it would test nothing)
    assert set(ranking.index) == {"Baseline", "Kemp", "Hodges", "Alperovitch", "Alexander",
                                  "Black sea demonstration", "Crimea offensive",
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
