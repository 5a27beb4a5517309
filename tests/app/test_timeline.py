"""The page "The risk over time" (simulator/app/timeline.py), run headless with AppTest.

Its numbers are ``nowcast_series``'s (the same views, seed and weekly dates, run directly);
the date slider changes what the page says was known then and what came next; the French
page has no English word and French number formats.
"""

import datetime as dt
import json
import re

import plotly.graph_objects as go
from streamlit.testing.v1 import AppTest
from support.apptest import ok, open_app, page_path
from support.french import assert_french

from simulator.app import i18n
from simulator.app import timeline_compute as tc
from simulator.evidence import record
from simulator.locales import formats

PAGE = page_path("timeline")
OPENING = dt.date(2022, 11, 16)  # the first date the worlds are weighed on Ukraine's gains


def answers(at: AppTest) -> str:
    """The 'known then' answers: one bullet per view."""
    return next(m.value for m in at.markdown if m.value.startswith("- **"))


def said(at: AppTest, title_key: str, lang: str = "en") -> str:
    """The bullets shown under the bold title ``title_key`` (as read: escapes resolved)."""
    values = [m.value for m in at.markdown]
    return re.sub(r"\\(.)", r"\1", values[values.index(f"**{i18n.TEXT[lang][title_key]}**") + 1])


def point_at(series, day: dt.date):
    return next(p for p in series.points if p.as_of == day)


def answer_line(label: str, point, lang: str = "en") -> str:
    def pct(p):
        return formats.percent(lang, p, 2 if 0 < abs(p) < 0.01 else 1)

    interval = i18n.TEXT[lang]["format.interval"].format(low=pct(point.estimate.ci_low),
                                                         high=pct(point.estimate.ci_high))
    return i18n.TEXT[lang]["timeline.answer"].format(
        view=label, p=pct(point.estimate.estimate), interval=interval,
        ess=formats.number(lang, point.ess, 0, False))


def test_the_page_shows_each_views_series_and_the_slider_moves_what_was_known():
    at = open_app(page=PAGE)
    assert ok(at)
    baseline, hodges = tc.view_series("baseline"), tc.view_series("hodges")
    # Every week from 21 Sep 2022 to 21 Jun 2023 (the last whose 13 weeks fit in 52).
    slider = at.select_slider(key="timeline_day")
    assert slider.value == OPENING
    assert [p.as_of for p in baseline.points][0] == dt.date(2022, 9, 21)
    assert baseline.points[-1].as_of == dt.date(2023, 6, 21) and len(baseline.points) == 40
    # The chart: a band and a line per view, the forecasts, a numbered line per event.
    [chart] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    go.Figure(chart)  # valid by Plotly's schema (raises ValueError on an unknown property)
    lines = [t for t in chart["data"] if t.get("mode") == "lines"]
    assert [t["name"] for t in lines] == ["Baseline", "Alperovitch", "Alexander", "Hodges",
                                          "Kemp", "Experts pooled (equal weights)"]
    assert lines[0]["y"] == [p.estimate.estimate for p in baseline.points]
    forecasts = next(t for t in chart["data"] if t.get("mode") == "markers")
    assert len(forecasts["x"]) == len(record.default().scored_forecasts)
    events = tc.marked_events(record.default(), dt.date(2022, 9, 21), dt.date(2023, 6, 21))
    assert "territory-gain-nov-2022" in {e.id for e in events}
    assert [a["text"] for a in chart["layout"]["annotations"]] == [
        str(n + 1) for n in range(len(events))]
    # At the opening date: each view's answer, interval and ESS, as computed directly.
    shown = answers(at)
    assert answer_line("Baseline", point_at(baseline, OPENING)) in shown
    assert answer_line("Hodges", point_at(hodges, OPENING)) in shown
    facts = said(at, "timeline.facts_title")
    assert "No nuclear weapon used, no nuclear test, up to 16 Nov 2022" in facts
    assert "Ukraine regained several thousand km2" in facts  # known from 16 Nov
    assert "A truck bomb damaged the Kerch" in said(at, "timeline.context_title")
    # Moved to 10 May 2023: the answers, the facts and what happened next change with it.
    day = dt.date(2023, 5, 10)
    at.select_slider(key="timeline_day").set_value(day).run()
    assert ok(at)
    assert answers(at) != shown
    assert answer_line("Baseline", point_at(baseline, day)) in answers(at)
    facts = said(at, "timeline.facts_title")
    assert "up to 10 May 2023" in facts and "Russia made small net gains" not in facts
    after = said(at, "timeline.next_title")
    assert "24 May 2023: Russia made small net gains" in after
    assert "No nuclear weapon was used from 10 May 2023 to 8 Aug 2023" in after
    # The prequential scores, with the caveat that every period ended without use.
    scores = next(t.value for t in at.table if "Log score" in t.value.columns)
    assert scores.loc["Baseline", "Log score"] == f"{baseline.log_score:.4f}"
    assert scores.loc["Hodges", "Brier score"] == f"{hodges.brier:.5f}"
    assert any(c.value == i18n.TEXT["en"]["timeline.scores_caption"] for c in at.caption)
    # The year question cut at the model's horizon says so.
    assert any("runs past the model's year" in m.value and "Samotsvety" in m.value
               for m in at.markdown)


def test_the_views_can_be_picked_and_none_says_so():
    at = open_app(page=PAGE)
    at.multiselect(key="timeline_views").set_value(["kemp"]).run()
    assert ok(at)
    [chart] = [json.loads(e.proto.spec) for e in at.get("plotly_chart")]
    assert [t["name"] for t in chart["data"] if t.get("mode") == "lines"] == ["Kemp"]
    assert answers(at).count("- **") == 1
    at.multiselect(key="timeline_views").set_value([]).run()
    assert ok(at) and at.info[0].value == i18n.TEXT["en"]["timeline.need_one"]


def test_the_page_in_french():
    at = open_app({"lang": "fr"}, page=PAGE)
    assert_french(at)
    baseline = tc.view_series("baseline")
    assert answer_line("Référence", point_at(baseline, OPENING), "fr") in answers(at)
    assert "," in answer_line("Référence", point_at(baseline, OPENING), "fr")  # '4,1 %'
    day = dt.date(2023, 2, 22)
    # AppTest sends the slider's value as its label, formatted in this thread: in French, as
    # the browser would (the script runs in its own thread, which this does not touch).
    i18n._page_run.language = "fr"
    try:
        at.select_slider(key="timeline_day").set_value(day).run()
    finally:
        i18n._page_run.language = None
    assert_french(at)
    assert "22 févr. 2023" in said(at, "timeline.facts_title", "fr")
