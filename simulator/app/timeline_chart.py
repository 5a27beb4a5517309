"""The chart of the risk over time: one line and band per view, the forecasts, the events.

A spec (plain dicts, as ``simulator.app.charts``): each view's P(use in the next weeks |
what was known at the date) with its 95% band of simulation noise, the forecasts published
at the time as diamonds at (the day made, their figure), the dated events (the record's and,
over the whole war, the ones scheduled in every world: ``timeline_war.marks``) as numbered
dotted lines (the numbers are listed under the chart: labels would overlap on a phone), and
the date the slider chose as a grey line. Dates and numbers in the page's
language.
"""

import datetime as dt
from dataclasses import dataclass
from functools import lru_cache

from simulator.app import charts, i18n
from simulator.app.i18n import tr
from simulator.locales import formats

COLOURS = ("#1f6fb2", "#b8322a", "#e08e0b", "#6c3fa0", "#2a9d8f", "#5b7083")
FORECAST = "#31333f"
EVENT = "#9aa5b1"
CHOSEN = "#31333f"


@dataclass(frozen=True)
class Line:
    """One view's series as the chart draws it."""

    label: str
    dates: list[dt.date]
    estimates: list[float]
    lows: list[float]
    highs: list[float]


@dataclass(frozen=True)
class Marker:
    """A forecast of the time: who, when, its figure, and for when."""

    who: str
    made: dt.date
    probability: float
    horizon: dt.date


def _rgba(colour: str, alpha: float) -> str:
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return f"rgba({red}, {green}, {blue}, {alpha})"


@lru_cache(maxsize=32_768)
def _percent(lang: str, p: float) -> str:
    """``i18n.fmt_percent``, remembered: the same numbers come back at every slider move.

    The hover texts of the whole war (144 weeks a line, three figures a week) were most of a
    move's time.
    """
    return formats.percent(lang, p, 2 if 0 < abs(p) < 0.01 else 1)


def _interval(low: float, high: float) -> str:
    lang = i18n.language()
    return i18n.fmt_interval(_percent(lang, low), _percent(lang, high))


def risk_over_time(lines: list[Line], markers: list[Marker], events: list[dt.date],
                   chosen: dt.date, weeks: int) -> charts.Chart:
    """The chart: lines with bands, forecast diamonds, numbered events, the chosen date."""
    chart = charts._chart()
    colon, lang = tr("format.colon"), i18n.language()
    for k, line in enumerate(lines):
        colour = COLOURS[k % len(COLOURS)]
        chart["data"].append(dict(
            type="scatter", x=[*line.dates, *reversed(line.dates)],
            y=[*line.highs, *reversed(line.lows)], fill="toself",
            fillcolor=_rgba(colour, 0.15), line=dict(width=0), hoverinfo="skip",
            showlegend=False, legendgroup=line.label, name=line.label))
        chart["data"].append(dict(
            type="scatter", x=line.dates, y=line.estimates, mode="lines", name=line.label,
            legendgroup=line.label, line=dict(color=colour, width=2.5),
            customdata=[f"{line.label}, {i18n.date(d)}{colon} {_percent(lang, p)} "
                        f"{_interval(lo, hi)}" for d, p, lo, hi in
                        zip(line.dates, line.estimates, line.lows, line.highs, strict=True)],
            hovertemplate="%{customdata}<extra></extra>"))
    if markers:
        chart["data"].append(dict(
            type="scatter", mode="markers", name=tr("timeline.forecasts_legend"),
            x=[m.made for m in markers], y=[m.probability for m in markers],
            marker=dict(size=11, symbol="diamond", color=FORECAST,
                        line=dict(width=1, color="white")),
            customdata=[tr("timeline.hover_forecast", who=m.who, made=i18n.date(m.made),
                           p=i18n.fmt_percent(m.probability), horizon=i18n.date(m.horizon))
                        for m in markers],
            hovertemplate="%{customdata}<extra></extra>"))
    shapes = [dict(type="line", x0=day, x1=day, xref="x", y0=0, y1=1, yref="paper",
                   line=dict(color=EVENT, width=1, dash="dot")) for day in events]
    shapes.append(dict(type="line", x0=chosen, x1=chosen, xref="x", y0=0, y1=1,
                       yref="paper", line=dict(color=CHOSEN, width=2)))
    chart["layout"]["shapes"] = shapes
    # Numbers, not labels: three rows, so close dates (30 Sep, 8 and 10 Oct) stay apart.
    chart["layout"]["annotations"] = [
        dict(x=day, xref="x", y=1 - 0.07 * (n % 3), yref="paper", text=str(n + 1),
             showarrow=False, font=dict(size=11, color="#31333f"), bgcolor="white")
        for n, day in enumerate(events)]
    top = max([0.001, *(h for line in lines for h in line.highs),
               *(m.probability for m in markers)])
    charts._axis(chart, "yaxis", title=dict(text=tr("timeline.chart_y", weeks=weeks)),
                 **charts.linear_ticks(top * 1.2, percent=True))
    dates = [d for line in lines for d in line.dates] or [chosen]
    charts.date_axis(chart, dates)
    charts._layout(chart, height=440)
    chart["layout"]["legend"] = dict(orientation="h", yanchor="top", y=-0.12, x=0)  # below
    return chart
