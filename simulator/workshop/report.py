"""The room for the debrief: a tidy CSV, a self-contained HTML report, a printable sheet.

- ``csv_text``: one row per answer over all rounds; one column per parameter (the value the
  participant's scenario used, a per-layer list as its mean) and one per parameter's
  one-at-a-time effect; the participant's plausible range (empty if none), whether it holds
  their model result, and the round's predictive interval across the preset's ranges;
  percentages and points as the board shows them, rounded. No JSON cell: it opens in pandas
  or a spreadsheet as it is. Typed text is guarded against spreadsheet formulas.
- ``html_report``: one file, one section per round, with the board's charts and tables. Plotly's
  JavaScript is inlined (about 4.8 MB) so the report opens without internet, as at many
  workshop venues. Every piece of text from the room is HTML-escaped.
- ``debrief_sheet``: one printable page for the latest revealed round: the headline numbers,
  the assumptions that moved results most, what moved each participant's result, the
  forecasts of the time and the questions to discuss. No script, no chart library.

All are built from the store alone (results are stored at the reveal), with the language
given as an argument: no Streamlit session is touched, so a download button's callback can
build them (no "missing ScriptRunContext" in the server log), after a restart or on another
machine pointing at the same database.
"""

import csv
import html
import io
from datetime import UTC, datetime
from typing import Any

import pandas as pd
import plotly.offline

from simulator.errors import SimulatorError
from simulator.locales import formats
from simulator.workshop import charts, dated, results, revealed, tables
from simulator.workshop import layers as chain
from simulator.workshop.labels import count, language, scalar
from simulator.workshop.store import Room, WorkshopStore
from simulator.workshop.text import text as tx

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is run as a formula by spreadsheet programs."""
FIXED_COLUMNS = (
    "room", "title", "preset", "round", "announcement", "participant", "forecast_pct",
    "forecast_low_pct", "forecast_high_pct", "model_in_own_range",
    "guessed_layer", "model_pct", "model_ci_low_pct", "model_ci_high_pct",
    "difference_from_base_pts", "difference_ci_low_pts", "difference_ci_high_pts",
    "interaction_pts", "model_refusing_layer", "guess_matches_model", "base_pct",
    "base_pi_low_pct", "base_pi_high_pct", "runs",
    "seed", "submitted_at",
)
EFFECT_COLUMN = "{name} effect_pts"
"""The column of a parameter's one-at-a-time effect (the participant's change alone)."""


def _safe_cell(text: str) -> str:
    """Typed text as a CSV cell a spreadsheet shows rather than runs (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _pct(p: float | None) -> float | None:
    return None if p is None or p != p else round(100 * p, 2)


def parameter_columns(room: Room, rounds) -> list[str]:
    """The parameters the CSV has a column for: the room's sliders, then every injected one."""
    names = list(room.allowed_params)
    for round_ in rounds:
        names += [name for name in sorted(round_.overrides) if name not in names]
    return names


def csv_columns(names: list[str]) -> list[str]:
    """Every column of the CSV, in order."""
    return [*FIXED_COLUMNS, *names, *(EFFECT_COLUMN.format(name=n) for n in names)]


def _round_values(round_) -> dict[str, Any]:
    try:
        return results.round_scenario(round_.preset, round_.overrides).parameters
    except (SimulatorError, ValueError):
        return {}


def csv_text(store: WorkshopStore, code: str) -> str:
    """Every answer of the room, one row each, with its results once revealed."""
    room = store.room(code)
    rounds = store.all_rounds(code)
    names = parameter_columns(room, rounds)
    out = io.StringIO()
    writer = csv.DictWriter(out, csv_columns(names), lineterminator="\n")
    writer.writeheader()
    for round_ in rounds:
        base_values = _round_values(round_)
        for submission in store.submissions(code, round_.number):
            row = revealed.row_of(submission)
            summary = (submission.results or {}).get("round", {})
            base = revealed.estimate_of(summary.get("base"))
            model = revealed.interval_of(summary.get("predictive"))
            layers = row.chain_layers(base_values.get("chain.layers", 5))
            values = {**base_values, **row.params}
            effects = {c.parameter: c.effect.difference for c in row.attribution if c.effect}
            line = {
                "room": room.join_code,
                "title": _safe_cell(room.title),
                "preset": room.preset,
                "round": round_.number,
                "announcement": _safe_cell(round_.announcement),
                "participant": _safe_cell(row.name),
                "forecast_pct": _pct(row.forecast),
                "forecast_low_pct": _pct(row.forecast_low),
                "forecast_high_pct": _pct(row.forecast_high),
                "model_in_own_range": row.model_in_range,
                "guessed_layer": (chain.text(row.refusing_layer, layers)
                                  if row.refusing_layer else None),
                "model_pct": _pct(row.use.estimate) if row.use else None,
                "model_ci_low_pct": _pct(row.use.ci_low) if row.use else None,
                "model_ci_high_pct": _pct(row.use.ci_high) if row.use else None,
                "difference_from_base_pts": _pct(row.difference.difference)
                if row.difference else None,
                "difference_ci_low_pts": _pct(row.difference.ci_low) if row.difference else None,
                "difference_ci_high_pts": _pct(row.difference.ci_high)
                if row.difference else None,
                "interaction_pts": _pct(row.interaction) if row.use else None,
                "model_refusing_layer": (chain.text(row.model_refusing_layer, layers)
                                         if row.model_refusing_layer else None),
                "guess_matches_model": (chain.same_kind(row.refusing_layer, layers,
                                                        row.model_refusing_layer, layers)
                                        if row.refusing_layer and row.model_refusing_layer
                                        else None),
                "base_pct": _pct(base.estimate) if base else None,
                "base_pi_low_pct": _pct(model.pi_low) if model else None,
                "base_pi_high_pct": _pct(model.pi_high) if model else None,
                "runs": summary.get("runs"),
                "seed": summary.get("seed"),
                "submitted_at": submission.submitted_at.isoformat(),
            }
            for name in names:
                value = values.get(name)
                line[name] = (value if isinstance(value, int) or value is None
                              else round(scalar(value), 4))
                effect = effects.get(name)
                line[EFFECT_COLUMN.format(name=name)] = _pct(effect) if effect is not None \
                    else None
            writer.writerow(line)
    return out.getvalue()


STYLE = """
body { font-family: system-ui, sans-serif; max-width: 1100px; margin: 2em auto; padding: 0 1em;
       color: #222; line-height: 1.45; }
h1 { margin-bottom: 0.2em; } h2 { border-top: 2px solid #ddd; padding-top: 1em; }
table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.95em; }
th, td { border: 1px solid #ccc; padding: 0.3em 0.6em; text-align: left; vertical-align: top; }
th { background: #f3f4f6; }
.announcement { background: #eef5fc; border-left: 4px solid #1f6fb2; padding: 0.6em 1em;
                white-space: pre-wrap; }
.meta, .caption { color: #555; font-size: 0.92em; }
.outcome { background: #eef8ee; border-left: 4px solid #3c8c3c; padding: 0.6em 1em; }
"""


def _table(frame: pd.DataFrame) -> str:
    """A DataFrame as an HTML table, every cell escaped."""
    return frame.to_html(index=False, escape=True, border=0, na_rep="–")


def _figure(fig) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False,
                       config={"displayModeBar": False, "responsive": True})


def _round_section(round_, submissions, lang: str) -> str:
    shown = revealed.round_results(round_, submissions)
    e = html.escape
    parts = [f"<section><h2>{e(tx(lang, 'round', n=round_.number))}</h2>"]
    if round_.announcement:
        parts.append(f'<p class="announcement">{e(round_.announcement)}</p>')
    parts.append(f'<p class="meta">{e(tables.setting_text(round_, lang))}</p>')
    if not shown.rows:
        parts.append(f"<p>{e(tx(lang, 'no_answers', n=round_.number))}</p></section>")
        return "".join(parts)
    if not shown.revealed_rows:
        status = tx(lang, "status_locked" if round_.locked else "status_open")
        parts.append(f"<p>{e(status)}</p>")
        parts.append(_table(tables.participants_table(shown, lang)))
        parts.append("</section>")
        return "".join(parts)
    parts.append(_table(pd.DataFrame([tables.headline(shown, lang)])))
    parts.append(f"<h3>{e(tx(lang, 'vs_heading', weeks=shown.horizon_weeks))}</h3>")
    parts.append(_figure(charts.forecasts_vs_model(shown, lang)))
    caption = tx(lang, "vs_caption", runs=count(shown.runs, lang), seed=shown.seed)
    parts.append(f'<p class="caption">{e(caption)}</p>')
    parts.append(_dated(shown, lang))
    parts.append(_uncertainty(shown, lang))
    parts.append(f"<h3>{e(tx(lang, 'effects_heading'))}</h3>")
    if shown.moved_effects:
        parts.append(_figure(charts.assumption_effects(shown, lang)))
        caption = tx(lang, "effects_caption", runs=count(shown.runs, lang))
        parts.append(f'<p class="caption">{e(caption)}</p>')
        parts.append(_table(tables.effects_table(shown, lang)))
    else:
        parts.append(f"<p>{e(tx(lang, 'effects_none'))}</p>")
    if unmoved := tables.unmoved_text(shown, lang):
        parts.append(f'<p class="caption">{e(unmoved)}</p>')
    parts.append(f"<h3>{e(tx(lang, 'attr_heading'))}</h3>")
    parts.append(f'<p class="caption">{e(tx(lang, "attr_caption"))}</p>')
    parts.append(_table(tables.attribution_table(shown, lang)))
    parts.append(_table(tables.participants_table(shown, lang)))
    parts.append("</section>")
    return "".join(parts)


def _dated(shown, lang: str) -> str:
    """A dated round's day: the room, the model given the record, forecasters, what followed."""
    as_of = shown.round.as_of
    if as_of is None:
        return ""
    e = html.escape
    lines = [dated.room_line([row.forecast for row in shown.rows], lang)]
    if shown.dated:
        lines.append(dated.model_line(shown.dated, lang))
    said = dated.forecast_lines(as_of, lang) or [tx(lang, "dated_forecasters_none")]
    table = (_table(dated.participants_table(shown, lang))
             + f'<p class="caption">{e(tx(lang, "dated_table_caption"))}</p>'
             if any(row.from_day for row in shown.rows) else "")
    return (f"<h3>{e(tx(lang, 'dated_heading', date=dated.day(as_of, lang)))}</h3>"
            + "".join(f"<p>{e(line)}</p>" for line in lines) + table
            + f'<p class="caption">{e(tx(lang, "dated_caption"))}</p>'
            + f"<h4>{e(tx(lang, 'dated_forecasters'))}</h4><ul>"
            + "".join(f"<li>{e(line)}</li>" for line in said)
            + f"</ul><h4>{e(tx(lang, 'dated_next'))}</h4><ul>"
            + "".join(f"<li>{e(line)}</li>" for line in dated.next_events(as_of, lang))
            + "</ul>")


def _uncertainty(shown, lang: str) -> str:
    """The room's ranges beside the model's predictive interval, and what each covers."""
    e = html.escape
    lines = "".join(f"<li>{e(line)}</li>" for line in tables.intervals_text(shown, lang))
    return (f"<h3>{e(tx(lang, 'ranges_heading'))}</h3>"
            + _table(pd.DataFrame([tables.ranges_summary(shown, lang)]))
            + f'<ul class="caption">{lines}</ul>')


def _references(lang: str) -> str:
    e = html.escape
    items = "".join(f"<li>{e(line)}</li>" for line in tables.reference_lines(lang))
    return (f"<section><h2>{e(tx(lang, 'calibration_heading'))}</h2><ul>{items}</ul>"
            f'<p class="outcome">{e(tx(lang, "outcome"))}</p></section>')


def _meta(room: Room, lang: str) -> str:
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    return (f"{tx(lang, 'code')}{formats.colon(lang)} {room.join_code} · "
            f"{charts.preset_name(room.preset, lang)} · "
            f"{room.created_at:%Y-%m-%d %H:%M} UTC · {generated}")


def html_report(store: WorkshopStore, code: str, lang: str = "en") -> str:
    """The whole room as one HTML file that opens offline: charts, tables, references."""
    lang = language(lang)
    room = store.room(code)
    e = html.escape
    sections = [_round_section(round_, store.submissions(code, round_.number), lang)
                for round_ in store.all_rounds(code)]
    return "".join([
        f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">',
        f"<title>{e(room.title)} – {e(tx(lang, 'title'))}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<style>{STYLE}</style>",
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>',
        "</head><body>",
        f"<h1>{e(room.title)}</h1><p class=\"meta\">{e(_meta(room, lang))}</p>",
        *sections,
        _references(lang),
        "</body></html>",
    ])


SHEET_STYLE = """
@page { size: A4; margin: 12mm; }
body { font-family: system-ui, sans-serif; font-size: 10.5pt; color: #111; line-height: 1.3;
       max-width: 190mm; margin: 0 auto; }
h1 { font-size: 16pt; margin: 0 0 2pt; } h2 { font-size: 12pt; margin: 10pt 0 3pt; }
.meta { color: #555; font-size: 9pt; margin: 0; }
.numbers { display: flex; gap: 6pt; margin: 6pt 0; }
.numbers div { flex: 1; border: 1px solid #bbb; padding: 3pt 6pt; }
.numbers b { display: block; font-size: 15pt; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #bbb; padding: 2pt 4pt; text-align: left; vertical-align: top; }
th { background: #eee; }
ol, ul { margin: 2pt 0; padding-left: 16pt; }
.notes { border: 1px solid #bbb; height: 28mm; }
@media screen { body { margin: 1.5em auto; } }
"""


def _latest_revealed(store: WorkshopStore, code: str):
    for round_ in reversed(store.all_rounds(code)):
        submissions = store.submissions(code, round_.number)
        if any(s.results for s in submissions):
            return revealed.round_results(round_, submissions)
    return None


def debrief_sheet(store: WorkshopStore, code: str, lang: str = "en",
                  top: int = 12) -> str:
    """One printable page (A4) for the debrief of the room's latest revealed round."""
    lang = language(lang)
    room = store.room(code)
    e = html.escape
    shown = _latest_revealed(store, code)
    parts = [f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">',
             f"<title>{e(room.title)} – {e(tx(lang, 'sheet_title'))}</title>",
             f"<style>{SHEET_STYLE}</style></head><body>",
             f"<h1>{e(room.title)} – {e(tx(lang, 'sheet_title'))}</h1>",
             f'<p class="meta">{e(_meta(room, lang))}</p>']
    if shown is None or not shown.revealed_rows:
        parts.append(f"<p>{e(tx(lang, 'sheet_nothing'))}</p>")
    else:
        parts.append(f"<h2>{e(tx(lang, 'results_heading', n=shown.round.number))}</h2>")
        parts.append(f'<p class="meta">{e(tables.setting_text(shown.round, lang))}</p>')
        numbers = "".join(f"<div>{e(label)}<b>{e(value)}</b></div>"
                          for label, value in tables.headline(shown, lang).items())
        parts.append(f'<div class="numbers">{numbers}</div>')
        parts.append(_uncertainty(shown, lang))
        parts.append(f"<h2>{e(tx(lang, 'effects_heading'))}</h2>")
        if shown.moved_effects:
            parts.append(_table(tables.effects_table(shown, lang).head(6)))
        else:
            parts.append(f"<p>{e(tx(lang, 'effects_none'))}</p>")
        parts.append(f"<h2>{e(tx(lang, 'attr_heading'))}</h2>")
        frame = tables.attribution_table(shown, lang, numbers=True)
        parts.append(_table(frame.head(top)))
        if len(frame) > top:
            parts.append(f'<p class="meta">{e(tx(lang, "sheet_more", n=len(frame) - top))}</p>')
    items = "".join(f"<li>{e(line)}</li>" for line in tables.reference_lines(lang))
    parts.append(f"<h2>{e(tx(lang, 'calibration_heading'))}</h2><ul>{items}</ul>")
    parts.append(f"<p>{e(tx(lang, 'outcome'))}</p>")
    questions = "".join(f"<li>{e(tx(lang, f'q_debrief_{k}'))}</li>" for k in range(1, 5))
    parts.append(f"<h2>{e(tx(lang, 'sheet_questions'))}</h2><ol>{questions}</ol>")
    parts.append(f"<h2>{e(tx(lang, 'sheet_notes'))}</h2><div class=\"notes\"></div>")
    parts.append("</body></html>")
    return "".join(parts)

