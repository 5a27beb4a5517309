"""The Calibration chart: each forecast of the time beside the model's answer to its question.

The forecasts ask about different windows (a month, to the end of 2022, seven months, a year),
so each is drawn on its own row with the model's P(use) over the same window: the baseline
view with its 95% interval (simulation noise) and the span of every expert view's answer. The
row's label is written above it, not as a tick label, so the chart keeps its width on a phone
(390 px). Every line has its legend entry, the outcome (no use: 0%) too. A spec of plain
dicts, as ``simulator.app.charts``.
"""

from dataclasses import dataclass

from simulator.app import charts, i18n
from simulator.app.i18n import tr
from simulator.results import analysis

FORECAST = "#e08e0b"
VIEWS = "rgba(91, 112, 131, 0.30)"
ROW = 92  # pixels per forecast: its three-line label above, its markers below


@dataclass(frozen=True)
class Question:
    """One forecast and the model's answers over the same window."""

    who: str
    window: str  # 'from 3 Oct 2022 to 3 Nov 2022'
    model_weeks: str  # 'model: its first 6 weeks'
    probability: float
    low: float
    high: float
    baseline: analysis.Estimate  # the baseline view's P(use) over the window
    views_low: float  # the lowest and highest of the views' P(use) over the window
    views_high: float


def _percent(p: float) -> str:
    return i18n.fmt_percent(p, 1)


def calibration(questions: list[Question], views: int) -> charts.Chart:
    """One row per forecast, the first on top: forecast, baseline, span of ``views`` views."""
    rows = list(range(len(questions) - 1, -1, -1))  # the first question on the top row
    colon = tr("format.colon")
    chart = charts._chart(dict(
        type="bar", orientation="h", y=rows, base=[q.views_low for q in questions],
        x=[q.views_high - q.views_low for q in questions], width=0.28,
        marker=dict(color=VIEWS), name=tr("calibration.chart_views", n=views),
        customdata=[f"{q.who}{colon} {_percent(q.views_low)} – {_percent(q.views_high)}"
                    for q in questions],
        hovertemplate="%{customdata}<extra></extra>"), dict(
        type="scatter", mode="markers", y=rows, x=[q.baseline.estimate for q in questions],
        name=tr("calibration.chart_baseline"),
        marker=dict(size=11, color=charts.CURRENT),
        error_x=dict(type="data", symmetric=False, color=charts.CURRENT,
                     array=[q.baseline.ci_high - q.baseline.estimate for q in questions],
                     arrayminus=[q.baseline.estimate - q.baseline.ci_low for q in questions]),
        customdata=[f"{q.who}{colon} " + i18n.fmt_estimate("nuclear_use", q.baseline, True)
                    for q in questions],
        hovertemplate="%{customdata}<extra></extra>"), dict(
        type="scatter", mode="markers", y=rows, x=[q.probability for q in questions],
        name=tr("calibration.chart_forecast"),
        marker=dict(size=13, symbol="diamond", color=FORECAST,
                    line=dict(width=1, color="white")),
        error_x=dict(type="data", symmetric=False, color=FORECAST,
                     array=[q.high - q.probability for q in questions],
                     arrayminus=[q.probability - q.low for q in questions]),
        customdata=[f"{q.who}{colon} {_percent(q.probability)}" for q in questions],
        hovertemplate="%{customdata}<extra></extra>"), dict(
        # What happened, as a line with its own legend entry (not an unnamed shape).
        type="scatter", mode="lines", x=[0.0, 0.0], y=[-0.5, len(questions) - 0.5],
        name=tr("calibration.chart_outcome"), hoverinfo="skip",
        line=dict(color=charts.NUCLEAR, width=2, dash="dot")))
    chart["layout"]["annotations"] = [
        dict(x=0, xref="paper", xanchor="left", y=row + 0.18, yref="y", yanchor="bottom",
             align="left", showarrow=False, font=dict(size=12, color="#31333f"),
             bgcolor="rgba(255, 255, 255, 0.85)",  # over the outcome's line
             text=f"<b>{_plain(q.who)}</b><br>{_plain(q.window)}<br>{_plain(q.model_weeks)}")
        for row, q in zip(rows, questions, strict=True)]
    top = max([0.0, *(q.high for q in questions), *(q.views_high for q in questions),
               *(q.baseline.ci_high for q in questions)])
    charts._axis(chart, "xaxis", title=dict(text=tr("calibration.chart_axis")),
                 **charts.linear_ticks(top, percent=True))
    charts._axis(chart, "yaxis", visible=False, range=[-0.5, len(questions) - 0.05],
                 fixedrange=True)
    charts._layout(chart, height=170 + ROW * len(questions))
    chart["layout"]["legend"] = dict(orientation="h", yanchor="top", y=-0.18, x=0)  # below
    chart["layout"]["barmode"] = "overlay"
    return chart


def _plain(text: str) -> str:
    """Text for a Plotly label: no tag it would read as markup."""
    return text.replace("<", "‹").replace(">", "›")
