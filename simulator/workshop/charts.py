"""Plotly figures of the workshop board (and of its HTML report), sized for a projector.

Participant names go into a figure through `plotly_text`: Plotly renders a subset of HTML in
labels (links, bold, styles), so ``<`` and ``&`` are escaped, and nothing else: Plotly decodes
only ``&lt; &gt; &amp;``, a few other names and numeric entities, and would show ``&quot;``
literally. A name is thus shown exactly as typed and can never become markup.
"""

import html
import re
import textwrap
from collections import Counter

import plotly.graph_objects as go

from simulator import locales
from simulator.locales import formats, ticks
from simulator.model.scenario import load
from simulator.workshop import references
from simulator.workshop.labels import parameter, percent, shown_value
from simulator.workshop.results import REFERENCES
from simulator.workshop.revealed import RoundResults
from simulator.workshop.text import text as tx

CURRENT = "#1f6fb2"
"""The model's colour (as simulator/app/charts.py)."""
CONVENTIONAL = "#5b7083"
"""The base scenario's colour (as simulator/app/charts.py)."""

FORECAST = "#e08e0b"
REFERENCE_COLOUR = "#6c3fa0"
RANGE = "#9aa5b1"
FONT_SIZE = 18
"""Projector-sized text: read from the back of a room."""
LABEL_WIDTH = 18
"""Characters a line of an assumption's name on the effects chart (a phone's width)."""


def _layout(fig: go.Figure, height: int, legend_below: bool, lang: str = "en",
            **layout) -> go.Figure:
    """Projector-sized type, white background, the legend on the side without the x axis.

    The axes' numbers take ``lang``'s decimal and thousands separators ('0,5' in French).
    """
    symbols = formats.symbols(lang)
    layout.setdefault("separators", symbols["decimal"] + symbols["group"])
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


def preset_name(preset: str, lang: str = "en") -> str:
    """The preset's short name, or its file name if it is no longer there.

    As the app names it (``simulator.app.scenarios.short_name``), so 'Référence' in French as
    on Explore: a speaker's surname, else the catalogue's ``preset.name.<name>``.
    """
    try:
        scenario = load(preset)
    except Exception:  # noqa: BLE001 - a room outlives a deleted preset file
        return preset
    if scenario.speaker:
        return scenario.speaker.split()[-1]
    english = (f"Experts pooled ({scenario.pool_basis} weights)" if scenario.pool
               else preset.replace("-", " ").capitalize())
    return locales.translate(lang, f"preset.name.{preset}", english)


def reference_label(reference, lang: str = "en") -> str:
    """A published forecast's label on two short lines: who, then when and until when.

    The parenthesis of who reported it is left out (the list under the chart has it).
    """
    source = re.sub(r"\s*\([^)]*\)", "", references.source(reference, lang))
    return f"{plotly_text(source)}<br>{plotly_text(references.when(reference, lang))}"


def forecasts_vs_model(results: RoundResults, lang: str = "en") -> go.Figure:
    """One row per participant: own forecast (diamond) and model result (dot, 95% interval).

    Below them the group's medians, the round's base scenario, and the published forecasts
    of October 2022, labelled with source and date. Highest model result at the top.
    """
    rows = sorted(results.revealed_rows, key=lambda row: row.use.estimate)
    labels = unique_labels([row.name for row in rows])
    median_label = tx(lang, "c_median")
    base_label = plotly_text(tx(lang, "c_base", preset=preset_name(results.round.preset, lang)))
    reference_labels = [reference_label(ref, lang) for ref in REFERENCES]
    order = [*reference_labels[::-1], base_label, median_label, *labels]
    fig = go.Figure()
    connector_x, connector_y = [], []
    for label, row in zip(labels, rows, strict=True):
        connector_x += [row.forecast, row.use.estimate, None]
        connector_y += [label, label, None]
    fig.add_trace(go.Scatter(x=connector_x, y=connector_y, mode="lines", showlegend=False,
                             line=dict(color=RANGE, width=2), hoverinfo="skip"))
    _bands(fig, [(label, row.forecast_low, row.forecast_high)
                 for label, row in zip(labels, rows, strict=True) if row.has_range],
           tx(lang, "c_range"), "rgba(224, 142, 11, 0.4)", lang)
    if results.predictive is not None:
        model = results.predictive
        # The legend's longest name, on two lines: on a phone one line ran off the figure.
        name = tx(lang, "c_predictive").replace(" (", "<br>(")
        _bands(fig, [(base_label, model.pi_low, model.pi_high)], name,
               "rgba(91, 112, 131, 0.35)", lang)
    fig.add_trace(go.Scatter(
        x=[row.use.estimate for row in rows], y=labels, mode="markers", name=tx(lang, "c_model"),
        marker=dict(size=16, color=CURRENT),
        error_x=dict(type="data", symmetric=False, thickness=2,
                     array=[row.use.ci_high - row.use.estimate for row in rows],
                     arrayminus=[row.use.estimate - row.use.ci_low for row in rows]),
        **_hover_percent([row.use.estimate for row in rows], lang)))
    fig.add_trace(go.Scatter(
        x=[row.forecast for row in rows], y=labels, mode="markers", name=tx(lang, "c_forecast"),
        marker=dict(size=16, symbol="diamond", color=FORECAST),
        **_hover_percent([row.forecast for row in rows], lang)))
    median_forecast, median_model = results.median_forecast(), results.median_model()
    if median_model is not None:
        fig.add_trace(go.Scatter(x=[median_forecast, median_model], y=[median_label] * 2,
                                 mode="lines", showlegend=False, hoverinfo="skip",
                                 line=dict(color=RANGE, width=2)))
        fig.add_trace(go.Scatter(x=[median_model], y=[median_label], mode="markers",
                                 showlegend=False, marker=dict(size=20, color=CURRENT),
                                 **_hover_percent([median_model], lang)))
        fig.add_trace(go.Scatter(x=[median_forecast], y=[median_label], mode="markers",
                                 showlegend=False,
                                 marker=dict(size=20, symbol="diamond", color=FORECAST),
                                 **_hover_percent([median_forecast], lang)))
        fig.add_vline(x=median_model, line=dict(color=CURRENT, width=1.5, dash="dash"))
        fig.add_vline(x=median_forecast, line=dict(color=FORECAST, width=1.5, dash="dash"))
    if results.base is not None:
        base = results.base
        fig.add_trace(go.Scatter(
            x=[base.estimate], y=[base_label], mode="markers", showlegend=False,
            marker=dict(size=16, color=CONVENTIONAL),
            error_x=dict(type="data", symmetric=False, array=[base.ci_high - base.estimate],
                         arrayminus=[base.estimate - base.ci_low]),
            **_hover_percent([base.estimate], lang)))
    fig.add_trace(go.Scatter(
        x=[ref.point for ref in REFERENCES], y=reference_labels, mode="markers",
        name=tx(lang, "c_reference"), marker=dict(size=15, symbol="square", color=REFERENCE_COLOUR),
        error_x=dict(type="data", symmetric=False, thickness=2,
                     array=[ref.high - ref.point for ref in REFERENCES],
                     arrayminus=[ref.point - ref.low for ref in REFERENCES]),
        **_hover_percent([ref.point for ref in REFERENCES], lang)))
    highest = max([0.2, *(row.use.ci_high for row in rows), *(row.forecast for row in rows),
                   *(row.forecast_high for row in rows if row.has_range),
                   *((results.predictive.pi_high,) if results.predictive else ()),
                   *(ref.high for ref in REFERENCES)])
    # No axis title: the heading just above names the question, and on a phone a title
    # centred over the narrow plot ran off the figure.
    fig.update_xaxes(**ticks.linear(min(1.0, highest * 1.08), lang, percent=True), side="top")
    fig.update_yaxes(categoryorder="array", categoryarray=order, automargin=True,
                     tickfont=dict(size=FONT_SIZE - 2))
    # Room for a legend of one entry a line (a phone's width), so the rows keep theirs.
    entries = sum(1 for trace in fig.data if trace.showlegend is not False)
    return _layout(fig, height=130 + 44 * len(order) + 30 * entries, legend_below=True,
                   lang=lang)  # x axis on top


def _hover_percent(values: list[float], lang: str) -> dict:
    """A trace's hover: its row's name and the value in ``lang`` (Plotly writes '20,0%')."""
    return dict(customdata=[percent(value, lang) for value in values],
                hovertemplate="%{y}: %{customdata}<extra></extra>")


def _bands(fig: go.Figure, spans: list[tuple[str, float, float]], name: str,
           colour: str, lang: str = "en") -> None:
    """Thick translucent bars from low to high on the rows named: ranges, not points."""
    if not spans:
        return
    xs, ys, hover = [], [], []
    for label, low, high in spans:
        xs += [low, high, None]
        ys += [label, label, None]
        hover += [f"{percent(low, lang)} – {percent(high, lang)}"] * 2 + [""]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", name=name, customdata=hover,
                             line=dict(color=colour, width=12),
                             hovertemplate="%{y}: %{customdata}<extra></extra>"))


def _size(difference: float, lang: str = "en") -> str:
    """A mean effect size in points: two decimals under one point, else one."""
    points = 100 * difference
    return formats.number(lang, points, 2 if points < 1 else 1)


def effect_label(effect: dict, participants: int, lang: str = "en") -> str:
    """'Command layers (2 of 3)': the parameter and how many of the room changed it."""
    return tx(lang, "c_changed_by", param=parameter(effect["parameter"], lang),
              n=effect["changed_by"], total=participants)


def assumption_effects(results: RoundResults, lang: str = "en") -> go.Figure:
    """Each assumption somebody changed: everyone's one-at-a-time effect, and their mean.

    A dot per participant who changed it (their change alone, from the base, on the same
    worlds); a bar for the mean over them; on the right the size (mean absolute effect),
    which orders the rows, largest at the top.
    """
    effects = results.moved_effects[::-1]  # plotly: first row at the bottom
    participants = len(results.revealed_rows)
    labels = [plotly_text(effect_label(e, participants, lang)) for e in effects]
    # Names over short lines: on one line they squeezed the plot to nothing on a phone. The
    # count, '(1 of 3)', stays whole (no-break spaces: textwrap breaks at ASCII spaces only).
    whole = [re.sub(r"\([^()]*\)$", lambda count: count[0].replace(" ", "\u00a0"), label)
             for label in labels]
    ticks = ["<br>".join(textwrap.wrap(label, LABEL_WIDTH, break_long_words=False,
                                       break_on_hyphens=False)) for label in whole]
    rows = list(range(len(effects)))
    means = [100 * e["mean"] for e in effects]
    fig = go.Figure()
    fig.add_trace(go.Bar(
        x=means, y=rows, orientation="h", name=tx(lang, "c_mean_effect"),
        marker_color="rgba(31, 111, 178, 0.35)", width=0.6, customdata=labels,
        hovertemplate="%{customdata}: %{x:+.2f} pts<extra></extra>"))
    dots_x, dots_y, dots_text = [], [], []
    for row, effect in zip(rows, effects, strict=True):
        for entry in effect["individual"]:
            dots_x.append(100 * entry["difference"])
            dots_y.append(row)
            dots_text.append(f"{plotly_text(entry['name'])}{formats.colon(lang)} "
                             f"{shown_value(effect['parameter'], effect['base_value'], lang)} → "
                             f"{shown_value(effect['parameter'], entry['value'], lang)}")
    fig.add_trace(go.Scatter(
        x=dots_x, y=dots_y, mode="markers", name=tx(lang, "c_each_effect"),
        marker=dict(size=14, color=CURRENT, line=dict(color="white", width=1)),
        customdata=dots_text, hovertemplate="%{customdata}: %{x:+.2f} pts<extra></extra>"))
    for row, effect in zip(rows, effects, strict=True):
        fig.add_annotation(x=1, xref="paper", xanchor="left", y=row, showarrow=False,
                           text=tx(lang, "c_size", size=_size(effect["mean_abs"], lang)),
                           font=dict(size=FONT_SIZE - 2, color="#333"))
    fig.add_vline(x=0, line=dict(color="black", width=1))
    # Short lines: the plot is narrow beside the assumption names, and one line of the
    # title ran past the figure's edges (in French above all, on a phone at all).
    title = "<br>".join(textwrap.wrap(tx(lang, "c_effect_axis"), 30))
    fig.update_xaxes(title=dict(text=title, standoff=8), zeroline=False, automargin=True)
    fig.update_yaxes(tickvals=rows, ticktext=ticks, range=[-0.6, len(rows) - 0.4],
                     automargin=True, showgrid=False)
    lines = max((tick.count("<br>") + 1 for tick in ticks), default=1)
    row = max(60, 24 * lines + 12)  # rows are evenly spaced: each as tall as the tallest name
    fig = _layout(fig, height=170 + row * len(effects), legend_below=False, lang=lang)
    fig.update_layout(margin=dict(l=10, r=80, t=10, b=10))  # room for '0,48 pts'
    return fig
