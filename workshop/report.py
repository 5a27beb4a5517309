"""The room for the debrief: a CSV of every answer and a self-contained HTML report.

- ``csv_text``: one row per answer over all rounds: the round's setting, the participant's
  forecast, guessed layer and parameters, and the model's result (flat columns, no JSON to
  unpack but the parameters). Text typed by people is guarded against spreadsheet formulas.
- ``html_report``: one file, one section per round, with the board's charts and tables. Plotly's
  JavaScript is inlined (about 4.8 MB) so the report opens without internet, as at many
  workshop venues. Every piece of text from the room is HTML-escaped.

Both are built from the store alone (results are stored at the reveal), so they can be made
after a restart or on another machine pointing at the same database.
"""

import csv
import html
import io
import json
from datetime import UTC, datetime

import pandas as pd
import plotly.offline

from ui import i18n
from ui import workshop_board as board
from ui import workshop_charts as charts
from ui import workshop_results as results
from ui.workshop_text import wt
from workshop.store import WorkshopStore

CSV_COLUMNS = (
    "room", "title", "preset", "round", "announcement", "round_overrides", "participant",
    "forecast", "refusing_layer", "params", "model_p_use", "model_ci_low", "model_ci_high",
    "difference_from_base", "difference_ci_low", "difference_ci_high", "model_refusing_layer",
    "base_p_use", "runs", "seed", "submitted_at",
)
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""A cell starting with one of these is run as a formula by spreadsheet programs."""


def _safe_cell(text: str) -> str:
    """Typed text as a CSV cell a spreadsheet shows rather than runs (OWASP CSV injection)."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_text(store: WorkshopStore, code: str) -> str:
    """Every answer of the room, one row each, with its results once revealed."""
    room = store.room(code)
    out = io.StringIO()
    writer = csv.DictWriter(out, CSV_COLUMNS, lineterminator="\n")
    writer.writeheader()
    for round_ in store.all_rounds(code):
        for submission in store.submissions(code, round_.number):
            row = results.row_of(submission)
            summary = (submission.results or {}).get("round", {})
            base = results.estimate_of(summary.get("base"))
            writer.writerow({
                "room": room.join_code,
                "title": _safe_cell(room.title),
                "preset": room.preset,
                "round": round_.number,
                "announcement": _safe_cell(round_.announcement),
                "round_overrides": json.dumps(round_.overrides, sort_keys=True),
                "participant": _safe_cell(row.name),
                "forecast": row.forecast,
                "refusing_layer": row.refusing_layer,
                "params": json.dumps(row.params, sort_keys=True),
                "model_p_use": row.use.estimate if row.use else None,
                "model_ci_low": row.use.ci_low if row.use else None,
                "model_ci_high": row.use.ci_high if row.use else None,
                "difference_from_base": row.difference.difference if row.difference else None,
                "difference_ci_low": row.difference.ci_low if row.difference else None,
                "difference_ci_high": row.difference.ci_high if row.difference else None,
                "model_refusing_layer": row.model_refusing_layer,
                "base_p_use": base.estimate if base else None,
                "runs": summary.get("runs"),
                "seed": summary.get("seed"),
                "submitted_at": submission.submitted_at.isoformat(),
            })
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


def _table(frame) -> str:
    """A DataFrame as an HTML table, every cell escaped."""
    return frame.to_html(index=False, escape=True, border=0, na_rep="–")


def _figure(fig) -> str:
    return fig.to_html(full_html=False, include_plotlyjs=False,
                       config={"displayModeBar": False, "responsive": True})


def _round_section(round_, submissions) -> str:
    shown = results.round_results(round_, submissions)
    e = html.escape
    parts = [f"<section><h2>{e(wt('round', n=round_.number))}</h2>"]
    if round_.announcement:
        parts.append(f'<p class="announcement">{e(round_.announcement)}</p>')
    parts.append(f'<p class="meta">{e(board.setting_text(round_))}</p>')
    if not shown.rows:
        parts.append(f"<p>{e(wt('no_answers', n=round_.number))}</p></section>")
        return "".join(parts)
    if not shown.revealed_rows:
        parts.append(f"<p>{e(wt('status_locked' if round_.locked else 'status_open'))}</p>")
        parts.append(_table(board.participants_table(shown)))
        parts.append("</section>")
        return "".join(parts)
    parts.append(_table(_headline_frame(shown)))
    parts.append(f"<h3>{e(wt('vs_heading', weeks=shown.horizon_weeks))}</h3>")
    parts.append(_figure(charts.forecasts_vs_model(shown)))
    caption = wt("vs_caption", runs=f"{shown.runs:,}", seed=shown.seed)
    parts.append(f'<p class="caption">{e(caption)}</p>')
    parts.append(f"<h3>{e(wt('effects_heading'))}</h3>")
    if any(charts.moved(effect) for effect in shown.effects):
        parts.append(_figure(charts.assumption_effects(shown)))
        parts.append(f'<p class="caption">{e(wt("effects_caption", runs=f"{shown.runs:,}"))}</p>')
        parts.append(_table(board.effects_table(shown)))
    else:
        parts.append(f"<p>{e(wt('effects_none'))}</p>")
    if unmoved := board.unmoved_text(shown):
        parts.append(f'<p class="caption">{e(unmoved)}</p>')
    parts.append(_table(board.participants_table(shown)))
    parts.append("</section>")
    return "".join(parts)


def _headline_frame(shown) -> pd.DataFrame:
    return pd.DataFrame([board.headline(shown)])


def _references() -> str:
    e = html.escape
    lines = [wt("reference_line", label=ref.label, figure=ref.figure, question=ref.question)
             for ref in results.REFERENCES]
    items = "".join(f"<li>{e(line)}</li>" for line in lines)
    return (f"<section><h2>{e(wt('calibration_heading'))}</h2><ul>{items}</ul>"
            f'<p class="outcome">{e(wt("outcome"))}</p></section>')


def html_report(store: WorkshopStore, code: str) -> str:
    """The whole room as one HTML file that opens offline: charts, tables, references."""
    room = store.room(code)
    e = html.escape
    rounds = store.all_rounds(code)
    sections = [_round_section(round_, store.submissions(code, round_.number))
                for round_ in rounds]
    generated = datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC")
    meta = (f"{wt('code')}: {room.join_code} · {charts.preset_name(room.preset)} · "
            f"{room.created_at:%Y-%m-%d %H:%M} UTC · {generated}")
    return "".join([
        f'<!doctype html><html lang="{i18n.language()}"><head><meta charset="utf-8">',
        f"<title>{e(room.title)} – {e(wt('title'))}</title>",
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<style>{STYLE}</style>",
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>',
        "</head><body>",
        f"<h1>{e(room.title)}</h1><p class=\"meta\">{e(meta)}</p>",
        *sections,
        _references(),
        "</body></html>",
    ])
