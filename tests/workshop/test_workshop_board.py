"""The workshop board (simulator/app/workshop_board.py): nothing before the reveal, each
change named with its effect after it, and names shown exactly as typed on the board,
in its charts and in the report.

Run headless with AppTest against a real SQLite file: every AppTest is one browser
session, a facilitator and participants are separate AppTests sharing the process's store
(st.cache_resource), as sessions share one server.
"""

import csv
import io
import json
import re
from html.parser import HTMLParser

import plotly.offline
import pytest
from support.apptest import metrics, ok
from support.workshop import (  # noqa: F401 (the _fixtures: pytest finds them by name)
    ALLOWED,
    _room,
    open_workshop,
    paired,
    table_of,
    texts,
)

from simulator.workshop import charts, results, revealed
from simulator.workshop.labels import percent
from simulator.workshop.report import csv_text, html_report

pytestmark = pytest.mark.usefixtures("workshop_db")  # a database of its own per test (conftest)


def test_the_board_shows_counts_but_no_answer_before_the_reveal(store, room):
    code, _ = room
    for name, forecast in (("Ana", 0.123), ("Bob", 0.456)):
        _, token = store.join(code, name)
        store.submit(code, token, 1, forecast, None, {"chain.layers": 4})
    at = open_workshop({"room": code, "view": "board"})
    assert ok(at)
    assert metrics(at)["Answers in round 1"] == "2 of 2"
    shown = texts(at) + "\n".join(str(m.value) for m in at.metric)
    assert "12.3%" not in shown and "45.6%" not in shown and "Ana" not in shown
    assert not at.table and not at.button  # read-only: no controls
    assert "Answered" not in texts(at)  # who answered: on the facilitator's view only


def test_three_participants_each_changing_a_different_parameter_are_each_named(store):
    """The acceptance case: no "5 -> 5, +0.00 pts" rows; each change named with its effect."""
    allowed = ["chain.layers", "leader.resolve", "west.influence", "chain.base_refusal"]
    room, key = store.create_room("Three", "baseline", allowed)
    code = room.join_code
    changes = {"Ana": {"chain.layers": 3}, "Bob": {"leader.resolve": 4.0},
               "Cy": {"west.influence": 0.9}}
    for name, params in changes.items():
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.1, None, params)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=2_000, allowed=allowed))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    moved = {e["parameter"]: e for e in shown.moved_effects}
    assert set(moved) == {"chain.layers", "leader.resolve", "west.influence"}
    for name, params in changes.items():
        (parameter, value), = params.items()
        effect = moved[parameter]
        assert effect["changed_by"] == 1 and effect["individual"][0]["name"] == name
        assert effect["mean"] == pytest.approx(paired(params)) and effect["mean"] != 0
        assert effect["low_value"] == effect["high_value"] == value
    assert shown.unmoved == ["chain.base_refusal"]
    at = open_workshop({"room": code, "view": "board"})
    assert ok(at)
    table = table_of(at, "Changed by").set_index("Assumption")
    assert set(table.index) == {"Layers that must agree", "Resolve when desperate",
                                "Western reach into Russian officers"}
    assert all(value == "1 of 3" for value in table["Changed by"])
    assert not any(value.startswith(("+0.00", "-0.00")) for value in table["Mean effect"])
    assert table.loc["Layers that must agree", "Base → values chosen"] == "5 layers → 3 layers"
    assert "Nobody changed: How willing officers are to refuse." in "\n".join(
        c.value for c in at.caption)


def test_names_are_escaped_in_charts(store, room):
    code, key = room
    for name in ("<b>Bob</b>", "Ana", "Ana"):
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.2)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    fig = charts.forecasts_vs_model(shown)
    labels = {y for trace in fig.data for y in (trace.y or ()) if y}
    assert {"&lt;b&gt;Bob&lt;/b&gt;", "Ana (1)", "Ana (2)"} <= labels
    assert "<b>Bob</b>" not in labels


@pytest.mark.parametrize("lang, twenty", [("en", "20%"), ("fr", "20\u00a0%")])
def test_the_board_writes_its_percentages_in_the_rooms_language(store, room, lang, twenty):
    """Plotly's own percent format writes '20%' in French too: the ticks and hovers are ours."""
    code, key = room
    _, token = store.join(code, "Ana")
    store.submit(code, token, 1, 0.2)
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))
    shown = revealed.round_results(store.current_round(code), store.submissions(code))
    fig = charts.forecasts_vs_model(shown, lang)
    assert twenty in fig.layout.xaxis.ticktext and fig.layout.xaxis.tickformat is None
    hovers = [text for trace in fig.data for text in (trace.customdata or ()) if text]
    assert "%{x" not in "".join(str(trace.hovertemplate) for trace in fig.data)
    assert percent(0.2, lang) in hovers  # Ana's own forecast, as the tables write it


PLOTLY_ENTITIES = {"mu": "\u03bc", "amp": "&", "lt": "<", "gt": ">", "nbsp": "\xa0",
                   "times": "\xd7", "plusmn": "\xb1", "deg": "\xb0"}
"""The named entities Plotly.js decodes in labels (svg_text_utils.js); it shows others as typed."""

TRICKY_NAME = 'O"Brien <b>&'


def plotly_shows(label: str) -> str:
    """The text Plotly.js shows for a label, failing if the label holds a tag (markup).

    Plotly reads labels as pseudo-HTML: ``<...>`` is a tag; in the text between tags it
    decodes the entities of PLOTLY_ENTITIES and numeric ones, and shows anything else as is.
    """
    assert "<" not in label, f"markup in a chart label: {label!r}"

    def decode(match: re.Match) -> str:
        ref = match.group(1)
        if ref.startswith("#"):
            number = int(ref[2:], 16) if ref[1] == "x" else int(ref[1:])
            return chr(number) if number <= 0x10FFFF else match.group(0)
        return PLOTLY_ENTITIES.get(ref, match.group(0))

    return re.sub(r"&(#\d+|#x[\da-fA-F]+|[a-z]+);", decode, label)


class _Report(HTMLParser):
    """The tags of an HTML page and the text of its table cells, as a browser reads them."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.cells: list[str] = []
        self._cell: list[str] | None = None
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        if tag == "td":
            self._cell = []

    def handle_endtag(self, tag):
        if tag == "td" and self._cell is not None:
            self.cells.append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def test_names_are_shown_exactly_as_typed_and_never_as_markup(store, room):
    """``O"Brien <b>&`` on the board, in the report and in the CSV: no &quot;, no bold."""
    code, key = room
    names = [TRICKY_NAME, "Ana & 'Bo'", "&amp; &#60;i&#62;"]
    for name in names:
        _, token = store.join(code, name)
        store.submit(code, token, 1, 0.2, None, {"chain.layers": 4})
    store.reveal(code, key, 1, lambda r, s: results.compute(r, s, runs=1_000, allowed=ALLOWED))

    at = open_workshop({"room": code, "view": "board"})
    assert ok(at)
    assert list(table_of(at, "Same layer?")["Participant"]) == names  # as the browser shows it
    figures = [json.loads(chart.proto.spec) for chart in at.get("plotly_chart")]
    ours = {charts.reference_label(ref) for ref in results.REFERENCES}  # <br> on purpose
    shown = {plotly_shows(label) for figure in figures for trace in figure["data"]
             for label in (trace.get("y") or ()) if isinstance(label, str) and label not in ours}
    assert set(names) <= shown
    # No Markdown element carries a name: it could only be rendered, not shown as typed.
    assert not any(name in texts(at) for name in names)

    report = html_report(store, code)
    page = _Report(report)
    assert set(names) <= set(page.cells)  # the participants table, as a browser reads it
    assert "b" not in page.tags and "i" not in page.tags  # no markup from a name
    without_plotly = report.replace(plotly.offline.get_plotlyjs(), "")
    assert "&quot;" not in without_plotly and "&amp;quot;" not in without_plotly
    for name in names:  # the chart labels in the report, as Plotly shows them
        assert json.dumps(charts.plotly_text(name))[1:-1] in without_plotly
        assert plotly_shows(charts.plotly_text(name)) == name
    assert [row["participant"] for row in csv.DictReader(io.StringIO(csv_text(store, code)))
            ] == names
