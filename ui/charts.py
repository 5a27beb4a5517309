"""Plotly figures for the pages.

Built with ``plotly.graph_objects`` (~2 ms a figure, against ~40 ms for plotly.express):
it matters when every slider move reruns the page.
"""

import datetime as dt

import numpy as np
import plotly.graph_objects as go

from simulator import analysis, ladder, story
from ui import i18n
from ui.i18n import tr
from ui.runs import FAN_QUANTILES, RunSummary, ViewRow
from ui.scenarios import short_name

NUCLEAR = "#b8322a"
CONVENTIONAL = "#5b7083"
CURRENT = "#1f6fb2"
REFERENCE = "#9aa5b1"
PASSED = "#4f7cac"
EVENT_MARKERS = {"order": ("diamond", "#e08e0b"), "refused": ("x", CURRENT),
                 "use": ("star", NUCLEAR), "ousted": ("triangle-down", "black"),
                 "nato": ("square", "#6c3fa0")}
"""How One world marks a story's events on its rung chart: symbol and colour."""


def _layout(fig: go.Figure, height: int = 320, **layout) -> go.Figure:
    fig.update_layout(height=height, margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0), **layout)
    return fig


def week_dates(weeks: int) -> list[dt.date]:
    """The date of each simulated week (week 0 = the mobilisation, 21 Sep 2022)."""
    return [story.MOBILISATION_WEEK + dt.timedelta(weeks=k) for k in range(weeks)]


def _rung_labels() -> list[str]:
    return [f"{r.level} · {i18n.rung(r.level, r.label)}" for r in ladder.RUNGS]


def highest_rung(result: RunSummary, reference: RunSummary | None = None) -> go.Figure:
    """The ladder as horizontal bars: share of worlds whose highest rung is each rung."""
    colours = [NUCLEAR if r.nuclear else CONVENTIONAL for r in ladder.RUNGS]
    fig = go.Figure(go.Bar(
        x=result.highest_rung, y=_rung_labels(), orientation="h", marker_color=colours,
        name=tr("chart.this_setting"), texttemplate="%{x:.1%}", textposition="outside",
        cliponaxis=False, hovertemplate="%{y}: %{x:.2%}<extra></extra>"))
    if reference is not None:
        fig.add_trace(go.Scatter(
            x=reference.highest_rung, y=_rung_labels(), mode="markers", name=tr("chart.preset"),
            marker=dict(symbol="line-ns-open", size=18, line_width=3, color="black"),
            hovertemplate="%{y}: %{x:.2%}<extra></extra>"))
    widest = max(result.highest_rung.max(),
                 0 if reference is None else reference.highest_rung.max())
    fig.update_xaxes(tickformat=".0%", title=tr("chart.share_worlds"), range=[0, 1.2 * widest])
    return _layout(fig, height=360, showlegend=reference is not None)


def chain_funnel(result: RunSummary) -> go.Figure:
    """Orders given -> passed each layer -> carried out, with the refusals at each layer."""
    funnel = result.funnel
    labels = [tr("chart.issued")]
    labels += [f"{i18n.layer(name)} · {tr('chart.refused', n=f'{n:,}')}"
               for name, n in zip(result.layers, funnel["refused_at"], strict=True)]
    labels.append(tr("chart.executed"))
    counts = [funnel["issued"], *funnel["passed"], funnel["executed"]]
    colours = [CONVENTIONAL, *[PASSED] * len(result.layers), NUCLEAR]
    fig = go.Figure(go.Funnel(
        y=labels, x=counts, marker_color=colours, textinfo="value+percent initial",
        hovertemplate="%{y}: %{x:,}<extra></extra>"))
    fig.update_yaxes(automargin=True)
    return _layout(fig, height=360)


def cumulative_use(result: RunSummary, reference: RunSummary | None = None) -> go.Figure:
    """Probability that a nuclear weapon has been used by each week, with its 95% band."""
    shares = result.weekly["nuclear_use"]
    dates = week_dates(len(shares))
    fig = go.Figure()
    fig.add_trace(go.Scatter(x=dates + dates[::-1],
                             y=np.concatenate([result.use_high, result.use_low[::-1]]),
                             fill="toself", fillcolor="rgba(31,111,178,0.18)", line_width=0,
                             hoverinfo="skip", showlegend=False))
    fig.add_trace(go.Scatter(x=dates, y=shares, name=tr("chart.this_setting"),
                             line=dict(color=CURRENT, width=3),
                             hovertemplate="%{x|%d %b %Y}: %{y:.2%}<extra></extra>"))
    if reference is not None:
        fig.add_trace(go.Scatter(x=dates, y=reference.weekly["nuclear_use"],
                                 name=tr("chart.preset"),
                                 line=dict(color=REFERENCE, width=2, dash="dash"),
                                 hovertemplate="%{x|%d %b %Y}: %{y:.2%}<extra></extra>"))
    fig.update_yaxes(tickformat=".0%", title=tr("chart.probability"), rangemode="tozero")
    return _layout(fig, showlegend=reference is not None)


def rung_fan(result: RunSummary) -> go.Figure:
    """Fan chart of the rung over weeks: median, middle 50% and 90% of worlds, and mean."""
    quantiles = dict(zip(FAN_QUANTILES, result.rung_quantiles, strict=True))
    dates = week_dates(len(result.mean_rung))
    fig = go.Figure()
    for (low, high), name, alpha in (((0.05, 0.95), tr("chart.band90"), 0.15),
                                     ((0.25, 0.75), tr("chart.band50"), 0.3)):
        fig.add_trace(go.Scatter(x=dates, y=quantiles[high], line=dict(width=0, shape="hv"),
                                 showlegend=False, hoverinfo="skip"))
        fig.add_trace(go.Scatter(x=dates, y=quantiles[low], line=dict(width=0, shape="hv"),
                                 fill="tonexty", fillcolor=f"rgba(31,111,178,{alpha})",
                                 name=name, hoverinfo="skip"))
    fig.add_trace(go.Scatter(x=dates, y=quantiles[0.5], name=tr("chart.median"),
                             line=dict(color=CURRENT, width=2, shape="hv")))
    fig.add_trace(go.Scatter(x=dates, y=result.mean_rung, name=tr("chart.mean"),
                             line=dict(color="black", width=1.5, dash="dot"),
                             hovertemplate="%{x|%d %b %Y}: %{y:.2f}<extra></extra>"))
    fig.update_yaxes(range=[-0.3, len(ladder.RUNGS) - 0.7], dtick=1,
                     title=tr("chart.rung_axis"))
    return _layout(fig, height=380)


def views_strip(rows: list[ViewRow], current: tuple[str, analysis.Estimate] | None) -> go.Figure:
    """Every expert view's P(nuclear use) with its interval, lowest at the top.

    The user's setting, when it differs from its preset, is added and highlighted.
    """
    points = [(short_name(row.preset), row.use, CONVENTIONAL) for row in rows]
    if current is not None:
        points.append((current[0], current[1], CURRENT))
    points.sort(key=lambda point: point[1].estimate, reverse=True)
    names = [name for name, _, _ in points]
    fig = go.Figure(go.Scatter(
        x=[e.estimate for _, e, _ in points], y=names, mode="markers",
        marker=dict(size=12, color=[colour for _, _, colour in points]),
        error_x=dict(type="data", symmetric=False,
                     array=[e.ci_high - e.estimate for _, e, _ in points],
                     arrayminus=[e.estimate - e.ci_low for _, e, _ in points]),
        hovertemplate="%{y}: %{x:.2%}<extra></extra>"))
    fig.update_xaxes(tickformat=".0%", title=tr("table.use"), rangemode="tozero")
    return _layout(fig, height=60 + 34 * len(points), showlegend=False)


def compare_outcomes(labels: list[str], results: list[RunSummary],
                     outcomes: tuple[str, ...]) -> go.Figure:
    """Grouped estimates with intervals: one group per outcome, one colour per scenario."""
    fig = go.Figure()
    for label, result in zip(labels, results, strict=True):
        estimates = [result.estimates[o] for o in outcomes]
        fig.add_trace(go.Bar(
            x=[i18n.outcome(o) for o in outcomes], y=[e.estimate for e in estimates], name=label,
            error_y=dict(type="data", symmetric=False,
                         array=[e.ci_high - e.estimate for e in estimates],
                         arrayminus=[e.estimate - e.ci_low for e in estimates]),
            hovertemplate="%{x}: %{y:.2%}<extra>" + label + "</extra>"))
    fig.update_yaxes(tickformat=".0%", title=tr("chart.probability"))
    return _layout(fig, height=380, barmode="group")


def sobol_bars(table) -> go.Figure:
    """Ranked Sobol' indices (total and first order) with their intervals."""
    ranked = table.sort_values("total")
    labels = [i18n.parameter(name) for name in ranked["parameter"]]
    fig = go.Figure()
    for column, name, colour in (("total", tr("sensitivity.total"), CURRENT),
                                 ("first_order", tr("sensitivity.first"), REFERENCE)):
        fig.add_trace(go.Bar(
            x=ranked[column], y=labels, orientation="h", name=name, marker_color=colour,
            error_x=dict(type="data", symmetric=False,
                         array=ranked[f"{column}_high"] - ranked[column],
                         arrayminus=ranked[column] - ranked[f"{column}_low"])))
    fig.update_xaxes(title=tr("sensitivity.index"))
    return _layout(fig, height=80 + 50 * len(ranked), barmode="group")



def world_rungs(weeks: list[story.Week]) -> go.Figure:
    """One world's rung week by week, with its notable events marked."""
    dates = [week.date for week in weeks]
    fig = go.Figure(go.Scatter(x=dates, y=[week.rung for week in weeks], name=tr("chart.rung"),
                               line=dict(color=CONVENTIONAL, width=3, shape="hv"),
                               hovertemplate="%{x|%d %b %Y}: %{y}<extra></extra>"))
    for event, (symbol, colour) in EVENT_MARKERS.items():
        hits = [week for week in weeks if event in week.events]
        if hits:
            fig.add_trace(go.Scatter(x=[w.date for w in hits], y=[w.rung for w in hits],
                                     mode="markers", name=i18n.event(event),
                                     marker=dict(symbol=symbol, size=14, color=colour)))
    labels = _rung_labels()
    fig.update_yaxes(range=[-0.3, len(labels) - 0.7], tickvals=list(range(len(labels))),
                     ticktext=labels)
    return _layout(fig, height=360)


def calibration(model_rows: list[tuple[str, analysis.Estimate]],
                forecasts: list[tuple[str, float, float, float]]) -> go.Figure:
    """Model presets and the forecasts of the time on one probability axis, plus the outcome.

    ``forecasts``: ``(label, point, low, high)`` per forecast.
    """
    fig = go.Figure()
    fig.add_trace(go.Scatter(
        x=[e.estimate for _, e in model_rows], y=[name for name, _ in model_rows],
        mode="markers", name=tr("calibration.model"), marker=dict(size=12, color=CURRENT),
        error_x=dict(type="data", symmetric=False,
                     array=[e.ci_high - e.estimate for _, e in model_rows],
                     arrayminus=[e.estimate - e.ci_low for _, e in model_rows]),
        hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[point for _, point, _, _ in forecasts], y=[name for name, *_ in forecasts],
        mode="markers", name=tr("calibration.forecasts"),
        marker=dict(size=13, symbol="diamond", color="#e08e0b"),
        error_x=dict(type="data", symmetric=False,
                     array=[high - point for _, point, _, high in forecasts],
                     arrayminus=[point - low for _, point, low, _ in forecasts]),
        hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.add_vline(x=0, line=dict(color=NUCLEAR, width=2, dash="dot"))
    fig.update_xaxes(tickformat=".0%", title=tr("table.use"), range=[-0.01, None])
    return _layout(fig, height=120 + 34 * (len(model_rows) + len(forecasts)))


PERCENT_STEPS = (0.001, 0.002, 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25)
"""Tick spacings for a probability axis: none finer than 0.1%, the finest '.1%' shows."""


def _percent_ticks(top: float, ticks: int = 6) -> dict:
    """Axis settings that show ``0..top`` with at most ``ticks`` distinct, readable ticks."""
    step = next((s for s in PERCENT_STEPS if top / s <= ticks), PERCENT_STEPS[-1])
    return dict(tick0=0, dtick=step, tickformat=".1%" if step < 0.01 else ".0%",
                range=[0, step * np.ceil(top * 1.05 / step)])


def use_profile(use: np.ndarray, forecasts: list[tuple[str, int, float, float, float]],
                name: str) -> go.Figure:
    """P(nuclear use by the end of each week) for one view, with forecasts at their horizons.

    Args:
        use: P(a nuclear weapon used by the end of each week), week 0 first.
        forecasts: ``(label, horizon_week, point, low, high)`` per forecast; a forecast for
            use before week ``h`` is compared with ``use[h - 1]``, so both sit at the end of
            week ``h - 1`` (the start of week ``h``).
        name: The line's name in the legend.
    """
    ends = week_dates(len(use) + 1)[1:]  # the end of week k is the start of week k + 1
    fig = go.Figure(go.Scatter(
        x=ends, y=use, name=name, line=dict(color=CURRENT, width=3, shape="hv"),
        hovertemplate="%{x|%d %b %Y}: %{y:.2%}<extra></extra>"))
    for label, week, point, low, high in forecasts:
        fig.add_trace(go.Scatter(
            x=[ends[min(max(week, 1), len(ends)) - 1]], y=[point], mode="markers", name=label,
            marker=dict(size=13, symbol="diamond", line=dict(width=1, color="white")),
            error_y=dict(type="data", symmetric=False, array=[high - point],
                         arrayminus=[point - low]),
            hovertemplate=f"{label}: %{{y:.1%}}<extra></extra>"))
    top = max([float(np.max(use)) if len(use) else 0.0,
               *(high for *_, high in forecasts), 0.001])
    fig.update_yaxes(title=tr("chart.probability"), **_percent_ticks(top))
    fig.update_xaxes(tickformat="%b %Y")
    _layout(fig, height=440)
    fig.update_layout(legend=dict(orientation="h", yanchor="top", y=-0.12, x=0))  # below
    return fig
