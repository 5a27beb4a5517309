"""Calibration: every preset beside the forecasts of the time, and against what happened.

The forecasts and the record of the year come from ``scenarios/record.yaml`` through
``simulator.evidence.record``: each forecast with its source, date, question and horizon (the
questions differ), and each recorded event with its source and the test it puts on a
simulated world. The record is never used to fit the model; only the forecasts are.
"""

import numpy as np
import pandas as pd
import streamlit as st

from simulator import locales
from simulator.app import calibration_chart, charts, i18n, runs, widgets
from simulator.app.i18n import tr
from simulator.app.scenarios import Choice, preset, short_name
from simulator.evidence import record
from simulator.results import analysis

percent = i18n.fmt_percent  # every number on this page in the page's language


def _score(value: float, decimals: int) -> str:
    return i18n.fmt_number(value, decimals)

# Explore's defaults: the strip of expert views there and this page share one cache.
RUNS, SEED = runs.DEFAULT_WORLDS, 0


def _model_label(name: str) -> str:
    horizon = preset(name).parameters["horizon_weeks"]
    label = i18n.preset_name(name, short_name(name))
    return label + ("" if horizon == 52 else f" ({tr('calibration.weeks', n=horizon)})")


def forecast_question(forecast) -> str:
    """A forecast's question in the current language."""
    return locales.translate(i18n.language(), f"forecast.question.{forecast.id}",
                             forecast.question)


def forecast_why_not_scored(forecast) -> str:
    """Why a forecast is not scored, in the current language.

    Labelled '(en anglais)' only while it has no translation: a French reason never is.
    """
    english = forecast.why_not_scored
    shown = locales.translate(i18n.language(), f"forecast.why_not_scored.{forecast.id}", english)
    return shown if shown != english else widgets.english_passage(english)


def forecast_figure(forecast) -> str:
    """'9% (5–20%)' in the current language's number format."""
    def decimals(p: float) -> int:
        return 0 if abs(100 * p - round(100 * p)) < 1e-9 else 1

    def shown(p: float) -> str:
        return i18n.fmt_percent(p, decimals(p))

    figure = shown(forecast.probability)
    if forecast.low is not None and forecast.high is not None and forecast.low != forecast.high:
        low = i18n.fmt_number(100 * forecast.low, decimals(forecast.low))
        figure += f" ({low}–{shown(forecast.high)})"
    return figure


def event_label(event) -> str:
    """A recorded event's label in the current language."""
    return locales.translate(i18n.language(), f"record_event.{event.id}", event.label)


def forecast_label(forecast: record.Forecast) -> str:
    """'Samotsvety Forecasting (3 Oct 2022, by 3 Oct 2023)': who, when and for when."""
    return tr("calibration.forecast_label", who=i18n.forecaster(forecast.forecaster),
              made=i18n.date(forecast.made), horizon=i18n.date(forecast.horizon))


def expectation(event: record.Event) -> str:
    """What a world must show to agree with the event, in plain words."""
    expect, what = event.expect, i18n.record_column(event.outcome)
    if "is" in expect:
        return tr("record.yes" if expect["is"] else "record.no", what=what)
    if "between" in expect:
        low, high = expect["between"]
        if low is None:
            return tr("record.at_most", what=what, high=i18n.number(high))
        if high is None:
            return tr("record.at_least", what=what, low=i18n.number(low))
        return tr("record.between", what=what, low=i18n.number(low), high=i18n.number(high))
    times = float(expect.get("times", 1.0))
    return tr("record.compare", what=what, op=tr(f"record.op.{expect['op']}"),
              times="" if times == 1 else tr("record.times", times=i18n.number(times)),
              other=i18n.record_column(expect["column"]).lower())


def first_source(event: record.Event) -> str:
    """The event's first source: publication and date."""
    source = event.sources[0]
    return source.publication + (f", {i18n.date(source.date)}" if source.date else "")


def model_weeks(score: record.ForecastScore) -> str:
    """The model weeks that answer a forecast: its first weeks, or all of them if cut."""
    return tr("calibration.chart_cut" if score.truncated else "calibration.chart_weeks",
              weeks=score.horizon_week)


def same_window_questions(forecasts, backtests) -> list[calibration_chart.Question]:
    """Per scored forecast, shortest window first: the baseline's and every view's answer."""
    answers = {name: {score.forecast.id: score for score in test.forecasts}
               for name, test in backtests.items()}
    questions = []
    for forecast in sorted(forecasts, key=lambda f: (f.horizon, f.made)):
        at = {name: answer[forecast.id] for name, answer in answers.items()}
        points = [score.estimate.estimate for score in at.values()]
        questions.append(calibration_chart.Question(
            who=i18n.forecaster(forecast.forecaster), model_weeks=model_weeks(at["baseline"]),
            window=tr("calibration.chart_window", made=i18n.date(forecast.made),
                      horizon=i18n.date(forecast.horizon)),
            probability=forecast.probability, low=forecast.low, high=forecast.high,
            baseline=at["baseline"].estimate, views_low=min(points), views_high=max(points)))
    return questions


# --- the forecasts of the time beside the presets ---------------------------------------

the_record = record.default()
st.title(tr("calibration.title"))
widgets.warn_unknown_url_keys()  # the page reads no link key
st.markdown(tr("calibration.intro"))
rows = runs.views(RUNS, SEED)
model_rows = sorted(((_model_label(row.preset), row.use) for row in rows),
                    key=lambda pair: pair[1].estimate, reverse=True)
scored = the_record.scored_forecasts
# Every view's answer to each forecast's own question (its window), from the same cache as
# "What happened" below; the chart puts each forecast beside these, not beside 52 weeks.
backtests = {row.preset: runs.backtest(row.preset, RUNS, SEED) for row in rows}
questions = same_window_questions(scored, backtests)
charts.show(calibration_chart.calibration(questions, len(backtests)), key="calibration_chart")
st.caption(tr("calibration.chart_windows_caption", n=len(scored), runs=i18n.number(RUNS),
              seed=SEED))
st.success(tr("calibration.outcome"), icon=":material/check_circle:")
unlikely = [f"{label} ({percent(1 - e.estimate)})" for label, e in model_rows
            if 1 - e.estimate < 0.8]
st.caption(tr("calibration.note", unlikely=", ".join(unlikely) or tr("calibration.none")))

st.subheader(tr("calibration.forecasts"))
st.table(pd.DataFrame([{
    tr("calibration.source"): i18n.forecaster(f.forecaster),
    tr("calibration.date"): i18n.date(f.made),
    tr("calibration.question"): forecast_question(f),
    tr("calibration.horizon"): i18n.date(f.horizon),
    tr("calibration.figure"): forecast_figure(f),
    tr("calibration.scored"): (tr("calibration.yes") if f.scored else tr(
        "calibration.not_scored", why=forecast_why_not_scored(f))),
} for f in the_record.forecasts]))

st.subheader(tr("calibration.model"))
st.table(pd.DataFrame([{
    tr("table.view"): label,
    tr("table.use"): i18n.fmt_estimate("nuclear_use", e, probability=True),
    tr("calibration.likelihood"): percent(1 - e.estimate),
} for label, e in model_rows]))
baseline = runs.summary(Choice("baseline"), RUNS, SEED)
conditional = analysis.estimate(baseline.outcomes, "nuclear_use", given="crimea_threatened")
if conditional.n:
    st.caption(tr("calibration.conditional",
                  p=i18n.fmt_estimate("nuclear_use", conditional, probability=True)))
else:
    st.caption(tr("calibration.no_conditional"))

# --- what happened: each view against the record of the year ----------------------------

st.header(tr("record.title"))
events = the_record.scored_events
st.markdown(tr("record.intro", events=len(events), runs=i18n.number(RUNS), seed=SEED))
st.info(tr("record.caveat"), icon=":material/info:")
# A pool weighed by this record is fitted to it: scored on it, it would test nothing.
tests = sorted((backtests[row.preset] for row in rows
                if preset(row.preset).pool_basis != "record"),
               key=lambda test: test.joint.estimate, reverse=True)
views = [_model_label(test.name) for test in tests]

st.subheader(tr("record.ranking"))
with st.container(key="record_ranking"):
    st.table(pd.DataFrame([{
        tr("table.view"): view,
        tr("record.joint"): percent(test.joint.estimate),
        tr("record.log_score"): _score(test.log_score, 2),
        tr("record.brier"): _score(test.brier, 4),
    } for view, test in zip(views, tests, strict=True)]).set_index(tr("table.view")))
st.caption(tr("record.ranking_caption", n=len(scored)))

st.subheader(tr("record.events"))
with st.container(key="record_events"):
    st.table(pd.DataFrame([{
        tr("record.event"): f"{event_label(event)} ({i18n.date(event.date)})",
        tr("record.mapping"): expectation(event),
        tr("record.source"): first_source(event),
        **{view: percent(test.events[event.id].estimate)
           for view, test in zip(views, tests, strict=True)},
    } for event in events]))
st.caption(tr("record.events_caption"))

st.subheader(tr("record.scores"))
answers = [{score.forecast.id: score for score in test.forecasts} for test in tests]
baseline_scores = answers[[test.name for test in tests].index("baseline")]
score_rows = []
for forecast in scored:
    at_baseline = baseline_scores[forecast.id]
    week = str(at_baseline.horizon_week) if not at_baseline.truncated else tr(
        "record.cut", week=at_baseline.horizon_week, full=the_record.week(forecast.horizon))
    score_rows.append({
        tr("record.question"): forecast_label(forecast),
        tr("record.week"): week,
        tr("record.forecaster_p"): percent(forecast.probability),
        tr("record.forecaster_brier"): _score(forecast.brier, 4),
        **{view: percent(answer[forecast.id].estimate.estimate)
           for view, answer in zip(views, answers, strict=True)},
    })
score_rows.append({
    tr("record.question"): tr("record.mean_brier"), tr("record.week"): "",
    tr("record.forecaster_p"): "",
    tr("record.forecaster_brier"): _score(float(np.mean([f.brier for f in scored])), 4),
    **{view: _score(test.brier, 4) for view, test in zip(views, tests, strict=True)},
})
with st.container(key="record_scores"):
    st.table(pd.DataFrame(score_rows))
st.caption(tr("record.scores_caption"))

st.subheader(tr("record.profile"))
profile = baseline.weekly["nuclear_use"]  # worlds with a use so far, week by week
markers = [(forecast_label(f), baseline_scores[f.id].horizon_week, f.probability, f.low, f.high)
           for f in scored]
charts.show(charts.use_profile(profile, markers, tr("record.profile_model")),
            key="record_profile_chart")
st.caption(tr("record.profile_caption", runs=i18n.number(RUNS), seed=SEED))
