"""Plotly charts for the pages, as plain dicts.

Each chart is a spec ``{"data": [trace dicts, each with "type"], "layout": {...}}``, not a
``go.Figure``: a figure validates every property as it is built, which costs milliseconds
per chart (a dict costs a fraction of one), and every slider move reruns the page (five
charts on Explore) under the interpreter lock all users share. The tests validate every
chart against Plotly's schema instead, and `show` draws a spec without validating it again.
"""

import datetime as dt
from typing import Any

import numpy as np
import plotly.graph_objects as go
import plotly.io as pio
import streamlit as st

from simulator.app import i18n, plausible
from simulator.app.i18n import tr
from simulator.app.runs import FAN_QUANTILES, RunSummary, ViewRow
from simulator.app.scenarios import short_name
from simulator.locales import ticks as axis_ticks
from simulator.model import ladder
from simulator.studies import story

NUCLEAR = "#b8322a"
CONVENTIONAL = "#5b7083"
CURRENT = "#1f6fb2"
REFERENCE = "#9aa5b1"
PASSED = "#4f7cac"
SETTING = "#e08e0b"
RANGE = "rgba(40, 40, 40, 0.3)"
"""A plausible range (predictive interval): translucent, so a bar shows through it."""
EVENT_MARKERS = {"order": ("diamond", "#e08e0b"), "refused": ("x", CURRENT),
                 "use": ("star", NUCLEAR), "ousted": ("triangle-down", "black"),
                 "nato": ("square", "#6c3fa0")}
"""How One world marks a story's events on its rung chart: symbol and colour."""

Chart = dict[str, Any]
"""A Plotly figure as plain data: ``{"data": [trace dicts], "layout": {...}}``."""


class _Drawn(go.Figure):
    """An empty ``go.Figure`` whose ``to_dict()`` is a spec, as it stands (see `show`)."""

    def __init__(self, spec: Chart):
        super().__init__()  # an empty figure: ~0.2 ms, nothing of the spec validated
        self._spec = spec

    def to_dict(self) -> Chart:
        return self._spec


def show(spec: Chart, **kwargs) -> None:
    """Draw a spec with ``st.plotly_chart`` (``config=CHART_CONFIG`` unless given).

    Passed as a dict, the spec would be rebuilt as a ``go.Figure`` and validated, the cost
    the dicts avoid. This relies on Streamlit (1.67) handing its argument to
    ``plotly.tools.return_figure_from_figure_or_data(fig, validate_figure=True)``, which
    for a ``BaseFigure`` only calls ``fig.to_dict()``: hence the figure wrapping the spec.
    A test checks the charts Streamlit sends are our specs, should that ever change.
    """
    kwargs.setdefault("config", CHART_CONFIG)
    st.plotly_chart(_Drawn(spec), **kwargs)


_TEMPLATES: dict[str, Any] = {}


def _template() -> Any:
    """The template a new ``go.Figure`` carries (Streamlit's once Streamlit is imported).

    Each spec carries it, as a figure did, so a page draws the same chart. Built once per
    template name and shared by every spec: it must not be changed in place.
    """
    name = pio.templates.default
    if not isinstance(name, str):
        return go.Figure().to_dict()["layout"].get("template")
    if name not in _TEMPLATES:
        _TEMPLATES[name] = go.Figure().to_dict()["layout"].get("template")
    return _TEMPLATES[name]


def _chart(*traces: dict) -> Chart:
    """A spec with these traces (dicts with their "type") and an empty layout."""
    return {"data": list(traces), "layout": {}}


def _axis(chart: Chart, name: str, **settings) -> Chart:
    """Set ``settings`` on the layout's axis ``name`` ('xaxis', 'yaxis'), keeping the rest."""
    chart["layout"].setdefault(name, {}).update(settings)
    return chart


def _layout(chart: Chart, height: int = 320, **layout) -> Chart:
    """The pages' common layout; Plotly writes the language's separators (French '0,5')."""
    layout.setdefault("separators", tr("format.plotly_separators"))
    chart["layout"].update(template=_template(), height=height,
                           margin=dict(l=10, r=10, t=30, b=10),
                           legend=dict(orientation="h", yanchor="bottom", y=1.0, x=0),
                           **layout)
    return chart


def _percent_label(p: float, decimals: int) -> str:
    """A percentage for a chart ('20%' in English, '20 %' in French)."""
    return i18n.fmt_percent(p, decimals)


def date_axis(chart: Chart, dates: list[dt.date]) -> Chart:
    """A date axis labelled 'Oct 2022' (English) or 'oct. 2022' (French).

    Plotly names months in English only, so the ticks are written out by Babel: the first
    day of every other month within the dates.
    """
    if not dates:
        return _axis(chart, "xaxis", tickformat="%b %Y")
    first, last = min(dates), max(dates)
    ticks, year, month = [], first.year, first.month
    while True:
        day = dt.date(year, month, 1)
        if day > last:
            break
        if day >= first:
            ticks.append(day)
        month, year = (1, year + 1) if month == 12 else (month + 1, year)
    step = max(1, -(-len(ticks) // 7))
    ticks = ticks[::step]
    return _axis(chart, "xaxis", tickmode="array", tickvals=ticks,
                 ticktext=[i18n.date(d, "MMM y") for d in ticks])


def _hover(names, values, decimals: int = 2) -> dict:
    """Hover texts 'name: 12.34%' written out in the language (Plotly's '%' format is English)."""
    colon = tr("format.colon")
    return dict(customdata=[f"{name}{colon} {i18n.fmt_percent(value, decimals)}"
                            for name, value in zip(names, values, strict=True)],
                hovertemplate="%{customdata}<extra></extra>")


def _date_hover(dates, values, shown) -> dict:
    """Hover texts for a trace over dates: the date and ``shown(value)``, written out.

    Plotly names months in English only, so the dates are Babel's ('3 oct. 2022'). A reference
    run over a longer horizon has more values than the dates: Plotly draws the shorter, so do we.
    """
    colon = tr("format.colon")
    return dict(customdata=[f"{i18n.date(d)}{colon} {shown(v)}" for d, v in
                            zip(dates, values, strict=False)],
                hovertemplate="%{customdata}<extra></extra>")


CHART_CONFIG = {"displayModeBar": False, "responsive": True}
"""Plotly's config on every page: no toolbar (on a phone it covers the chart)."""


def linear_ticks(top: float, *, percent: bool, bottom: float = 0.0, ticks: int = 5,
                 pad: float = 0.04) -> dict:
    """Explicit axis settings for ``bottom..top`` in the page's language (``locales.ticks``)."""
    return axis_ticks.linear(top, i18n.language(), percent=percent, bottom=bottom,
                             ticks=ticks, pad=pad)


def week_dates(weeks: int) -> list[dt.date]:
    """The date of each simulated week (week 0 = the mobilisation, 21 Sep 2022)."""
    return [story.MOBILISATION_WEEK + dt.timedelta(weeks=k) for k in range(weeks)]


def _rung_labels() -> list[str]:
    return [f"{r.level} · {i18n.rung(r.level, r.label)}" for r in ladder.RUNGS]


def _label_rows(chart: Chart, labels: list[str]) -> Chart:
    """Write each bar's label above it, left-aligned, rather than as a y-axis tick.

    The labels then take the chart's full width instead of squeezing the bars into what a
    phone leaves beside them; the y axis itself is hidden (its positions mean nothing).
    """
    chart["layout"]["annotations"] = [
        dict(x=0, xref="paper", y=position + 0.28, yref="y", text=label, showarrow=False,
             xanchor="left", yanchor="bottom", font=dict(size=11, color="#31333f"),
             align="left")
        for position, label in zip(range(len(labels) - 1, -1, -1), labels, strict=True)]
    return _axis(chart, "yaxis", visible=False, range=[-0.5, len(labels) - 0.1])


def highest_rung(result: RunSummary, reference: RunSummary | None = None) -> Chart:
    """The ladder as horizontal bars: share of worlds whose highest rung is each rung.

    Top rung first; each bar is labelled above it with the rung's number and name.
    """
    rungs = ladder.RUNGS[::-1]
    labels = _rung_labels()[::-1]
    positions = list(range(len(rungs) - 1, -1, -1))
    colours = [NUCLEAR if r.nuclear else CONVENTIONAL for r in rungs]
    shares = result.highest_rung[::-1]
    chart = _chart(dict(
        type="bar", x=shares, y=positions, orientation="h", marker=dict(color=colours),
        width=0.45, name=tr("chart.this_setting"), text=[_percent_text(x) for x in shares],
        textposition="outside",
        cliponaxis=False, **_hover(labels, shares)))
    if reference is not None:
        chart["data"].append(dict(
            type="scatter", x=reference.highest_rung[::-1], y=positions, mode="markers",
            name=tr("chart.preset"),
            marker=dict(symbol="line-ns-open", size=14, line=dict(width=3), color="black"),
            cliponaxis=False, **_hover(labels, reference.highest_rung[::-1])))
    widest = max(result.highest_rung.max(),
                 0 if reference is None else reference.highest_rung.max())
    # Room on the right for the labels outside the bars; a little left of 0 for the
    # preset's marks on empty rungs.
    _axis(chart, "xaxis", title=dict(text=tr("chart.share_worlds")),
          **linear_ticks(1.15 * widest, percent=True, pad=0.02, ticks=4))
    _label_rows(chart, labels)
    return _layout(chart, height=90 + 38 * len(rungs), showlegend=reference is not None)


def chain_funnel(result: RunSummary) -> Chart:
    """Orders given -> still going after each layer -> carried out, as bars.

    Each bar is labelled above it (the layer and how many orders it refused); its length is
    the number of orders still going, with their share of the orders given.
    """
    funnel = result.funnel
    labels = [tr("chart.issued")]
    labels += [f"{i18n.layer(name)} · {tr('chart.refused', n=i18n.number(n))}"
               for name, n in zip(result.layers, funnel["refused_at"], strict=True)]
    labels.append(tr("chart.executed"))
    counts = [int(funnel["issued"]), *map(int, funnel["passed"]), int(funnel["executed"])]
    colours = [CONVENTIONAL, *[PASSED] * len(result.layers), NUCLEAR]
    issued = max(counts[0], 1)
    chart = _chart(dict(
        type="bar", x=counts, y=list(range(len(counts) - 1, -1, -1)), orientation="h",
        width=0.45, marker=dict(color=colours), cliponaxis=False, textposition="outside",
        customdata=labels,
        text=[f"{i18n.number(n)} ({_percent_label(n / issued, 0)})" for n in counts],
        hovertemplate="%{customdata}: %{x:,}<extra></extra>"))
    _axis(chart, "xaxis", visible=False, range=[0, 1.3 * max(counts[0], 1)])
    _label_rows(chart, labels)
    return _layout(chart, height=90 + 38 * len(counts), showlegend=False)


def cumulative_use(result: RunSummary, reference: RunSummary | None = None) -> Chart:
    """Probability that a nuclear weapon has been used by each week, with its 95% band."""
    shares = result.weekly["nuclear_use"]
    dates = week_dates(len(shares))
    chart = _chart(dict(type="scatter", x=dates + dates[::-1],
                        y=np.concatenate([result.use_high, result.use_low[::-1]]),
                        fill="toself", fillcolor="rgba(31,111,178,0.18)", line=dict(width=0),
                        hoverinfo="skip", showlegend=False))
    def hover(values) -> dict:
        return _date_hover(dates, values, lambda v: i18n.fmt_percent(v, 2))

    chart["data"].append(dict(type="scatter", x=dates, y=shares, name=tr("chart.this_setting"),
                              line=dict(color=CURRENT, width=3), **hover(shares)))
    if reference is not None:
        chart["data"].append(dict(type="scatter", x=dates, y=reference.weekly["nuclear_use"],
                                  name=tr("chart.preset"),
                                  line=dict(color=REFERENCE, width=2, dash="dash"),
                                  **hover(reference.weekly["nuclear_use"])))
    top = max(float(np.max(result.use_high)) if len(result.use_high) else 0.0,
              0.0 if reference is None else float(np.max(reference.weekly["nuclear_use"])))
    _axis(chart, "yaxis", title=dict(text=tr("chart.probability")),
          **linear_ticks(top, percent=True))
    date_axis(chart, dates)
    return _layout(chart, showlegend=reference is not None)


def rung_fan(result: RunSummary) -> Chart:
    """Fan chart of the rung over weeks: median, middle 50% and 90% of worlds, and mean."""
    quantiles = dict(zip(FAN_QUANTILES, result.rung_quantiles, strict=True))
    dates = week_dates(len(result.mean_rung))
    chart = _chart()
    for (low, high), name, alpha in (((0.05, 0.95), tr("chart.band90"), 0.15),
                                     ((0.25, 0.75), tr("chart.band50"), 0.3)):
        chart["data"].append(dict(type="scatter", x=dates, y=quantiles[high],
                                  line=dict(width=0, shape="hv"), showlegend=False,
                                  hoverinfo="skip"))
        chart["data"].append(dict(type="scatter", x=dates, y=quantiles[low],
                                  line=dict(width=0, shape="hv"), fill="tonexty",
                                  fillcolor=f"rgba(31,111,178,{alpha})", name=name,
                                  hoverinfo="skip"))
    chart["data"].append(dict(type="scatter", x=dates, y=quantiles[0.5], name=tr("chart.median"),
                              line=dict(color=CURRENT, width=2, shape="hv")))
    chart["data"].append(dict(type="scatter", x=dates, y=result.mean_rung, name=tr("chart.mean"),
                              line=dict(color="black", width=1.5, dash="dot"),
                              **_date_hover(dates, result.mean_rung,
                                            lambda v: i18n.fmt_number(v, 2))))
    _axis(chart, "yaxis", range=[-0.3, len(ladder.RUNGS) - 0.7], tickmode="array",
          tickvals=list(range(len(ladder.RUNGS))),
          ticktext=[str(r.level) for r in ladder.RUNGS], title=dict(text=tr("chart.rung_axis")))
    date_axis(chart, dates)
    return _layout(chart, height=380)


def views_strip(rows: list[ViewRow], current: tuple | None,
                chosen: str | None = None) -> Chart:
    """Every expert view's P(nuclear use) as a bar with its 95% interval, lowest at the top.

    The chosen preset's bar is highlighted; the user's setting, when it differs from its
    preset, is added as a bar of its own in a third colour: ``current`` is its ``(label,
    estimate)`` or ``(label, estimate, predictive)``. Where the runs drew ranges
    (``ViewRow.use_range``), each bar's plausible range is a thick translucent line and its
    simulation noise a thin black one over it.
    """
    points = [(i18n.preset_name(row.preset, short_name(row.preset)), row.use,
               CURRENT if row.preset == chosen else REFERENCE, row.use_range) for row in rows]
    if current is not None:
        points.append((current[0], current[1], SETTING, current[2] if len(current) > 2 else None))
    points.sort(key=lambda point: point[1].estimate, reverse=True)
    names = [f"<b>{name}</b>" if colour != REFERENCE else name for name, _, colour, _ in points]
    estimates = [e for _, e, _, _ in points]
    chart = _chart(dict(
        type="bar", x=[e.estimate for e in estimates], y=names, orientation="h",
        marker=dict(color=[colour for _, _, colour, _ in points]),
        error_x=dict(type="data", symmetric=False, color="#333", thickness=1.5,
                     array=[e.ci_high - e.estimate for e in estimates],
                     arrayminus=[e.estimate - e.ci_low for e in estimates]),
        text=[_percent_text(e.estimate) for e in estimates], textposition="outside",
        cliponaxis=False, **_hover(names, [e.estimate for e in estimates])))
    ranges = [found for _, _, _, found in points]
    if any(found is not None for found in ranges):
        # each view's plausible range as a thick translucent line, its noise drawn black over
        # it, and the label past the range's end, rounded as the range allows
        highs = [found.pi_high if found else e.ci_high for e, found in zip(estimates, ranges,
                                                                            strict=True)]
        lows = [found.pi_low if found else e.ci_low for e, found in zip(estimates, ranges,
                                                                         strict=True)]
        bar = chart["data"][0]
        del bar["text"], bar["textposition"]
        bar["error_x"].update(color=RANGE, thickness=6, width=0,
                              array=[high - e.estimate for e, high in zip(estimates, highs,
                                                                          strict=True)],
                              arrayminus=[e.estimate - low for e, low in zip(estimates, lows,
                                                                             strict=True)])
        chart["data"].append(dict(
            type="scatter", mode="lines", line=dict(width=0), x=[e.estimate for e in estimates],
            y=names, error_x=dict(type="data", symmetric=False, color="#333", thickness=1.5,
                                  array=[e.ci_high - e.estimate for e in estimates],
                                  arrayminus=[e.estimate - e.ci_low for e in estimates]),
            showlegend=False, hoverinfo="skip"))
        chart["data"].append(dict(
            type="scatter", mode="text", x=highs, y=names, textposition="middle right",
            text=[" " + _percent_label(e.estimate, plausible.digits(e.estimate, high - low))
                  for e, low, high in zip(estimates, lows, highs, strict=True)],
            cliponaxis=False, showlegend=False, hoverinfo="skip"))
    top = max([e.ci_high for e in estimates]
              + [found.pi_high for found in ranges if found is not None])
    ticks = linear_ticks(1.25 * top, percent=True, pad=0.0)
    ticks["range"][0] = 0
    _axis(chart, "xaxis", title=dict(text=tr("table.use")), **ticks)
    _axis(chart, "yaxis", automargin=True)
    return _layout(chart, height=70 + 30 * len(points), showlegend=False)


def spread(result: RunSummary, outcome: str = "nuclear_use") -> Chart:
    """An outcome's plausible range (predictive interval) above its simulation noise.

    Two bands on one probability axis, the estimate as a tick on each: the wide one carries
    the ranges of the assumptions, the narrow one the Monte Carlo noise alone. A run that
    drew no ranges has the noise band only.
    """
    est = result.estimates[outcome]
    found = (result.predictive or {}).get(outcome)
    rows = [(tr("plausible.chart_noise"), est.ci_low, est.ci_high, NUCLEAR)]
    if found is not None:
        rows.insert(0, (tr("plausible.chart_range"), found.pi_low, found.pi_high, RANGE))
    names = [name for name, *_ in rows]
    chart = _chart(*(dict(type="scatter", x=[low, high], y=[name, name], mode="lines",
                          line=dict(color=colour, width=14), showlegend=False,
                          hovertemplate=f"{name}: {_percent_label(low, 1)} – "
                                        f"{_percent_label(high, 1)}<extra></extra>")
                     for name, low, high, colour in rows),
                   dict(type="scatter", x=[est.estimate] * len(rows), y=names, mode="markers",
                        marker=dict(color="#111", size=20, symbol="line-ns",
                                    line=dict(width=2, color="#111")), showlegend=False,
                        hovertemplate=f"{_percent_label(est.estimate, 1)}<extra></extra>"))
    top = max(high for _, _, high, _ in rows)
    ticks = linear_ticks(1.1 * top, percent=True, bottom=min(low for _, low, _, _ in rows))
    _axis(chart, "xaxis", **ticks)
    _axis(chart, "yaxis", automargin=True, autorange="reversed")
    return _layout(chart, height=50 + 35 * len(rows), showlegend=False)


def _percent_text(p: float) -> str:
    """A bar's label: two decimals below 1%, else one (as the numbers on the pages)."""
    return i18n.fmt_percent(p)


def world_rungs(weeks: list[story.Week]) -> Chart:
    """One world's rung week by week, with its notable events marked."""
    dates = [week.date for week in weeks]
    rungs = [week.rung for week in weeks]
    chart = _chart(dict(type="scatter", x=dates, y=rungs, name=tr("chart.rung"),
                        line=dict(color=CONVENTIONAL, width=3, shape="hv"),
                        **_date_hover(dates, rungs, str)))
    for event, (symbol, colour) in EVENT_MARKERS.items():
        hits = [week for week in weeks if event in week.events]
        if hits:
            chart["data"].append(dict(type="scatter", x=[w.date for w in hits],
                                      y=[w.rung for w in hits], mode="markers",
                                      name=i18n.event(event),
                                      marker=dict(symbol=symbol, size=14, color=colour)))
    labels = _rung_labels()
    _axis(chart, "yaxis", range=[-0.3, len(labels) - 0.7], tickvals=list(range(len(labels))),
          ticktext=labels)
    date_axis(chart, dates)
    return _layout(chart, height=360)


def use_profile(use: np.ndarray, forecasts: list[tuple[str, int, float, float, float]],
                name: str) -> Chart:
    """P(nuclear use by the end of each week) for one view, with forecasts at their horizons.

    Args:
        use: P(a nuclear weapon used by the end of each week), week 0 first.
        forecasts: ``(label, horizon_week, point, low, high)`` per forecast; a forecast for
            use before week ``h`` is compared with ``use[h - 1]``, so both sit at the end of
            week ``h - 1`` (the start of week ``h``).
        name: The line's name in the legend.
    """
    ends = week_dates(len(use) + 1)[1:]  # the end of week k is the start of week k + 1
    chart = _chart(dict(
        type="scatter", x=ends, y=use, name=name, line=dict(color=CURRENT, width=3, shape="hv"),
        **_date_hover(ends, use, lambda v: i18n.fmt_percent(v, 2))))
    for label, week, point, low, high in forecasts:
        chart["data"].append(dict(
            type="scatter", x=[ends[min(max(week, 1), len(ends)) - 1]], y=[point],
            mode="markers", name=label,
            marker=dict(size=13, symbol="diamond", line=dict(width=1, color="white")),
            error_y=dict(type="data", symmetric=False, array=[high - point],
                         arrayminus=[point - low]),
            **_hover([label], [point], decimals=1)))
    top = max([float(np.max(use)) if len(use) else 0.0,
               *(high for *_, high in forecasts), 0.001])
    _axis(chart, "yaxis", title=dict(text=tr("chart.probability")),
          **linear_ticks(top, percent=True))
    date_axis(chart, ends)
    _layout(chart, height=440)
    chart["layout"]["legend"] = dict(orientation="h", yanchor="top", y=-0.12, x=0)  # below
    return chart
