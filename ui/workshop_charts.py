"""Plotly figures of the workshop board (and of its HTML report), sized for a projector.

Participant names go into a figure through `plotly_text`: Plotly renders a subset of HTML in
labels (links, bold, styles), so ``<`` and ``&`` are escaped, and nothing else: Plotly decodes
only ``&lt; &gt; &amp;``, a few other names and numeric entities, and would show ``&quot;``
literally. A name is thus shown exactly as typed and can never become markup.
"""

import html
from collections import Counter

import plotly.graph_objects as go

from ui import i18n
from ui.charts import CONVENTIONAL, CURRENT
from ui.scenarios import short_name
from ui.workshop_results import PERCENTILES, REFERENCES, RoundResults
from ui.workshop_text import wt

FORECAST = "#e08e0b"
REFERENCE_COLOUR = "#6c3fa0"
RANGE = "#9aa5b1"
FONT_SIZE = 18
"""Projector-sized text: read from the back of a room."""


def _layout(fig: go.Figure, height: int, legend_below: bool, **layout) -> go.Figure:
    """Projector-sized type, white background, the legend on the side without the x axis."""
    position = dict(yanchor="top", y=-0.02) if legend_below else dict(yanchor="bottom", y=1.02)
    fig.update_layout(height=height, margin=dict(l=10, r=30, t=10, b=10),
                      font=dict(size=FONT_SIZE), template="plotly_white",
                      legend=dict(orientation="h", x=0, font=dict(size=FONT_SIZE - 2),
                                  **position), **layout)
    return fig


def plotly_text(text: str) -> str:
    """``text`` for a Plotly label, shown exactly as typed and never as markup.

    Plotly reads labels as pseudo-HTML: tags start with ``<`` and entities with ``&``, so
    those two (and ``>``) are escaped. Quotes are left alone: outside a tag they are plain text,
    and Plotly would show ``&quot;`` as it stands (it decodes ``&#39;``, not ``&quot;``).
    """
    return html.escape(text, quote=False)


def unique_labels(names: list[str]) -> list[str]:
    """Names made unique ('Ana', 'Ana (2)') and escaped for Plotly, for a categorical axis."""
    seen: Counter = Counter()
    totals = Counter(names)
    labels = []
    for name in names:
        seen[name] += 1
        label = name if totals[name] == 1 else f"{name} ({seen[name]})"
        labels.append(plotly_text(label))
    return labels


def preset_name(preset: str) -> str:
    """The preset's short name, or its file name if it is no longer there."""
    try:
        return short_name(preset)
    except Exception:  # noqa: BLE001 - a room outlives a deleted preset file
        return preset


def forecasts_vs_model(results: RoundResults) -> go.Figure:
    """One row per participant: own forecast (diamond) and model result (dot, 95% interval).

    Below them the group's medians, the round's base scenario, and the published forecasts
    of October 2022, labelled with source and date. Highest model result at the top.
    """
    rows = sorted(results.revealed_rows, key=lambda row: row.use.estimate)
    labels = unique_labels([row.name for row in rows])
    median_label = wt("c_median")
    base_label = plotly_text(wt("c_base", preset=preset_name(results.round.preset)))
    reference_labels = [plotly_text(ref.label) for ref in REFERENCES]
    order = [*reference_labels[::-1], base_label, median_label, *labels]
    fig = go.Figure()
    connector_x, connector_y = [], []
    for label, row in zip(labels, rows, strict=True):
        connector_x += [row.forecast, row.use.estimate, None]
        connector_y += [label, label, None]
    fig.add_trace(go.Scatter(x=connector_x, y=connector_y, mode="lines", showlegend=False,
                             line=dict(color=RANGE, width=2), hoverinfo="skip"))
    fig.add_trace(go.Scatter(
        x=[row.use.estimate for row in rows], y=labels, mode="markers", name=wt("c_model"),
        marker=dict(size=16, color=CURRENT),
        error_x=dict(type="data", symmetric=False, thickness=2,
                     array=[row.use.ci_high - row.use.estimate for row in rows],
                     arrayminus=[row.use.estimate - row.use.ci_low for row in rows]),
        hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[row.forecast for row in rows], y=labels, mode="markers", name=wt("c_forecast"),
        marker=dict(size=16, symbol="diamond", color=FORECAST),
        hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    median_forecast, median_model = results.median_forecast(), results.median_model()
    if median_model is not None:
        fig.add_trace(go.Scatter(x=[median_forecast, median_model], y=[median_label] * 2,
                                 mode="lines", showlegend=False, hoverinfo="skip",
                                 line=dict(color=RANGE, width=2)))
        fig.add_trace(go.Scatter(x=[median_model], y=[median_label], mode="markers",
                                 showlegend=False, marker=dict(size=20, color=CURRENT),
                                 hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
        fig.add_trace(go.Scatter(x=[median_forecast], y=[median_label], mode="markers",
                                 showlegend=False,
                                 marker=dict(size=20, symbol="diamond", color=FORECAST),
                                 hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
        fig.add_vline(x=median_model, line=dict(color=CURRENT, width=1.5, dash="dash"))
        fig.add_vline(x=median_forecast, line=dict(color=FORECAST, width=1.5, dash="dash"))
    if results.base is not None:
        base = results.base
        fig.add_trace(go.Scatter(
            x=[base.estimate], y=[base_label], mode="markers", showlegend=False,
            marker=dict(size=16, color=CONVENTIONAL),
            error_x=dict(type="data", symmetric=False, array=[base.ci_high - base.estimate],
                         arrayminus=[base.estimate - base.ci_low]),
            hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    fig.add_trace(go.Scatter(
        x=[ref.point for ref in REFERENCES], y=reference_labels, mode="markers",
        name=wt("c_reference"), marker=dict(size=15, symbol="square", color=REFERENCE_COLOUR),
        error_x=dict(type="data", symmetric=False, thickness=2,
                     array=[ref.high - ref.point for ref in REFERENCES],
                     arrayminus=[ref.point - ref.low for ref in REFERENCES]),
        hovertemplate="%{y}: %{x:.1%}<extra></extra>"))
    highest = max([0.2, *(row.use.ci_high for row in rows), *(row.forecast for row in rows),
                   *(ref.high for ref in REFERENCES)])
    fig.update_xaxes(tickformat=".0%", range=[0, min(1.0, highest * 1.08)], side="top",
                     title=dict(text=wt("c_axis", weeks=results.horizon_weeks), standoff=8))
    fig.update_yaxes(categoryorder="array", categoryarray=order, automargin=True)
    return _layout(fig, height=190 + 42 * len(order), legend_below=True)  # x axis on top


def moved(effect: dict) -> bool:
    """Whether anyone's value differs from the base at the percentiles the board shows."""
    return any(effect[f"{label}_value"] != effect["base_value"] for label in PERCENTILES)


def assumption_effects(results: RoundResults) -> go.Figure:
    """Each allowed assumption at the group's median value: paired change from the base.

    A grey line spans the changes at the group's 10th and 90th percentile values. The largest
    change at the median is at the top; assumptions nobody moved are left out (the table
    lists them).
    """
    effects = [e for e in results.effects if moved(e)][::-1]  # plotly: first row at the bottom
    labels = [plotly_text(f"{i18n.parameter(e['parameter'])}: {e['base_value']:g} → "
                          f"{e['median_value']:g}") for e in effects]
    medians = [100 * e["median"]["difference"] for e in effects]
    rows = list(range(len(effects)))
    widest = max([abs(m) for m in medians] + [1e-9])
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=medians, y=rows, orientation="h", name=wt("c_at_median"), marker_color=CURRENT,
        width=0.5, customdata=labels,
        error_x=dict(type="data", symmetric=False, thickness=2,
                     array=[100 * e["median"]["ci_high"] - m
                            for e, m in zip(effects, medians, strict=True)],
                     arrayminus=[m - 100 * e["median"]["ci_low"]
                                 for e, m in zip(effects, medians, strict=True)]),
        # The number inside the bar, at its root (the interval whisker covers its end); a bar too
        # short to hold it has none, the table lists every value.
        text=[f"{m:+.1f}" if abs(m) >= 0.2 * widest else "" for m in medians],
        textposition="inside", insidetextanchor="start", textfont=dict(color="white"),
        hovertemplate="%{customdata}: %{x:+.2f} pts<extra></extra>"))
    range_x, range_y, range_labels = [], [], []
    for row, label, effect in zip(rows, labels, effects, strict=True):
        range_x += [100 * effect["low"]["difference"], 100 * effect["high"]["difference"], None]
        range_y += [row - 0.36] * 2 + [None]  # just under the bar, clear of its number
        range_labels += [label, label, None]
    fig.add_trace(go.Scatter(x=range_x, y=range_y, mode="lines+markers", customdata=range_labels,
                             name=wt("c_group_range"), line=dict(color=RANGE, width=3),
                             marker=dict(size=10, color=RANGE),
                             hovertemplate="%{customdata}: %{x:+.2f} pts<extra></extra>"))
    fig.add_vline(x=0, line=dict(color="black", width=1))
    fig.update_xaxes(title=wt("c_effect_axis"), zeroline=False)
    fig.update_yaxes(tickvals=rows, ticktext=labels, range=[-0.6, len(rows) - 0.5],
                     automargin=True, showgrid=False)
    return _layout(fig, height=190 + 70 * len(effects), legend_below=False)
