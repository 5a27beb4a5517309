"""The workshop's exports (simulator/workshop/report.py): a tidy CSV guarded against
formulas, a printable debrief sheet, a self-contained and escaped HTML report.
"""

import io

import plotly.offline
import pytest
from support.workshop import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _room,
    paired,
)

from simulator.model.scenario import load
from simulator.running import engine
from simulator.workshop import results
from simulator.workshop.report import csv_text, debrief_sheet, html_report

pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)


def test_csv_export_is_tidy_and_guards_formulas(store, room):
    """One row per answer, one column per parameter, percentages as shown; no JSON cell."""
    import pandas as pd

    code, key = room
    _, ana = store.join(code, "=HYPERLINK(\"http://x\")")
    store.submit(code, ana, 1, 0.25, 2, {"chain.layers": 4, "west.influence": 0.8})
    _, bob = store.join(code, "Bob")
    store.submit(code, bob, 1, 0.125, None, {})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    store.start_next_round(code, key, 1, {"leader.resolve": 4}, "+ escalation")
    store.submit(code, ana, 2, 0.5)
    frame = pd.read_csv(io.StringIO(csv_text(store, code)))
    assert list(frame["round"]) == [1, 1, 2]
    for parameter in [*ALLOWED, "leader.resolve"]:  # the sliders, then the inject
        assert parameter in frame.columns and f"{parameter} effect_pts" in frame.columns
    for column in frame.columns:  # no JSON, no lists: every cell a number or plain text
        cells = frame[column].dropna().astype(str)
        assert not cells.str.startswith(("{", "[")).any(), column
    first, bob_row, second = (frame.iloc[i] for i in range(3))
    assert first["participant"] == "'=HYPERLINK(\"http://x\")"
    assert second["announcement"] == "'+ escalation"
    assert (first["chain.layers"], first["west.influence"]) == (4, 0.8)
    assert (bob_row["chain.layers"], bob_row["west.influence"]) == (5, 0.5)  # the base
    assert second["leader.resolve"] == 4
    assert first["forecast_pct"] == 25.0 and bob_row["forecast_pct"] == 12.5
    four = engine.run(load("baseline").with_overrides({"chain.layers": 4, "west.influence": 0.8}),
                      1_000, results.SEED, workers=1).estimates["nuclear_use"]
    assert first["model_pct"] == pytest.approx(round(100 * four.estimate, 2))
    assert first["chain.layers effect_pts"] == pytest.approx(
        round(100 * paired({"chain.layers": 4}, 1_000), 2))
    assert first["guessed_layer"] == "General Staff (Gerasimov), layer 2 of 4"
    assert (first["runs"], first["seed"]) == (1000, results.SEED)
    assert pd.isna(second["model_pct"])


def test_the_debrief_sheet_is_one_printable_page(store, room):
    code, key = room
    assert "No round has been revealed yet." in debrief_sheet(store, code)
    for name, params in (("Ana", {"chain.layers": 3}), ("<b>Bob</b>", {"west.influence": 0.9})):
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.1, None, params)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    sheet = debrief_sheet(store, code)
    assert "@page" in sheet and "<script" not in sheet and len(sheet) < 50_000
    assert "&lt;b&gt;Bob&lt;/b&gt;" in sheet and "<b>Bob</b>" not in sheet
    for words in ("Which assumptions moved results most",
                  "Layers that must agree 5 layers → 3 layers", "Samotsvety",
                  "Questions for the debrief", "Median forecast"):
        assert words in sheet
    french = debrief_sheet(store, code, "fr")
    assert '<html lang="fr">' in french and "Questions pour le débriefing" in french


def test_the_html_report_is_self_contained_and_escaped(store, room):
    code, key = room
    _, token = store.join(code, "<script>alert(1)</script>")
    store.submit(code, token, 1, 0.3, None, {"chain.layers": 2})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    store.start_next_round(code, key, 1, {}, "Round <two>")
    report = html_report(store, code)
    assert "<script>alert(1)</script>" not in report
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in report
    assert "Round &lt;two&gt;" in report
    assert report.count("<section>") == 3  # two rounds and the references
    # Works offline: plotly.js is inline (about 4.8 MB), nothing is fetched.
    assert plotly.offline.get_plotlyjs() in report
    assert "<script src" not in report and "<link" not in report
    assert len(report) < 6_000_000
    assert report.count("Plotly.newPlot") == 2  # round 1's two charts
    assert "Layers that must agree" in report  # plain words, not chain.layers
    assert "What moved each participant&#x27;s result" in report
