"""Charts of the Compare and Sensitivity pages, in the page's language.

Tick labels are written out with ``simulator.app.i18n``'s number formats and Plotly's own separators
follow the language (``separators``), so a French page shows '2,5' and '10 000', never
'2.5' or '10,000'.
"""

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from simulator.app import i18n
from simulator.app.i18n import tr

CURRENT = "#1f6fb2"
REFERENCE = "#9aa5b1"
COLOURS = ("#1f6fb2", "#b8322a", "#e08e0b", "#6c3fa0", "#2a9d8f", "#5b7083", "#8c564b",
           "#e377c2", "#7f7f7f")


def _separators() -> str:
    """Plotly's decimal and thousands separators for the current language."""
    return i18n.tr("format.plotly_separators")


def _ticks(low: float, high: float, *, scale: float = 1.0, ticks: int = 5) -> dict:
    """Written-out ticks over ``low..high`` (values times ``scale`` in the labels)."""
    span = max(high - low, 1e-9) * scale
    power = 10.0 ** np.floor(np.log10(span / ticks))
    step = next(f * power for f in (1, 2, 2.5, 5, 10) if span / (f * power) <= ticks)
    first, last = np.floor(low * scale / step) * step, np.ceil(high * scale / step) * step
    values = np.round(np.arange(first, last + step / 2, step), 10)
    decimals = next(d for d in range(7) if abs(round(step, d) - step) < 1e-9 * max(1, step))
    margin = 0.04 * (last - first)
    return dict(tickmode="array", tickvals=[v / scale for v in values],
                ticktext=[i18n.fmt_number(v, decimals, sign=low < 0 < v) for v in values],
                range=[(first - margin) / scale, (last + margin) / scale])


def differences(rows: list[dict], reference: str) -> go.Figure:
    """Paired differences from the reference, in points: a group of bars per outcome.

    ``rows``: ``{"outcome", "view", "difference", "low", "high"}`` (probabilities).
    """
    frame = pd.DataFrame(rows)
    outcomes = list(dict.fromkeys(frame["outcome"]))[::-1]  # the largest on top
    fig = go.Figure()
    for k, (view, part) in enumerate(frame.groupby("view", sort=False)):
        part = part.set_index("outcome").reindex(outcomes)
        fig.add_trace(go.Bar(
            x=part["difference"], y=outcomes, orientation="h", name=view,
            marker_color=COLOURS[k % len(COLOURS)],
            customdata=[i18n.fmt_points(d) for d in part["difference"]],
            hovertemplate="%{y}: %{customdata}<extra>" + view.replace("<", "") + "</extra>",
            error_x=dict(type="data", symmetric=False, array=part["high"] - part["difference"],
                         arrayminus=part["difference"] - part["low"])))
    low = float(min(frame["low"].min(), 0.0))
    high = float(max(frame["high"].max(), 0.0))
    fig.update_xaxes(title=tr("compare.chart_axis", reference=reference),
                     zeroline=True, zerolinewidth=2, zerolinecolor="#444",
                     **_ticks(low, high, scale=100))
    fig.update_yaxes(automargin=True)
    fig.update_layout(height=120 + 40 * len(outcomes) * max(1, len(frame["view"].unique())) // 2,
                      barmode="group", separators=_separators(),
                      margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    return fig


def sobol(table: pd.DataFrame, labels: list[str]) -> go.Figure:
    """Ranked Sobol' indices (total and first order) with their intervals, plain names."""
    ranked = table.assign(label=labels).sort_values("total")
    fig = go.Figure()
    for column, name, colour in (("total", tr("sensitivity.col.total"), CURRENT),
                                 ("first_order", tr("sensitivity.col.first_order"), REFERENCE)):
        fig.add_trace(go.Bar(
            x=ranked[column], y=ranked["label"], orientation="h", name=name,
            marker_color=colour,
            customdata=[i18n.fmt_number(v, 2) for v in ranked[column]],
            hovertemplate="%{y}: %{customdata}<extra></extra>",
            error_x=dict(type="data", symmetric=False,
                         array=ranked[f"{column}_high"] - ranked[column],
                         arrayminus=ranked[column] - ranked[f"{column}_low"])))
    values = ranked[["total_low", "first_order_low", "total_high", "first_order_high"]]
    low = float(min(np.nanmin(values.to_numpy(), initial=0.0), 0.0))
    high = float(max(np.nanmax(values.to_numpy(), initial=0.0), 0.1))
    fig.update_xaxes(title=tr("sensitivity.chart_axis"), **_ticks(low, high))
    fig.update_yaxes(automargin=True)
    fig.update_layout(height=80 + 50 * len(ranked), barmode="group", separators=_separators(),
                      margin=dict(l=10, r=10, t=30, b=10),
                      legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0))
    return fig
